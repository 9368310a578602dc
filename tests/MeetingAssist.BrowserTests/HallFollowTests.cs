using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MeetingAssist.BrowserTests;

/// <summary>Screens opened without ?m= follow the meeting the hall puts on screen, the phone page included.</summary>
[Collection(BrowserCollection.Name)]
public sealed class HallFollowTests(BrowserFixture browser) : ScreenTest(browser)
{
    private const string SecondTitle = "Đối thoại với đoàn viên thanh niên xã Kiến Minh";

    private static async Task SendAsync(IPage phone, string name, string topic)
    {
        await phone.GetByLabel("Họ và tên").FillAsync(name);
        await phone.GetByLabel("Thôn/Tổ dân phố").FillAsync("Thôn Đông");
        await phone.GetByLabel("Nội dung muốn phát biểu").FillAsync(topic);
        await phone.GetByRole(AriaRole.Button, new() { Name = "Gửi đăng ký" }).ClickAsync();
    }

    private static ILocator Cards(IPage phone) => phone.Locator("#mine-list > li");

    [Fact]
    public async Task AnotherMeetingPutOnScreen_ProjectorAndPhoneSwitchWithoutReload_PhoneRequestLandsInIt()
    {
        var first = await CurrentMeetingIdAsync();
        var second = await CreateMeetingAsync(SecondTitle);

        var projector = await OpenAsync("/projector", 1920, 1080);
        await WaitConnectedAsync(projector);
        var phone = await OpenAsync("/ask", 390, 844, touch: true);
        await WaitConnectedAsync(phone);
        await Expect(phone.Locator("#title")).Not.ToHaveTextAsync(SecondTitle);
        await Expect(phone.Locator("#title")).Not.ToHaveTextAsync("Đang tải…");
        // A request in the first meeting, to see the list change with the meeting.
        await SendAsync(phone, "Lê Thị Ngọc Ánh", "Đề nghị lắp đèn đường thôn Đông");
        await Expect(Cards(phone)).ToHaveCountAsync(1);
        // Marks that disappear if a page reloads: the switch must happen live.
        await projector.EvaluateAsync("() => { window.notReloaded = true; }");
        await phone.EvaluateAsync("() => { window.notReloaded = true; }");

        await using (var admin = await StaffApiAsync("admin"))
        {
            var response = await admin.PostAsync($"/api/meetings/{second}/on-screen");
            Assert.True(response.Ok, $"Putting the meeting on screen failed: {response.Status} {await response.TextAsync()}");
        }

        await Expect(projector.Locator("#title")).ToHaveTextAsync(SecondTitle);
        await Expect(phone.Locator("#title")).ToHaveTextAsync(SecondTitle);
        Assert.True(await projector.EvaluateAsync<bool>("() => window.notReloaded === true"));
        Assert.True(await phone.EvaluateAsync<bool>("() => window.notReloaded === true"));
        // The first meeting's request is not this meeting's: the list is empty and the form is offered.
        await Expect(Cards(phone)).ToHaveCountAsync(0);
        await Expect(phone.Locator("#form")).ToBeVisibleAsync();

        await SendAsync(phone, "Phạm Văn Đức", "Hỏi về sân chơi cho thanh thiếu niên");
        await Expect(Cards(phone)).ToHaveCountAsync(1);
        await Expect(Cards(phone).First.Locator(".a-state")).ToHaveTextAsync("Đang chờ duyệt");

        var secondDesk = await OpenAsStaffAsync($"/desk?m={second}", "desk");
        await Expect(secondDesk.Locator("#pending > li")).ToHaveCountAsync(1);
        await Expect(secondDesk.Locator("#pending > li")).ToContainTextAsync("Phạm Văn Đức");
        var firstDesk = await OpenAsStaffAsync($"/desk?m={first}", "desk");
        await Expect(firstDesk.Locator("#pending > li")).ToHaveCountAsync(1);
        await Expect(firstDesk.Locator("#pending > li")).ToContainTextAsync("Lê Thị Ngọc Ánh");

        // Reloaded, the phone still shows this meeting's request only.
        await phone.ReloadAsync();
        await WaitConnectedAsync(phone);
        await Expect(phone.Locator("#title")).ToHaveTextAsync(SecondTitle);
        await Expect(Cards(phone)).ToHaveCountAsync(1);
        await Expect(Cards(phone).First).ToContainTextAsync("Hỏi về sân chơi cho thanh thiếu niên");
    }
}
