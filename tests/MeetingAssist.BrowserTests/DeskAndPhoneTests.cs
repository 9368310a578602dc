using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MeetingAssist.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class DeskAndPhoneTests(BrowserFixture browser) : ScreenTest(browser)
{
    [Fact]
    public async Task PhoneRequest_ReachesDesk_ApprovalShowsPositionOnPhone()
    {
        var phone = await OpenAsync("/ask", 390, 844, touch: true);
        await WaitConnectedAsync(phone);
        await Expect(phone.Locator("h1")).ToContainTextAsync("xã Kiến Minh");
        await phone.GetByLabel("Họ và tên").FillAsync("Hoàng Thị Ểnh");
        await phone.GetByLabel("Thôn/Tổ dân phố").FillAsync("Thôn Đông");
        await phone.GetByLabel("Nội dung muốn phát biểu").FillAsync("Đề nghị sửa cống thoát nước trước mùa mưa bão");
        await phone.GetByLabel("Lĩnh vực").SelectOptionAsync("Hạ tầng giao thông – thủy lợi");
        await ScreenshotAsync(phone, "phone-form-390x844");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Gửi đăng ký" }).ClickAsync();
        await Expect(phone.Locator("#state")).ToHaveTextAsync("Đang chờ duyệt");

        var desk = await OpenAsStaffAsync("/desk", "desk", 1280, 800);
        var pending = desk.Locator("#pending > li");
        await Expect(pending).ToHaveCountAsync(1);
        await Expect(pending.First).ToContainTextAsync("Hoàng Thị Ểnh – Thôn Đông");
        await ScreenshotAsync(desk, "desk-pending");
        await desk.GetByRole(AriaRole.Button, new() { Name = "Duyệt: Hoàng Thị Ểnh" }).ClickAsync();

        await Expect(pending).ToHaveCountAsync(0);
        await Expect(QueueRows(desk)).ToHaveCountAsync(13);
        await Expect(QueueRows(desk).Last).ToContainTextAsync("13. Hoàng Thị Ểnh");
        await Expect(phone.Locator("#state")).ToHaveTextAsync("Thứ tự 13 trong danh sách");
        await ScreenshotAsync(phone, "phone-status-390x844");

        // The request survives a reload of the phone page.
        await phone.ReloadAsync();
        await Expect(phone.Locator("#state")).ToHaveTextAsync("Thứ tự 13 trong danh sách");
    }

    [Fact]
    public async Task DeskSlip_KeyboardOnly_PicksKnownPersonRegistersAndRefocusesName()
    {
        var desk = await OpenAsStaffAsync("/desk", "desk", 1280, 800);
        var name = desk.GetByRole(AriaRole.Combobox, new() { Name = "Họ và tên" });
        await Expect(name).ToBeFocusedAsync();
        // Typed without diacritics, as a hurried desk does.
        await name.PressSequentiallyAsync("nguyen van b");
        var option = desk.GetByRole(AriaRole.Option).Filter(new() { HasText = "Nguyễn Văn Bình" });
        await Expect(option).ToBeVisibleAsync();
        await ScreenshotAsync(desk, "desk-suggestions");
        await name.PressAsync("ArrowDown");
        await name.PressAsync("Enter");
        await Expect(name).ToHaveValueAsync("Nguyễn Văn Bình");
        await Expect(desk.GetByLabel("Thôn/Tổ dân phố")).ToHaveValueAsync("Thôn Đông");
        var topic = desk.GetByLabel("Nội dung", new() { Exact = true });
        await Expect(topic).ToBeFocusedAsync();
        await topic.PressSequentiallyAsync("Đề nghị lắp thêm đèn đường");
        await topic.PressAsync("Enter");

        await Expect(desk.Locator("#done")).ToHaveTextAsync("Đã đăng ký: Nguyễn Văn Bình");
        await Expect(QueueRows(desk)).ToHaveCountAsync(13);
        await Expect(QueueRows(desk).Last).ToContainTextAsync("Đề nghị lắp thêm đèn đường");
        await Expect(name).ToHaveValueAsync("");
        await Expect(name).ToBeFocusedAsync();
    }
}
