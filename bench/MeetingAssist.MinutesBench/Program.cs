using static Bench;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;

// The secretary's day after a long meeting: a generated 3-hour meeting (60 floor turns, 1,500 passages, 3 h of
// recording in the recorder's 10-minute files) on the real server process, then the editor opened in Chromium,
// edits saved, audio sought, the biên bản built as DOCX and PDF. The baseline, measured in the same run, is the
// server's cheapest authenticated request (the session). Usage:
//   dotnet run -c Release --project bench/MeetingAssist.MinutesBench -- [--passages 1500] [--turns 60] [--hours 3] [--edits 100]
// The second pass's real-time factor per model size instead (spoken audio, the meeting ended; see SecondPassRun):
//   dotnet run -c Release --project bench/MeetingAssist.MinutesBench -- --second-pass tiny,base,small,medium --turns 10 --passages 100 --hours 0.0833

var passages = int.Parse(Arg("--passages", "1500"));
var turnCount = int.Parse(Arg("--turns", "60"));
var hours = double.Parse(Arg("--hours", "3"), CultureInfo.InvariantCulture);
var edits = int.Parse(Arg("--edits", "100"));
var hostDll = Arg("--host", DefaultHostDll());
var secondPassSizes = Arg("--second-pass", "").Split(',', StringSplitOptions.RemoveEmptyEntries);
var dataFolder = Directory.CreateTempSubdirectory("meetingassist-minutes-bench-").FullName;
if (secondPassSizes.Length > 0) SecondPassRun.InstallModels(dataFolder, secondPassSizes);
var port = FreePort();
var baseUri = new Uri($"http://127.0.0.1:{port}");
const int MeetingId = 1;

