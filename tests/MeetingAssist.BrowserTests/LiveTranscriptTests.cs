using System.Globalization;
using System.Text.Json;
using MeetingAssist.Transcribe.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MeetingAssist.BrowserTests;

/// <summary>
/// The whole live path in a browser: spoken Vietnamese played into Chromium's fake microphone → sound desk page →
/// WebSocket → voice detector → whisper (generated model) → segments under the person who held the floor, shown in
/// the live transcript view; the projector shows captions only while the chair has them on.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LiveTranscriptTests(BrowserFixture browser) : ScreenTest(browser)
{
    private const string Citizen = "Nguyễn Văn Bình"; // head of the demo queue
    private const string Responder = "Nguyễn Thị Minh"; // a demo responder

    // Layout of the fake microphone's file (first pass; Chromium loops it). The silences are wide so floor events
    // sent from the test land well inside them whatever the browser pipeline's latency (100–300 ms) and however
    // far the file had already played before the page's first sample (a few hundred ms at most). The middle one
    // holds the citizen's last caption (up to 5 s late when the machine's two cores are taken by builds, load
    // average 20) and then the chair's actions (end the turn, captions off, call the responder, each awaited on the
    // page: 5.5 s under that load), so it is 12 s, not 4.
    private const double LeadSilence = 1.5;
    private const double MiddleSilence = 12.0;
    private const double CitizenTurnEndsAfterWords = 5.0;
    private const double TailSilence = 3.0;

    private readonly BrowserFixture _browser = browser;
    private string _folder = "";
    private IBrowser? _micBrowser;

    public override async Task InitializeAsync()
    {
        _folder = Directory.CreateTempSubdirectory("ma-live-browser-").FullName;
        var models = Directory.CreateDirectory(Path.Combine(_folder, "models")).FullName;
        GgmlModelWriter.Write(Path.Combine(models, "ggml-test-tiny.bin"), GgmlModelSpec.TestTiny);
        await StartServerAsync(new Dictionary<string, string>
        {
            ["MeetingAssist__Speech__ModelsFolder"] = models,
            ["MeetingAssist__Speech__Threads"] = "2",
            // Random weights rarely emit the end-of-text token: cap the tokens so each window ends quickly.
            ["MeetingAssist__Speech__MaxTokensPerWindow"] = "16",
            // Random weights have no real confidence or no-speech probability: the guard's thresholds for those
            // would drop everything, so they are switched off here. The voice detector still decides what is speech.
            ["MeetingAssist__Live__Guard__NoSpeechThreshold"] = "1.01",
            ["MeetingAssist__Live__Guard__LowConfidence"] = "0",
            // Random weights also emit arbitrary timestamp tokens (often past the end of a 5 s passage); the stored
            // times are clamped to the passage anyway, so the test trusts them instead of dropping every segment.
            ["MeetingAssist__Live__Guard__TimestampToleranceMs"] = "60000",
            ["MeetingAssist__Live__CaptionIntervalMs"] = "700",
            // Dropped segments and their reasons go to the log saved next to the screenshots.
            ["Logging__LogLevel__MeetingAssist.Host.LiveTranscript"] = "Debug",
        });
    }

    public override async Task DisposeAsync()
    {
        // The server's log explains a failure (recognition errors, dropped segments) better than the page does.
        if (Server is not null) await File.WriteAllTextAsync(Path.Combine(BrowserFixture.ScreenshotFolder, "live-transcript-server.log"), Server.Output);
        try
        {
            await base.DisposeAsync();
        }
        finally
        {
            if (_micBrowser is not null) await _micBrowser.CloseAsync();
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    [Fact]
    public async Task SpokenTurns_AreAttributedToWhoHeldTheFloor_AndProjectorShowsCaptionsOnlyWhenEnabled()
    {
        var (wav, citizenSeconds, responderSeconds) = MakeHallAudio(_folder);
        var citizenEnd = LeadSilence + citizenSeconds;
        var responderStart = citizenEnd + MiddleSilence;
        var responderEnd = responderStart + responderSeconds;

        _micBrowser = await _browser.Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--autoplay-policy=no-user-gesture-required",
                "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream", "--use-file-for-fake-audio-capture=" + wav,
            ],
        });

        var chair = await OpenAsStaffAsync("/chair", "chair", 1024, 768);
        var projector = await OpenAsync("/projector", 1280, 720);
        await WaitConnectedAsync(projector);
        var transcript = await OpenAsStaffAsync("/live-transcript", "secretary", 1280, 900);
        var frames = new List<string>();
        transcript.WebSocket += (_, ws) => ws.FrameReceived += (_, f) => { if (f.Text?.Contains("\"Caption\"") == true) lock (frames) frames.Add(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + " staff " + f.Text); };
        projector.WebSocket += (_, ws) => ws.FrameReceived += (_, f) => { if (f.Text?.Contains("\"Caption\"") == true) lock (frames) frames.Add(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + " public " + f.Text); };
        var desk = await OpenAsStaffAsync("/sound-desk", "secretary", 1280, 1000, on: _micBrowser);
        await Expect(desk.Locator("#speech")).ToHaveAttributeAsync("data-kind", "ok", new() { Timeout = 20_000 });

        // The citizen holds the floor before the first word plays; captions on for the projector.
        await StartMeetingAsync(chair);
        await chair.GetByRole(AriaRole.Button, new() { Name = "Phụ đề: Tắt" }).ClickAsync();
        await Expect(chair.Locator("#captions")).ToHaveTextAsync("Phụ đề: Bật");
        await chair.GetByRole(AriaRole.Button, new() { Name = "Mời người tiếp theo" }).ClickAsync();
        await Expect(chair.Locator("#name")).ToHaveTextAsync(Citizen);

        await desk.GetByRole(AriaRole.Button, new() { Name = "Bắt đầu thu", Exact = true }).ClickAsync();
        await Expect(desk.Locator("body")).ToHaveAttributeAsync("data-capture-start", new System.Text.RegularExpressions.Regex(@"^\d+$"));
        var captureStart = long.Parse((await desk.Locator("body").GetAttributeAsync("data-capture-start"))!, CultureInfo.InvariantCulture);
        await Expect(desk.Locator("#link")).ToHaveTextAsync("Đang gửi");

        // Captions reach the projector while the citizen speaks (partial, then final), before the turn ends.
        var endCitizenAt = captureStart + Ms(citizenEnd + CitizenTurnEndsAfterWords);
        var band = projector.Locator("#caption");
        var captionSeen = await WaitVisibleUntilAsync(band, endCitizenAt - 200);
        var clippedWithCaptions = "";
        if (captionSeen)
        {
            await ScreenshotAsync(projector, "projector-captions");
            // With the band taking its share of a 1280×720 screen, the "next" list shows only whole names.
            clippedWithCaptions = await projector.EvaluateAsync<string>("""
                () => {
                  const panel = document.querySelector('.p-next');
                  const limit = panel.getBoundingClientRect().bottom - parseFloat(getComputedStyle(panel).paddingBottom);
                  const shown = [...document.querySelectorAll('#next li')].filter(li => li.getClientRects().length > 0);
                  if (shown.length < 2) return 'only ' + shown.length + ' names shown';
                  return shown.filter(li => li.getBoundingClientRect().bottom > limit + 0.5).map(li => li.textContent).join(', ');
                }
                """);
        }
        await ScreenshotAsync(desk, "sound-desk", fullPage: true);

        // End the citizen's turn in the silence after the sentence, captions off, then the responder (chosen
        // beforehand: the chair page chooses nobody by itself).
        await chair.Locator("#responder").SelectOptionAsync(new SelectOptionValue { Label = Responder + " – Trưởng phòng Kinh tế" });
        await WaitUntilAsync(endCitizenAt);
        await chair.GetByRole(AriaRole.Button, new() { Name = "Kết thúc lượt" }).ClickAsync();
        await Expect(chair.Locator("#name")).ToHaveTextAsync("");
        await chair.GetByRole(AriaRole.Button, new() { Name = "Phụ đề: Bật" }).ClickAsync();
        await Expect(chair.Locator("#captions")).ToHaveTextAsync("Phụ đề: Tắt");
        await chair.GetByRole(AriaRole.Button, new() { Name = "Mời trả lời" }).ClickAsync();
        await Expect(chair.Locator("#name")).ToHaveTextAsync(Responder);
        var responderCalled = NowMs() - captureStart;
        Assert.True(responderCalled < Ms(responderStart) - 500,
            $"The responder was called {responderCalled} ms after the capture start, too close to the sentence at {Ms(responderStart)} ms.");

        // While captions are off the projector shows none, though the responder is speaking.
        var endResponderAt = captureStart + Ms(responderEnd + TailSilence * 0.4);
        var captionWhileOff = false;
        while (NowMs() < endResponderAt - 300)
        {
            captionWhileOff |= await band.IsVisibleAsync();
            await Task.Delay(200);
        }
        await WaitUntilAsync(endResponderAt);
        await chair.GetByRole(AriaRole.Button, new() { Name = "Kết thúc lượt" }).ClickAsync();
        await Expect(chair.Locator("#name")).ToHaveTextAsync("");

        await desk.GetByRole(AriaRole.Button, new() { Name = "Dừng thu", Exact = true }).ClickAsync();
        await Expect(desk.Locator("#link")).ToHaveTextAsync("Đã dừng, đã gửi hết", new() { Timeout = 15_000 });

        // Both turns get their text in the live view, each under its own speaker.
        var turnsView = transcript.Locator("#turns > section");
        var citizenTurn = transcript.Locator("section.l-turn", new() { Has = transcript.Locator(".l-turn-name", new() { HasTextString = Citizen }) });
        var responderTurn = transcript.Locator("section.l-turn", new() { Has = transcript.Locator(".l-turn-name", new() { HasTextString = Responder }) });
        var meetingId = await CurrentMeetingAsync(transcript);
        try
        {
            await Expect(citizenTurn.Locator(".l-segment").First).ToBeVisibleAsync(new() { Timeout = 60_000 });
            await Expect(responderTurn.Locator(".l-segment").First).ToBeVisibleAsync(new() { Timeout = 60_000 });
        }
        catch (PlaywrightException ex)
        {
            var status = await GetJsonAsync(transcript, $"/api/meetings/{meetingId}/live/status");
            throw new Xunit.Sdk.XunitException($"{ex.Message}\nLive status: {status}\nCapture start {captureStart}, turns: " +
                await GetJsonAsync(transcript, $"/api/meetings/{meetingId}/turns"));
        }
        await Expect(turnsView).ToHaveCountAsync(2);
        await Expect(turnsView.First).ToHaveAttributeAsync("data-turn", (await citizenTurn.GetAttributeAsync("data-turn"))!);
        await ScreenshotAsync(transcript, "live-transcript", fullPage: true);

        // The stored segments agree: only these two turns, and each segment inside its turn's floor window.
        var segments = await GetJsonAsync(transcript, $"/api/meetings/{meetingId}/live/segments");
        var turns = (await GetJsonAsync(transcript, $"/api/meetings/{meetingId}/turns")).EnumerateArray()
            .ToDictionary(t => t.GetProperty("turnId").GetInt32());
        Assert.NotEmpty(segments.EnumerateArray());
        var citizenTurnId = int.Parse((await citizenTurn.GetAttributeAsync("data-turn"))!, CultureInfo.InvariantCulture);
        var responderTurnId = int.Parse((await responderTurn.GetAttributeAsync("data-turn"))!, CultureInfo.InvariantCulture);
        var segmentText = segments.ToString();
        foreach (var segment in segments.EnumerateArray())
        {
            var turnId = segment.GetProperty("turnId").GetInt32();
            Assert.True(turnId == citizenTurnId || turnId == responderTurnId, "A segment belongs to another turn: " + segmentText);
            var turn = turns[turnId];
            var start = segment.GetProperty("startMs").GetInt64();
            var end = segment.GetProperty("endMs").GetInt64();
            Assert.True(start >= turn.GetProperty("startedAtMs").GetInt64() && end <= turn.GetProperty("endedAtMs").GetInt64(),
                $"Segment {start}–{end} lies outside turn {turnId}: {turn}");
            Assert.Equal(turnId == citizenTurnId ? Citizen : Responder, segment.GetProperty("speakerName").GetString());
        }
        // The responder's sentence is in the responder's turn: the first pass of the file ends inside it.
        Assert.Contains(segments.EnumerateArray(), s => s.GetProperty("turnId").GetInt32() == responderTurnId
            && s.GetProperty("startMs").GetInt64() >= captureStart + Ms(citizenEnd));

        Assert.True(captionSeen, $"The projector never showed a caption while the citizen spoke with captions on (capture {captureStart}, end {endCitizenAt}).\n" + string.Join("\n", frames));
        Assert.Equal("", clippedWithCaptions);
        Assert.False(captionWhileOff, "The projector showed a caption while the chair had captions off.");
        await Expect(band).ToBeHiddenAsync();
    }

    /// <summary>
    /// Silence, a citizen's sentence, silence, a responder's sentence, silence — 48 kHz mono 16-bit, which Chromium's
    /// fake capture device plays as is (it resamples other rates, but the native rate keeps the timing exact).
    /// </summary>
    private static (string Wav, double Citizen, double Responder) MakeHallAudio(string folder)
    {
        var citizen = Path.Combine(folder, "cu-tri.wav");
        var responder = Path.Combine(folder, "tra-loi.wav");
        SpeechSamples.RunTool("espeak-ng", "espeak-ng", ["-v", "vi", "-s", "190", "-w", citizen,
            "Thưa chủ trì, tôi là cử tri thôn Đông, đề nghị xã sớm sửa con đường liên thôn bị hư hỏng."]);
        SpeechSamples.RunTool("espeak-ng", "espeak-ng", ["-v", "vi", "-s", "190", "-w", responder,
            "Xin cảm ơn ý kiến của cử tri, phòng Kinh tế sẽ khảo sát và sửa đường trong quý ba."]);
        var citizen48 = Resample(citizen);
        var responder48 = Resample(responder);
        var hall = Path.Combine(folder, "hoi-truong.wav");
        SpeechSamples.RunTool("sox", "sox", [
            Silence(folder, "lead", LeadSilence), citizen48, Silence(folder, "middle", MiddleSilence), responder48,
            Silence(folder, "tail", TailSilence), hall,
        ]);
        return (hall, Seconds(citizen48), Seconds(responder48));

        string Resample(string input)
        {
            var output = Path.ChangeExtension(input, ".48k.wav");
            SpeechSamples.RunTool("sox", "sox", [input, "-r", "48000", "-c", "1", "-b", "16", output]);
            return output;
        }

        static string Silence(string folder, string name, double seconds)
        {
            var path = Path.Combine(folder, $"lang-{name}.wav");
            SpeechSamples.RunTool("sox", "sox", ["-n", "-r", "48000", "-c", "1", "-b", "16", path, "trim", "0",
                seconds.ToString(CultureInfo.InvariantCulture)]);
            return path;
        }

        double Seconds(string wav) => (new FileInfo(wav).Length - 44) / 2.0 / 48000.0;
    }

    private static long NowMs() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    private static long Ms(double seconds) => (long)Math.Round(seconds * 1000);

    private static async Task WaitUntilAsync(long unixMs)
    {
        var wait = unixMs - NowMs();
        if (wait > 0) await Task.Delay(TimeSpan.FromMilliseconds(wait));
    }

    private static async Task<bool> WaitVisibleUntilAsync(ILocator locator, long unixMs)
    {
        while (NowMs() < unixMs)
        {
            if (await locator.IsVisibleAsync()) return true;
            await Task.Delay(100);
        }
        return false;
    }

    private static async Task<JsonElement> GetJsonAsync(IPage page, string url)
    {
        var response = await page.Context.APIRequest.GetAsync(url);
        Assert.True(response.Ok, $"{url}: {response.Status} {await response.TextAsync()}");
        return (await response.JsonAsync())!.Value;
    }

    private static async Task<int> CurrentMeetingAsync(IPage page) =>
        (await GetJsonAsync(page, "/api/meetings/current")).GetProperty("id").GetInt32();
}
