using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace MeetingAssist.BrowserTests;

/// <summary>
/// The hall's four kinds of screen — projector, chair's tablet, desk and a citizen's phone — behind a link that is
/// cut, stalled, and then a server that is killed and restarted. While each fault lasts the meeting changes (its
/// title, edited by the admin on the server's own address); the figure is the time from the fault's end (link
/// restored, or the restarted server answering) until each screen shows the change. Target: under 2 s.
/// Short mode: each fault once. MEETINGASSIST_FULL_PROOFS=1: each fault ten times.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReconnectionTests(BrowserFixture browser, ITestOutputHelper output) : ScreenTest(browser)
{
    private static bool FullMode => Environment.GetEnvironmentVariable("MEETINGASSIST_FULL_PROOFS") == "1";

    /// <summary>A loose guard for a loaded CI machine; the figures printed are what is compared with the 2 s target.</summary>
    private const int GuardMs = 6000;

    private sealed record Screen(string Name, IPage Page);

    [Fact]
    public async Task EveryScreen_ShowsTheCurrentMeeting_SoonAfterACut_AStall_AndARestart()
    {
        await using var proxy = new LinkProxy(Server.Port);
        // Signed in once: its session outlives the restart, so the change after a restart costs one request.
        await using var admin = await StaffApiAsync("admin");
        var meetingId = await CurrentMeetingIdAsync();
        var screens = new List<Screen>
        {
            new("projector", await OpenAsync("/projector", 1280, 720, through: proxy.BaseUrl)),
            new("chair", await OpenAsStaffAsync("/chair", "chair", 1024, 768, touch: true, through: proxy.BaseUrl)),
            new("desk", await OpenAsStaffAsync("/desk", "desk", 1280, 800, through: proxy.BaseUrl)),
            new("phone", await OpenAsync("/ask", 390, 844, touch: true, through: proxy.BaseUrl)),
        };
        foreach (var screen in screens) await WaitConnectedAsync(screen.Page);

        var rounds = FullMode ? 10 : 1;
        var figures = new Dictionary<string, List<double>> { ["cut"] = [], ["stall 4 s"] = [], ["stall 14 s"] = [], ["restart"] = [] };
        var change = 0;
        for (var round = 0; round < rounds; round++)
        {
            // A cut: the switch loses power for three seconds while the admin edits the meeting.
            proxy.Cut();
            await Task.Delay(500);
            var title = $"Hội nghị đối thoại – thay đổi {++change}";
            await RenameMeetingAsync(admin, meetingId, title);
            await Task.Delay(2500);
            var clock = Stopwatch.StartNew();
            proxy.Restore();
            figures["cut"].AddRange(await TimeUntilShownAsync(screens, title, clock));

            // A short stall: nothing passes for four seconds, less than the pages' 10 s silence limit, so the old
            // links survive and carry the change as soon as the bytes flow.
            proxy.Stall();
            title = $"Hội nghị đối thoại – thay đổi {++change}";
            await RenameMeetingAsync(admin, meetingId, title);
            await Task.Delay(4000);
            clock = Stopwatch.StartNew();
            proxy.Restore();
            figures["stall 4 s"].AddRange(await TimeUntilShownAsync(screens, title, clock));

            // A long stall: the pages give up on the silent links and keep trying new ones, which stall too.
            if (round == 0 || round % 3 == 0)
            {
                proxy.Stall();
                title = $"Hội nghị đối thoại – thay đổi {++change}";
                await RenameMeetingAsync(admin, meetingId, title);
                await Task.Delay(14_000);
                clock = Stopwatch.StartNew();
                proxy.Restore();
                figures["stall 14 s"].AddRange(await TimeUntilShownAsync(screens, title, clock));
            }

            // A restart: the server process is killed and started again; the clock starts when it answers, and
            // stops when each screen has joined the new process and drawn the snapshot it sent.
            Server.Kill();
            await Task.WhenAll(screens.Select(s => Expect(s.Page.Locator("[data-connection]").First).Not.ToHaveAttributeAsync("data-state", "connected")));
            await Server.StartAgainAsync();
            clock = Stopwatch.StartNew();
            figures["restart"].AddRange(await TimeUntilAsync(screens, "rejoined the restarted server",
                "() => document.querySelector('[data-connection]')?.dataset.state === 'connected'", clock));
            // And the rejoined screens follow what changes next.
            title = $"Hội nghị đối thoại – thay đổi {++change}";
            await RenameMeetingAsync(admin, meetingId, title);
            await TimeUntilShownAsync(screens, title, Stopwatch.StartNew());
        }

        output.WriteLine($"Reconnection ({rounds} round(s), {screens.Count} screens: {string.Join(", ", screens.Select(s => s.Name))})");
        foreach (var (fault, times) in figures.Where(f => f.Value.Count > 0))
        {
            var sorted = times.Order().ToList();
            output.WriteLine($"  {fault,-11} n={sorted.Count,3}  p50 {Percentile(sorted, 0.5),6:F0} ms  p95 {Percentile(sorted, 0.95),6:F0} ms  max {sorted[^1],6:F0} ms");
        }
        foreach (var screen in screens) await WaitConnectedAsync(screen.Page);
    }

    /// <summary>Waits on every screen at once and returns, per screen, the ms from the fault's end until it showed <paramref name="title"/>.</summary>
    private static Task<double[]> TimeUntilShownAsync(IReadOnlyList<Screen> screens, string title, Stopwatch sinceFaultEnded) =>
        TimeUntilAsync(screens, $"showed \"{title}\"",
            $"() => (document.querySelector('#title')?.textContent || '').includes({System.Text.Json.JsonSerializer.Serialize(title)})", sinceFaultEnded);

    private static async Task<double[]> TimeUntilAsync(IReadOnlyList<Screen> screens, string what, string condition, Stopwatch sinceFaultEnded)
    {
        var times = await Task.WhenAll(screens.Select(async screen =>
        {
            try
            {
                await screen.Page.WaitForFunctionAsync(condition, null, new PageWaitForFunctionOptions { PollingInterval = 25, Timeout = 20_000 });
            }
            catch (TimeoutException)
            {
                Assert.Fail($"{screen.Name} never {what} (waited 20 s after the fault's end)");
            }
            return sinceFaultEnded.Elapsed.TotalMilliseconds;
        }));
        for (var i = 0; i < screens.Count; i++)
            Assert.True(times[i] < GuardMs, $"{screens[i].Name} {what} only {times[i]:F0} ms after the fault ended");
        return times;
    }

    /// <summary>The admin edits the meeting's title on the server's own address (the fault is only between the screens and the server).</summary>
    private static async Task RenameMeetingAsync(IAPIRequestContext admin, int meetingId, string title)
    {
        var detail = JsonNode.Parse(await (await admin.GetAsync($"/api/meetings/{meetingId}")).TextAsync())!.AsObject();
        detail["title"] = title;
        detail["scheduledStart"] = detail["scheduledStartLocal"]!.GetValue<string>();
        var saved = await admin.PutAsync($"/api/meetings/{meetingId}", new APIRequestContextOptions
        {
            Headers = new Dictionary<string, string> { ["Content-Type"] = "application/json" },
            Data = detail.ToJsonString(),
        });
        Assert.True(saved.Ok, $"Renaming the meeting failed: {saved.Status} {await saved.TextAsync()}");
    }

    private static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