Console.WriteLine($"# MeetingAssist minutes benchmark — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
Console.WriteLine($"meeting: {turnCount} turns, {passages} passages, {hours:F1} h of recording; server: {hostDll}");
using var server = Process.Start(new ProcessStartInfo("dotnet", [hostDll, "--urls", baseUri.ToString().TrimEnd('/'),
    $"--MeetingAssist:Data:Folder={dataFolder}", "--Logging:LogLevel:Default=Warning"])
{
    RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(hostDll)!,
})!;
server.OutputDataReceived += (_, _) => { };
server.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine("server: " + e.Data); };
server.BeginOutputReadLine();
server.BeginErrorReadLine();
try
{
    await WaitForServer(baseUri);
    var chair = await SignInAsync(baseUri, dataFolder, "chair");
    var secretary = await SignInAsync(baseUri, dataFolder, "secretary");

    var held = Stopwatch.StartNew();
    await HoldMeetingAsync(baseUri, chair.Cookies, turnCount, end: secondPassSizes.Length > 0);
    var turns = (await secretary.Http.GetFromJsonAsync<JsonElement>($"/api/meetings/{MeetingId}/turns"))
        .EnumerateArray().Select(t => (Id: t.GetProperty("turnId").GetInt32(), StartMs: t.GetProperty("startedAtMs").GetInt64())).ToList();
    var recordingStartMs = turns[0].StartMs - 2000;
    var durationMs = (long)(hours * 3_600_000);
    await SeedPassagesAsync(Path.Combine(dataFolder, "meetingassist.db"), turns.Select(t => t.Id).ToArray(), passages, recordingStartMs, durationMs);
    var files = await PlaceRecordingAsync(dataFolder, recordingStartMs, durationMs,
        secondPassSizes.Length > 0 ? SecondPassRun.SpeechSample(dataFolder) : null);
    Console.WriteLine($"prepared in {held.Elapsed.TotalSeconds:F0} s: {turns.Count} turns, {passages} passages, {files.Count} recording files");
    Console.WriteLine();
    if (secondPassSizes.Length > 0)
    {
        var admin = await SignInAsync(baseUri, dataFolder, "admin");
        await SecondPassRun.RunAsync(admin.Http, secretary.Http, server.Id, MeetingId, secondPassSizes, durationMs);
        return;
    }

    // Baseline: the cheapest request a signed-in page makes.
    var baseline = await TimeAsync(30, () => secretary.Http.GetStringAsync("/api/auth/session"));

    var viewJson = "";
    var view = await TimeAsync(5, async () => viewJson = await secretary.Http.GetStringAsync($"/api/meetings/{MeetingId}/editor/view"));
    var viewPassages = JsonDocument.Parse(viewJson).RootElement.GetProperty("passages").EnumerateArray()
        .Select(p => (Id: p.GetProperty("id").GetInt64(), Version: p.GetProperty("version").GetInt32(), Text: p.GetProperty("text").GetString()!))
        .ToList();

    // Saving an edit: distinct passages, one after another, as autosave sends them.
    var random = new Random(7);
    var saves = new List<double>();
    foreach (var p in viewPassages.OrderBy(_ => random.Next()).Take(edits))
    {
        var sw = Stopwatch.StartNew();
        using var response = await secretary.Http.PutAsJsonAsync($"/api/meetings/{MeetingId}/editor/passages/{p.Id}/text",
            new { version = p.Version, text = p.Text + " (đã sửa)" });
        response.EnsureSuccessStatusCode();
        saves.Add(sw.Elapsed.TotalMilliseconds);
    }

    // Seeking on the server: a ranged read from the middle of a recording file, as the audio element asks for it.
    var middle = files[files.Count / 2];
    var length = new FileInfo(middle.Path).Length;
    var ranged = await TimeAsync(20, async () =>
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/meetings/{MeetingId}/live/recordings/{Path.GetFileName(middle.Path)}");
        request.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(length / 2, length / 2 + 64 * 1024);
        using var response = await secretary.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        await response.Content.ReadAsByteArrayAsync();
    });

    // The editor in Chromium: opened three times, each in a fresh context.
    using var playwright = await Playwright.CreateAsync();
    await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = "/usr/bin/chromium", Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--autoplay-policy=no-user-gesture-required"],
    });
    var opens = new List<double>();
    var heaps = new List<double>();
    var seeks = new List<double>();
    for (var run = 0; run < 3; run++)
    {
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUri.ToString(), ViewportSize = new() { Width = 1366, Height = 768 } });
        await context.AddCookiesAsync(secretary.Cookies.GetAllCookies().Select(c => new Microsoft.Playwright.Cookie { Name = c.Name, Value = c.Value, Domain = "127.0.0.1", Path = "/" }));
        var page = await context.NewPageAsync();
        var sw = Stopwatch.StartNew();
        await page.GotoAsync($"/transcript-editor?m={MeetingId}");
        await page.WaitForFunctionAsync($"() => document.querySelectorAll('li[data-passage]').length >= {passages}", null, new() { Timeout = 120_000, PollingInterval = 50 });
        // Interactive: the last passage's text takes a keystroke.
        var last = page.Locator("li[data-passage] textarea").Last;
        await last.FocusAsync();
        await page.Keyboard.TypeAsync("x");
        await page.WaitForFunctionAsync("() => document.activeElement && document.activeElement.value.endsWith('x')", null, new() { Timeout = 30_000 });
        opens.Add(sw.Elapsed.TotalMilliseconds);
        var cdp = await context.NewCDPSessionAsync(page);
        await cdp.SendAsync("Performance.enable");
        var metrics = (await cdp.SendAsync("Performance.getMetrics"))!.Value.GetProperty("metrics").EnumerateArray()
            .ToDictionary(m => m.GetProperty("name").GetString()!, m => m.GetProperty("value").GetDouble());
        heaps.Add(metrics["JSHeapUsedSize"] / 1024 / 1024);

        if (run == 0)
        {
            // Seek: ten points spread over the meeting, each in its own file, as a click on a passage does.
            for (var i = 0; i < 10; i++)
            {
                var at = recordingStartMs + durationMs * (2 * i + 1) / 20;
                var file = files.Last(f => f.StartMs <= at);
                var url = $"/api/meetings/{MeetingId}/live/recordings/{Path.GetFileName(file.Path)}";
                seeks.Add(await page.EvaluateAsync<double>("""
                    async ([url, seconds]) => {
                      const audio = new Audio();
                      audio.preload = "auto";
                      const t0 = performance.now();
                      audio.src = url;
                      await new Promise((ok, fail) => { audio.onloadedmetadata = ok; audio.onerror = () => fail(new Error("audio error")); });
                      audio.currentTime = seconds;
                      await new Promise((ok) => { audio.onseeked = ok; });
                      const ms = performance.now() - t0;
                      audio.removeAttribute("src");
                      audio.load();
                      return ms;
                    }
                    """, new object[] { url, (at - file.StartMs) / 1000.0 }));
            }
        }
    }

    var docx = await TimeAsync(3, () => secretary.Http.GetByteArrayAsync($"/api/meetings/{MeetingId}/minutes/docx"));
    var docxBytes = (await secretary.Http.GetByteArrayAsync($"/api/meetings/{MeetingId}/minutes/docx")).Length;
    var pdf = await TimeAsync(2, () => secretary.Http.GetByteArrayAsync($"/api/meetings/{MeetingId}/minutes/pdf"));
    var (_, serverPeak) = Memory(server.Id);

    var b95 = P(baseline, 95);
    Console.WriteLine("| What | n | p50 | p95 | max | p95 / baseline p95 |");
    Console.WriteLine("|---|---:|---:|---:|---:|---:|");
    Row("baseline: GET /api/auth/session", baseline);
    Row($"editor data: GET …/editor/view ({viewJson.Length / 1024} KiB)", view);
    Row("editor opened in Chromium until the last passage takes a keystroke", opens);
    Row("save one edit (PUT …/passages/{id}/text)", saves);
    Row("ranged read of 64 KiB from the middle of a recording file", ranged);
    Row("seek in Chromium: load a recording file and seek to a passage", seeks);
    Row($"biên bản DOCX ({docxBytes / 1024} KiB)", docx);
    Row("biên bản PDF (LibreOffice; the first includes its start)", pdf);
    Console.WriteLine();
    Console.WriteLine($"Peak memory: server {serverPeak / 1024} MiB (VmHWM); editor page JS heap {heaps.Max():F0} MiB (largest of {heaps.Count} opens).");

    void Row(string what, List<double> values) =>
        Console.WriteLine($"| {what} | {values.Count} | {P(values, 50):F0} ms | {P(values, 95):F0} ms | {values.Max():F0} ms | {P(values, 95) / b95:F1}× |");
}
finally
{
    server.Kill(entireProcessTree: true);
    server.WaitForExit();
    try { Directory.Delete(dataFolder, true); } catch (IOException) { }
}

