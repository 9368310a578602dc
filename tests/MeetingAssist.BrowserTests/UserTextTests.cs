using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MeetingAssist.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class UserTextTests(BrowserFixture browser) : ScreenTest(browser)
{
    private const string Hostile = "<script>alert(1)</script>";

    [Fact]
    public async Task NameWithScriptTag_ShowsAsLiteralTextEverywhere_NoDialog()
    {
        var projector = await OpenAsync("/projector", 1280, 720);
        var desk = await OpenAsStaffAsync("/desk", "desk", 1280, 800);
        var chair = await OpenAsStaffAsync("/chair", "chair", 1024, 768);

        await desk.GetByRole(AriaRole.Combobox, new() { Name = "Họ và tên" }).FillAsync(Hostile);
        await desk.GetByLabel("Thôn/Tổ dân phố").FillAsync("<b>Thôn</b> Đông");
        var topic = desk.GetByLabel("Nội dung", new() { Exact = true });
        await topic.FillAsync("<img src=x onerror=alert(2)>");
        await topic.PressAsync("Enter");
        await Expect(QueueRows(desk).Last).ToContainTextAsync("13. " + Hostile);

        var row = QueueRows(chair).Last;
        await Expect(row).ToContainTextAsync(Hostile);
        await StartMeetingAsync(chair);
        await chair.GetByRole(AriaRole.Button, new() { Name = "Mời phát biểu: " + Hostile, Exact = true }).ClickAsync();

        await Expect(projector.Locator("#name")).ToHaveTextAsync(Hostile);
        await Expect(projector.Locator("#detail")).ToHaveTextAsync("<b>Thôn</b> Đông");
        await Expect(projector.Locator("#topic")).ToHaveTextAsync("<img src=x onerror=alert(2)>");
        await Expect(chair.Locator("#name")).ToHaveTextAsync(Hostile);
        foreach (var page in new[] { projector, chair, desk })
        {
            Assert.Equal(0, await page.Locator("main script, main b, main img:not(#qr)").CountAsync());
        }
        Assert.Empty(Dialogs);
    }
}
