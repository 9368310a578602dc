using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MeetingAssist.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class ClockTests(BrowserFixture browser) : ScreenTest(browser)
{
    /// <summary>The page's estimate of the server clock minus the real time (server and test share this machine's clock).</summary>
    private static async Task<double> ErrorMsAsync(IPage page)
    {
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var estimate = await page.EvaluateAsync<double>("() => MA.clock.now()");
        var after = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        return estimate - (before + after) / 2.0;
    }

    [Fact]
    public async Task ProjectorWithAWrongClock_ShowsTheSameCountdown_WithinHalfASecond()
    {
        var chair = await OpenAsStaffAsync("/chair", "chair", 1024, 768);
        var projector = await OpenAsync("/projector", 1280, 720);
        // A second projector whose machine clock is seven minutes fast, as a neglected hall PC may be.
        var skewed = await OpenAsync("about:blank", 1280, 720);
        await skewed.Context.Clock.SetSystemTimeAsync(DateTime.UtcNow.AddMinutes(7));
        await skewed.GotoAsync("/projector");
        await WaitConnectedAsync(projector);
        await WaitConnectedAsync(skewed);
        var localSkew = await skewed.EvaluateAsync<double>("() => Date.now()") - DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        Assert.True(localSkew > 6 * 60_000, $"the page's own clock should be about 7 minutes fast, was {localSkew} ms");
        await skewed.WaitForFunctionAsync("() => MA.clock.synced");

        foreach (var page in new[] { chair, projector, skewed })
        {
            var error = await ErrorMsAsync(page);
            Assert.True(Math.Abs(error) < 500, $"{page.Url}: server clock estimate off by {error:F0} ms");
        }

        await StartMeetingAsync(chair);
        await chair.GetByRole(AriaRole.Button, new() { Name = "Mời người tiếp theo" }).ClickAsync();
        await Expect(skewed.Locator("#name")).ToHaveTextAsync("Nguyễn Văn Bình");
        await Expect(projector.Locator("#name")).ToHaveTextAsync("Nguyễn Văn Bình");
        // Both projectors show the same second (they tick on their own, so allow the instant between reads).
        var a = await projector.Locator("#timer-value").TextContentAsync();
        var b = await skewed.Locator("#timer-value").TextContentAsync();
        var c = await projector.Locator("#timer-value").TextContentAsync();
        Assert.True(b == a || b == c, $"projector {a}/{c}, projector with a wrong clock {b}");
        Assert.Matches(@"^(3:00|2:5\d)$", b);
    }
}
