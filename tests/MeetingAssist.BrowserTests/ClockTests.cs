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
        // Both projectors tick on their own every 200 ms, so reading them one after the other can straddle a
        // change of second. What the hall notices is when each one changes: watch both through the same change
        // and compare the instants (measured on this machine's true clock).
        var (normalChange, skewedChange, shown) = await WatchNextChangeAsync(projector, skewed);
        var apartMs = Math.Abs(normalChange - skewedChange);
        Assert.True(apartMs < 500, $"the two projectors reached {shown} {apartMs} ms apart");
        Assert.Matches(@"^(3:00|2:5\d)$", shown);
    }

    private static int Seconds(string text)
    {
        var parts = text.Split(':');
        return int.Parse(parts[0]) * 60 + int.Parse(parts[1]);
    }

    /// <summary>The true instants (ms) at which each page first shows the second below what both show now.</summary>
    private static async Task<(long First, long Second, string Shown)> WatchNextChangeAsync(IPage first, IPage second)
    {
        var now = Math.Min(Seconds((await first.Locator("#timer-value").TextContentAsync())!),
            Seconds((await second.Locator("#timer-value").TextContentAsync())!));
        var target = now - 1;
        long? firstAt = null, secondAt = null;
        var deadline = DateTimeOffset.UtcNow.AddSeconds(5);
        while ((firstAt is null || secondAt is null) && DateTimeOffset.UtcNow < deadline)
        {
            foreach (var (page, isFirst) in new[] { (first, true), (second, false) })
            {
                if (isFirst ? firstAt is not null : secondAt is not null) continue;
                var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                var text = await page.Locator("#timer-value").TextContentAsync();
                // The read happened somewhere between the two instants; take the earlier so polling never
                // makes a page look later than it was.
                if (Seconds(text!) <= target)
                {
                    if (isFirst) firstAt = before; else secondAt = before;
                }
            }
            await Task.Delay(15);
        }
        Assert.True(firstAt is not null && secondAt is not null, "the countdown did not move within 5 s");
        return (firstAt!.Value, secondAt!.Value, $"{target / 60}:{target % 60:00}");
    }
}
