using System.Diagnostics;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MeetingAssist.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class ProjectorTests(BrowserFixture browser) : ScreenTest(browser)
{
    [Fact]
    public async Task GiveFloor_OnChairPage_ProjectorShowsSpeakerWithinOneSecond()
    {
        var projector = await OpenAsync("/projector", 1920, 1080);
        var chair = await OpenAsStaffAsync("/chair", "chair", 1024, 768);
        await WaitConnectedAsync(projector);
        await StartMeetingAsync(chair);
        await Expect(projector.Locator("#idle-main")).ToHaveTextAsync("Xin mời chờ chủ trì điều hành");

        var invite = chair.GetByRole(AriaRole.Button, new() { Name = "Mời phát biểu: Trần Thị Hương", Exact = true });
        await Expect(invite).ToBeEnabledAsync();
        var clock = Stopwatch.StartNew();
        await invite.ClickAsync();
        await Expect(projector.Locator("#name")).ToHaveTextAsync("Trần Thị Hương", new() { Timeout = 1000 });
        var shownAfter = clock.ElapsedMilliseconds;

        await Expect(projector.Locator("#kind")).ToHaveTextAsync("Phát biểu");
        await Expect(projector.Locator("#detail")).ToHaveTextAsync("Thôn Tây");
        await Expect(projector.Locator("#topic")).ToContainTextAsync("giấy chứng nhận quyền sử dụng đất");
        await Expect(projector.Locator("#timer-value")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^(3:00|2:5\d)$"));
        await Expect(projector.Locator("#next li").First).ToContainTextAsync("Nguyễn Văn Bình");
        await Expect(projector.Locator("#next li:visible")).ToHaveCountAsync(5);
        await Expect(chair.Locator("#name")).ToHaveTextAsync("Trần Thị Hương");
        Assert.True(shownAfter < 1000, $"The projector showed the speaker after {shownAfter} ms.");

        // The chair and the projector count down from the same server clock.
        var onChair = await chair.Locator("#timer-value").TextContentAsync();
        var onProjector = await projector.Locator("#timer-value").TextContentAsync();
        Assert.True(Seconds(onChair) - Seconds(onProjector) is >= -1 and <= 1, $"chair {onChair}, projector {onProjector}");

        await projector.WaitForFunctionAsync("() => document.querySelector('#qr').naturalWidth > 0");
        await Expect(projector.Locator("#url")).ToContainTextAsync("/ask?m=");
        await ScreenshotAsync(projector, "projector-1920x1080");
        await projector.SetViewportSizeAsync(1280, 720);
        await ScreenshotAsync(projector, "projector-1280x720");
        await ScreenshotAsync(chair, "chair-1024x768");
    }

    [Fact]
    public async Task ServerKilledAndRestarted_ProjectorRecoversWithinFiveSeconds()
    {
        var projector = await OpenAsync("/projector", 1280, 720);
        var chair = await OpenAsStaffAsync("/chair", "chair", 1024, 768);
        await WaitConnectedAsync(projector);
        await Expect(projector.Locator("#idle-main")).ToHaveTextAsync("Hội nghị sắp bắt đầu");

        Server.Kill();
        await Expect(projector.Locator("[data-connection]")).ToHaveAttributeAsync("data-state", "reconnecting");
        await ScreenshotAsync(projector, "projector-reconnecting");

        await Server.StartAgainAsync();
        var back = Stopwatch.StartNew();
        await Expect(projector.Locator("[data-connection]")).ToHaveAttributeAsync("data-state", "connected", new() { Timeout = 5000 });
        Assert.True(back.ElapsedMilliseconds < 5000, $"Recovered after {back.ElapsedMilliseconds} ms.");

        // Live again, not just connected: a command after the restart reaches the projector.
        await WaitConnectedAsync(chair);
        await StartMeetingAsync(chair);
        await chair.GetByRole(AriaRole.Button, new() { Name = "Mời người tiếp theo" }).ClickAsync();
        await Expect(projector.Locator("#name")).ToHaveTextAsync("Nguyễn Văn Bình");
    }

    [Fact]
    public async Task Countdown_AmberAtThirtySeconds_RedAndOvertimeAfterZero()
    {
        var projector = await OpenAsync("/projector", 1280, 720);
        (int Allotted, int Extended, int Elapsed, string Text, string State)[] cases =
        [
            (180_000, 0, 60_000, "2:00", "ok"),
            (180_000, 0, 150_000, "0:30", "warn"),
            (180_000, 30_000, 150_000, "1:00", "ok"),
            (180_000, 0, 180_000, "0:00", "over"),
            (180_000, 0, 192_400, "+0:12", "over"),
            (0, 0, 75_000, "1:15", "open"),
        ];
        foreach (var c in cases)
        {
            // A running turn: 1000 ms accumulated before a pause, the rest since it resumed at server time 5000.
            var result = await projector.EvaluateAsync<string[]>(
                "([a, x, e]) => { const c = MA.countdown({ allottedMs: a, extendedMs: x, accumulatedMs: 1000, runningSinceMs: 5000 }, 5000 + e - 1000); return [c.text, c.state]; }",
                new[] { c.Allotted, c.Extended, c.Elapsed });
            Assert.Equal([c.Text, c.State], result);
        }
    }

    private static int Seconds(string? text)
    {
        var parts = (text ?? "0:00").TrimStart('+').Split(':');
        return int.Parse(parts[0]) * 60 + int.Parse(parts[1]);
    }
}