// ---- The meeting ----------------------------------------------------------------------------------------------

// Statements and answers in turn: each citizen registered at the desk is given the floor, then a responder answers.
static async Task HoldMeetingAsync(Uri baseUri, CookieContainer cookies, int turns, bool end)
{
    var hub = new HubConnectionBuilder().WithUrl(new Uri(baseUri, "/hub/meeting"), o => o.Cookies = cookies).Build();
    await hub.StartAsync();
    var snapshot = await hub.InvokeAsync<JsonElement>("Join", MeetingId);
    var responders = snapshot.GetProperty("responders").EnumerateArray().Select(r => r.GetProperty("personId").GetInt32()).ToArray();
    string Key() => Guid.NewGuid().ToString("N");
    await hub.InvokeAsync<int>("StartMeeting", MeetingId, Key());
    for (var i = 0; i < turns / 2; i++)
    {
        await hub.InvokeAsync<int>("Register", MeetingId, Key(), new
        {
            personId = (int?)null, name = $"Công dân số {i + 1}", affiliation = $"Thôn {i % 7 + 1}",
            topic = "Đường giao thông nông thôn và thủy lợi nội đồng", field = "Hạ tầng giao thông – thủy lợi", note = (string?)null,
        });
        await hub.InvokeAsync<int>("GiveFloor", MeetingId, Key(), (int?)null);
        await hub.InvokeAsync<int>("EndTurn", MeetingId, Key());
        await hub.InvokeAsync<int>("CallResponder", MeetingId, Key(), responders[i % responders.Length], (int[]?)null);
        await hub.InvokeAsync<int>("EndTurn", MeetingId, Key());
    }
    if (end) await hub.InvokeAsync<int>("EndMeeting", MeetingId, Key());
    await hub.DisposeAsync();
}

