using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MeetingAssist.BrowserTests;

/// <summary>The phone page as a citizen uses it: a request, a withdrawal, a second request, and a closed list.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PhoneRequestTests(BrowserFixture browser) : ScreenTest(browser)
{
    private static async Task SendAsync(IPage phone, string name, string topic)
    {
        await phone.GetByLabel("Họ và tên").FillAsync(name);
        await phone.GetByLabel("Thôn/Tổ dân phố").FillAsync("Thôn Đông");
        await phone.GetByLabel("Nội dung muốn phát biểu").FillAsync(topic);
        await phone.GetByRole(AriaRole.Button, new() { Name = "Gửi đăng ký" }).ClickAsync();
    }

    private static ILocator Cards(IPage phone) => phone.Locator("#mine-list > li");

    [Fact]
    public async Task PhoneRequest_Withdrawal_AndASecondRequest_AreAllKept()
    {
        var phone = await OpenAsync("/ask", 390, 844, touch: true);
        await WaitConnectedAsync(phone);
        await SendAsync(phone, "Hoàng Thị Ểnh", "Đề nghị sửa cống thoát nước");
        await Expect(Cards(phone)).ToHaveCountAsync(1);
        await Expect(Cards(phone).First.Locator(".a-state")).ToHaveTextAsync("Đang chờ duyệt");
        await Expect(phone.Locator("#form")).ToBeHiddenAsync();

        await Cards(phone).First.GetByRole(AriaRole.Button, new() { Name = "Rút đăng ký" }).ClickAsync();
        await phone.Locator("#confirm").GetByRole(AriaRole.Button, new() { Name = "Rút đăng ký" }).ClickAsync();
        await Expect(Cards(phone).First.Locator(".a-state")).ToHaveTextAsync("Đã rút đăng ký");
        await Expect(Cards(phone).First.GetByRole(AriaRole.Button, new() { Name = "Rút đăng ký" })).ToHaveCountAsync(0);

        await phone.GetByRole(AriaRole.Button, new() { Name = "Gửi đăng ký khác" }).ClickAsync();
        await SendAsync(phone, "Hoàng Thị Ểnh", "Hỏi về lịch tiêm phòng cho trẻ");
        await Expect(Cards(phone)).ToHaveCountAsync(2);

        // The desk approves the second: the phone shows its place, and the first request is still listed as withdrawn.
        var desk = await OpenAsStaffAsync("/desk", "desk", 1280, 800);
        await Expect(desk.Locator("#pending > li")).ToHaveCountAsync(1);
        await desk.GetByRole(AriaRole.Button, new() { Name = "Duyệt: Hoàng Thị Ểnh" }).ClickAsync();
        var newest = Cards(phone).Nth(0);
        var oldest = Cards(phone).Nth(1);
        await Expect(newest.Locator(".a-state")).ToHaveTextAsync("Thứ tự 13 trong danh sách");
        await Expect(newest).ToContainTextAsync("Hỏi về lịch tiêm phòng cho trẻ");
        await Expect(oldest.Locator(".a-state")).ToHaveTextAsync("Đã rút đăng ký");
        await ScreenshotAsync(phone, "phone-two-requests-390x844", fullPage: true);

        await phone.ReloadAsync();
        await Expect(Cards(phone)).ToHaveCountAsync(2);
        await Expect(Cards(phone).Nth(0).Locator(".a-state")).ToHaveTextAsync("Thứ tự 13 trong danh sách");

        // Withdrawing a waiting request takes it out of the queue the desk sees.
        await Cards(phone).Nth(0).GetByRole(AriaRole.Button, new() { Name = "Rút đăng ký" }).ClickAsync();
        await phone.Locator("#confirm").GetByRole(AriaRole.Button, new() { Name = "Rút đăng ký" }).ClickAsync();
        await Expect(Cards(phone).Nth(0).Locator(".a-state")).ToHaveTextAsync("Đã rút đăng ký");
        await Expect(QueueRows(desk)).ToHaveCountAsync(12);
    }

    [Fact]
    public async Task ClosedList_IsShownBeforeTheFormIsFilled()
    {
        var chair = await OpenAsStaffAsync("/chair", "chair", 1024, 768, touch: true);
        await chair.GetByRole(AriaRole.Button, new() { Name = "Đóng danh sách" }).ClickAsync();
        await Expect(chair.GetByRole(AriaRole.Button, new() { Name = "Mở lại danh sách" })).ToBeVisibleAsync();

        var phone = await OpenAsync("/ask", 390, 844, touch: true);
        await WaitConnectedAsync(phone);
        await Expect(phone.Locator("#closed")).ToHaveTextAsync("Danh sách đăng ký phát biểu đã đóng. Xin cảm ơn quý vị.");
        await Expect(phone.Locator("#form")).ToBeHiddenAsync();
        await ScreenshotAsync(phone, "phone-list-closed-390x844");

        // Reopened: the form comes back by itself.
        await chair.GetByRole(AriaRole.Button, new() { Name = "Mở lại danh sách" }).ClickAsync();
        await Expect(phone.Locator("#form")).ToBeVisibleAsync();
        await Expect(phone.Locator("#closed")).ToBeHiddenAsync();
    }
}