static async Task SeedPassagesAsync(string database, int[] turnIds, int count, long startMs, long durationMs)
{
    string[] phrases =
    [
        "Kính thưa chủ tọa, tôi xin phản ánh về tuyến đường liên thôn đã xuống cấp nghiêm trọng sau mùa mưa lũ.",
        "Đề nghị Ủy ban nhân dân xã sớm bố trí kinh phí sửa chữa, nạo vét kênh mương nội đồng.",
        "Việc cấp giấy chứng nhận quyền sử dụng đất cho các hộ ở khu dân cư mới còn chậm, bà con rất mong được giải quyết.",
        "Xin trả lời ý kiến của cử tri: xã đã đưa công trình vào kế hoạch đầu tư công năm tới.",
    ];
    await using var db = new SqliteConnection($"Data Source={database};Pooling=False");
    await db.OpenAsync();
    await using var tx = await db.BeginTransactionAsync();
    var step = durationMs / count;
    for (var i = 0; i < count; i++)
    {
        var insert = db.CreateCommand();
        insert.CommandText = """
            INSERT INTO TranscriptPassages (MeetingId, TurnId, StartMs, EndMs, Text, Confidence, Source, EditedByPerson, Mark, Version, Removed)
            VALUES ($m, $t, $s, $e, $x, $c, 'Live', 0, 'None', 1, 0)
            """;
        insert.Parameters.AddWithValue("$m", MeetingId);
        insert.Parameters.AddWithValue("$t", turnIds[(int)((long)i * turnIds.Length / count)]);
        insert.Parameters.AddWithValue("$s", startMs + i * step);
        insert.Parameters.AddWithValue("$e", startMs + i * step + step * 9 / 10);
        insert.Parameters.AddWithValue("$x", $"{phrases[i % phrases.Length]} (đoạn {i + 1})");
        insert.Parameters.AddWithValue("$c", 0.5 + (i % 5) / 10.0);
        await insert.ExecuteNonQueryAsync();
    }
    await tx.CommitAsync();
}

// The recorder's layout: Ogg/Opus files of 10 minutes named by their start on the server clock; a tone, or the
// speech sample looped when the recogniser is to hear words.
static async Task<List<(string Path, long StartMs)>> PlaceRecordingAsync(string dataFolder, long startMs, long durationMs, string? speechWav)
{
    var folder = Directory.CreateDirectory(Path.Combine(dataFolder, "recordings", "live", MeetingId.ToString(CultureInfo.InvariantCulture))).FullName;
    var files = new List<(string, long)>();
    for (var at = 0L; at < durationMs; at += 600_000)
    {
        var seconds = Math.Min(600_000, durationMs - at) / 1000.0;
        var path = Path.Combine(folder, $"audio-{startMs + at}.ogg");
        var info = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, UseShellExecute = false };
        string[] input = speechWav is null
            ? ["-f", "lavfi", "-i", $"sine=frequency={220 + at / 600_000 * 20}:duration={seconds.ToString(CultureInfo.InvariantCulture)}:sample_rate=16000"]
            : ["-stream_loop", "-1", "-i", speechWav, "-t", seconds.ToString(CultureInfo.InvariantCulture), "-ar", "16000", "-ac", "1"];
        foreach (var a in (string[])["-nostdin", "-v", "error", .. input, "-c:a", "libopus", "-b:a", "24k", path])
            info.ArgumentList.Add(a);
        using var ffmpeg = Process.Start(info)!;
        await ffmpeg.WaitForExitAsync();
        if (ffmpeg.ExitCode != 0) throw new InvalidOperationException("ffmpeg failed: " + await ffmpeg.StandardError.ReadToEndAsync());
        files.Add((path, startMs + at));
    }
    return files;
}

// ---- Plumbing -------------------------------------------------------------------------------------------------

static async Task<(HttpClient Http, CookieContainer Cookies)> SignInAsync(Uri baseUri, string dataFolder, string user)
{
    var cookies = new CookieContainer();
    var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = baseUri, Timeout = TimeSpan.FromMinutes(5) };
    var session = await http.GetFromJsonAsync<JsonElement>("/api/auth/session");
    http.DefaultRequestHeaders.Add("X-CSRF-TOKEN", session.GetProperty("antiforgeryToken").GetString());
    var password = File.ReadAllLines(Path.Combine(dataFolder, "initial-credentials.txt"))
        .Single(l => l.Contains($"tên đăng nhập {user},")).Split("mật khẩu ")[1];
    (await http.PostAsJsonAsync("/api/auth/login", new { userName = user, password })).EnsureSuccessStatusCode();
    // The antiforgery token is bound to the signed-in user: ask again.
    session = await http.GetFromJsonAsync<JsonElement>("/api/auth/session");
    http.DefaultRequestHeaders.Remove("X-CSRF-TOKEN");
    http.DefaultRequestHeaders.Add("X-CSRF-TOKEN", session.GetProperty("antiforgeryToken").GetString());
    return (http, cookies);
}

static async Task<List<double>> TimeAsync(int times, Func<Task> action)
{
    var list = new List<double>();
    for (var i = 0; i < times; i++)
    {
        var sw = Stopwatch.StartNew();
        await action();
        list.Add(sw.Elapsed.TotalMilliseconds);
    }
    return list;
}

string Arg(string name, string fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}
