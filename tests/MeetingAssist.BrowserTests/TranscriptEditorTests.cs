using System.Globalization;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MeetingAssist.BrowserTests;

/// <summary>
/// The secretary's editor in a browser: a meeting with two turns held on the chair's tablet, its transcript seeded
/// with known text and a generated Ogg/Opus recording placed where the recorder keeps the meeting's files.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TranscriptEditorTests(BrowserFixture browser) : ScreenTest(browser)
{
    private const string Citizen = "Nguyễn Văn Bình"; // head of the demo queue
    private int _meetingId;
    private long _recordingStartMs;

    private static readonly (int Turn, int FromS, int ToS, string Text, double Confidence)[] Script =
    [
        (1, 2, 5, "Kính thưa chủ tọa, tôi là Nguyễn Văn Bình ở thôn Đông.", 0.9),
        (1, 5, 9, "Tôi xin hỏi về con đường liên thôn đã xuống cấp.", 0.3),
        (2, 10, 14, "Xin trả lời ý kiến của ông Bình về con đường.", 0.85),
        (0, 15, 17, "ồn ào trong hội trường", 0.4),
    ];

    private async Task<IPage> PrepareAsync(int width = 1366, int height = 768, int extraPassages = 0)
    {
        var chair = await OpenAsStaffAsync("/chair", "chair", 1024, 768);
        await StartMeetingAsync(chair);
        var next = chair.GetByRole(AriaRole.Button, new() { Name = "Mời người tiếp theo" });
        await next.ClickAsync();
        await Expect(chair.Locator("#name")).ToHaveTextAsync(Citizen);
        await chair.GetByRole(AriaRole.Button, new() { Name = "Kết thúc lượt" }).ClickAsync();
        await Expect(chair.Locator("#name")).ToHaveTextAsync("");
        await next.ClickAsync();
        await Expect(chair.Locator("#name")).Not.ToHaveTextAsync("");
        _meetingId = await CurrentMeetingIdAsync();

        await using var api = await StaffApiAsync("secretary");
        var turns = (await (await api.GetAsync($"/api/meetings/{_meetingId}/turns")).JsonAsync())!.Value.EnumerateArray().ToList();
        var turnIds = turns.Select(t => t.GetProperty("turnId").GetInt32()).ToArray();
        _recordingStartMs = turns[0].GetProperty("startedAtMs").GetInt64() - 2000;
        await SeedAsync(turnIds, extraPassages);
        PlaceRecording(30);
        var opened = Stopwatch.StartNew();
        var page = await OpenAsStaffAsync($"/transcript-editor?m={_meetingId}", "secretary", width, height);
        await Expect(Passages(page)).ToHaveCountAsync(Script.Length + extraPassages, new() { Timeout = 30_000 });
        OpenedIn = opened.Elapsed;
        return page;
    }

    private TimeSpan OpenedIn { get; set; }

    private async Task SeedAsync(int[] turnIds, int extraPassages)
    {
        await using var db = new SqliteConnection($"Data Source={Path.Combine(Server.DataFolder, "meetingassist.db")};Pooling=False");
        await db.OpenAsync();
        await using var tx = await db.BeginTransactionAsync();
        // A long meeting after the scripted passages: 7 s passages of a typical length, alternating between the turns.
        var extra = Enumerable.Range(0, extraPassages).Select(i => (1 + i % 2, 30 + i * 7, 36 + i * 7,
            $"Đoạn {i + 1}: ý kiến của bà con về đường giao thông nông thôn, thủy lợi nội đồng và việc cấp giấy chứng nhận quyền sử dụng đất.", 0.75));
        foreach (var (turn, from, to, text, confidence) in Script.Concat(extra))
        {
            var insert = db.CreateCommand();
            insert.CommandText = """
                INSERT INTO TranscriptPassages (MeetingId, TurnId, StartMs, EndMs, Text, Confidence, Source, EditedByPerson, Mark, Version, Removed)
                VALUES ($m, $t, $s, $e, $x, $c, 'Live', 0, 'None', 1, 0)
                """;
            insert.Parameters.AddWithValue("$m", _meetingId);
            insert.Parameters.AddWithValue("$t", turn == 0 ? DBNull.Value : turnIds[turn - 1]);
            insert.Parameters.AddWithValue("$s", _recordingStartMs + from * 1000L);
            insert.Parameters.AddWithValue("$e", _recordingStartMs + to * 1000L);
            insert.Parameters.AddWithValue("$x", text);
            insert.Parameters.AddWithValue("$c", confidence);
            await insert.ExecuteNonQueryAsync();
        }
        await tx.CommitAsync();
    }

    /// <summary>A tone recorded as the recorder writes it (Ogg/Opus, named by its start on the server clock).</summary>
    private void PlaceRecording(int seconds)
    {
        var folder = Directory.CreateDirectory(Path.Combine(Server.DataFolder, "recordings", "live", _meetingId.ToString())).FullName;
        var info = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in (string[])["-nostdin", "-v", "error", "-f", "lavfi", "-i", $"sine=frequency=330:duration={seconds}:sample_rate=16000",
                     "-c:a", "libopus", "-b:a", "24k", Path.Combine(folder, $"audio-{_recordingStartMs}.ogg")])
            info.ArgumentList.Add(a);
        using var ffmpeg = Process.Start(info)!;
        ffmpeg.WaitForExit();
        Assert.Equal(0, ffmpeg.ExitCode);
    }

    private static ILocator Passages(IPage page) => page.Locator("li[data-passage]");
    private async Task<JsonElement> ViewAsync()
    {
        await using var api = await StaffApiAsync("secretary");
        return (await (await api.GetAsync($"/api/meetings/{_meetingId}/editor/view")).JsonAsync())!.Value;
    }

    [Fact]
    public async Task Edit_Split_Merge_Move_AndRenameEverywhere()
    {
        var page = await PrepareAsync();
        await Expect(page.Locator("section[data-section^='u']")).ToContainTextAsync("Chưa gán");
        await Expect(page.Locator("section[data-section^='t']").First).ToContainTextAsync(Citizen);

        // Edit: autosaved, and shown as a person's text.
        var first = Passages(page).Nth(0);
        await first.Locator("textarea").FillAsync("Kính thưa chủ tọa, tôi là Nguyễn Văn Bình, thôn Đông Hòa.");
        await Expect(page.Locator("#save-state")).ToContainTextAsync("Đã lưu");
        await Expect(first).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("edited"));
        Assert.Contains((await ViewAsync()).GetProperty("passages").EnumerateArray(), p => p.GetProperty("text").GetString() == "Kính thưa chủ tọa, tôi là Nguyễn Văn Bình, thôn Đông Hòa.");

        // Split at the caret.
        var second = Passages(page).Nth(1);
        var text = second.Locator("textarea");
        await text.EvaluateAsync("t => { t.focus(); t.setSelectionRange(t.value.indexOf('con đường'), t.value.indexOf('con đường')); }");
        await second.GetByRole(AriaRole.Button, new() { Name = "Tách tại con trỏ" }).ClickAsync();
        await Expect(Passages(page)).ToHaveCountAsync(Script.Length + 1);
        await Expect(Passages(page).Nth(1).Locator("textarea")).ToHaveValueAsync("Tôi xin hỏi về");
        await Expect(Passages(page).Nth(2).Locator("textarea")).ToHaveValueAsync("con đường liên thôn đã xuống cấp.");

        // Merge them back.
        await Passages(page).Nth(1).GetByRole(AriaRole.Button, new() { Name = "Gộp với đoạn sau" }).ClickAsync();
        await Expect(Passages(page)).ToHaveCountAsync(Script.Length);
        await Expect(Passages(page).Nth(1).Locator("textarea")).ToHaveValueAsync("Tôi xin hỏi về con đường liên thôn đã xuống cấp.");

        // Assign the unassigned passage to the citizen's turn.
        var unassigned = page.Locator("section[data-section^='u'] li[data-passage]");
        var move = unassigned.Locator("select.te-move");
        await move.FocusAsync();
        await move.SelectOptionAsync(new SelectOptionValue { Label = (await move.Locator("option").Nth(1).TextContentAsync())! });
        await Expect(page.Locator("section[data-section^='u']")).ToHaveCountAsync(0);

        // Rename the citizen once: the turn's header and every list show the new name.
        await page.Locator("#rename-from").SelectOptionAsync(Citizen);
        await page.Locator("#rename-to").FillAsync("Nguyễn Văn Bính");
        await page.GetByRole(AriaRole.Button, new() { Name = "Đổi tên" }).ClickAsync();
        await Expect(page.Locator("section[data-section^='t'] .te-turn-name").First).ToHaveTextAsync("Nguyễn Văn Bính");
        var view = await ViewAsync();
        Assert.Contains(view.GetProperty("turns").EnumerateArray(), t => t.GetProperty("speakerName").GetString() == "Nguyễn Văn Bính");
        Assert.DoesNotContain(view.GetProperty("speakers").EnumerateArray(), s => s.GetString() == Citizen);
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await ScreenshotAsync(page, "bien-tap-ban-ghi");
    }

    [Fact]
    public async Task Keyboard_PlaysFromThePassage_SeeksChangesSpeed_AndFindsLowConfidence()
    {
        var page = await PrepareAsync();
        var first = Passages(page).Nth(0);
        await first.Locator("textarea").FocusAsync();
        await page.Keyboard.PressAsync("Control+Space");
        await Expect(first).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("playing"));
        var at = await page.EvaluateAsync<double>("() => document.querySelector('#player').currentTime");
        Assert.InRange(at, 1.9, 3.5);

        await page.Keyboard.PressAsync("Control+ArrowRight");
        at = await page.EvaluateAsync<double>("() => document.querySelector('#player').currentTime");
        Assert.InRange(at, 6.9, 9.0);
        await page.Keyboard.PressAsync("Control+Period");
        await Expect(page.Locator("#rate")).ToHaveTextAsync("Tốc độ 1,25×");
        await page.Keyboard.PressAsync("Control+Comma");
        await page.Keyboard.PressAsync("Control+Comma");
        await Expect(page.Locator("#rate")).ToHaveTextAsync("Tốc độ 0,75×");
        await page.Keyboard.PressAsync("Control+Space");
        Assert.True(await page.EvaluateAsync<bool>("() => document.querySelector('#player').paused"));

        // The next low-confidence passage gets the focus, and typing there still works.
        await first.Locator("textarea").FocusAsync();
        await page.Keyboard.PressAsync("Control+ArrowDown");
        await Expect(Passages(page).Nth(1).Locator("textarea")).ToBeFocusedAsync();
        await Expect(Passages(page).Nth(1)).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("playing"));
    }

    [Fact]
    public async Task TwoDevices_SecondSaveIsRefused_AndBothVersionsAreShown()
    {
        var a = await PrepareAsync();
        var b = await OpenAsStaffAsync($"/transcript-editor?m={_meetingId}", "secretary", 1366, 768);
        await Expect(Passages(b)).ToHaveCountAsync(Script.Length);

        await Passages(a).Nth(2).Locator("textarea").FillAsync("Bản của máy A: xin trả lời ông Bình.");
        await Expect(a.Locator("#save-state")).ToContainTextAsync("Đã lưu");
        await Passages(b).Nth(2).Locator("textarea").FillAsync("Bản của máy B: trả lời về con đường.");
        var conflict = Passages(b).Nth(2).Locator(".te-conflict");
        await Expect(conflict).ToBeVisibleAsync();
        await Expect(conflict).ToContainTextAsync("người khác sửa");
        await Expect(conflict.Locator(".te-theirs")).ToHaveTextAsync("Bản của máy A: xin trả lời ông Bình.");
        await Expect(conflict.Locator(".te-mine")).ToHaveTextAsync("Bản của máy B: trả lời về con đường.");
        await ScreenshotAsync(b, "bien-tap-xung-dot");

        await conflict.GetByRole(AriaRole.Button, new() { Name = "Giữ bản của tôi" }).ClickAsync();
        await Expect(conflict).ToBeHiddenAsync();
        Assert.Contains((await ViewAsync()).GetProperty("passages").EnumerateArray(), p => p.GetProperty("text").GetString() == "Bản của máy B: trả lời về con đường.");
        // Nothing was lost: A's text is in the passage's history.
        await Passages(a).Nth(2).GetByRole(AriaRole.Button, new() { Name = "Lịch sử" }).ClickAsync();
        await Expect(a.Locator("#history")).ToContainTextAsync("Bản của máy A: xin trả lời ông Bình.");
    }

    [Fact]
    public async Task UploadedRecording_IsPreviewedPerTurnWithADiff_ThenAccepted()
    {
        var page = await PrepareAsync();
        await using (var db = new SqliteConnection($"Data Source={Path.Combine(Server.DataFolder, "meetingassist.db")};Pooling=False"))
        {
            await db.OpenAsync();
            var insert = db.CreateCommand();
            insert.CommandText = """
                INSERT INTO Recordings (MeetingId, OriginalFileName, StoredPath, SizeBytes, DurationMs, UploadedAtUtc, UploadedBy, State, Progress)
                VALUES ($m, 'may-ghi-am.wav', 'recordings/khong-co.wav', 1, 30000, '2026-12-01 04:00:00', 'secretary', 'Done', 100);
                INSERT INTO TranscriptSegments (MeetingId, RecordingId, StartMs, EndMs, Text, AverageTokenProbability, NoSpeechProbability, ModelName, Parameters)
                VALUES ($m, last_insert_rowid(), 10000, 14000, 'Xin trả lời ý kiến của ông Bình về con đường liên thôn.', 0.9, 0, 'ggml-small.bin', '');
                """;
            insert.Parameters.AddWithValue("$m", _meetingId);
            await insert.ExecuteNonQueryAsync();
        }
        await page.GetByText("Đưa văn bản từ tệp ghi âm đã tải lên vào bản ghi").ClickAsync();
        await Expect(page.Locator("#offer-recording option")).ToHaveTextAsync("may-ghi-am.wav (1 đoạn)");
        // The file has no start time of its own: the secretary types when the recorder was started, in Vietnam time
        // and the Vietnamese way (day first, 24-hour clock), whatever the browser's language.
        var startTime = DateTimeOffset.FromUnixTimeMilliseconds(_recordingStartMs).ToOffset(TimeSpan.FromHours(7));
        var start = startTime.ToString("d/M/yyyy H:mm:ss", CultureInfo.InvariantCulture);
        await page.GetByRole(AriaRole.Button, new() { Name = "Xem trước" }).Last.ClickAsync();
        await Expect(page.Locator("#offer-source")).ToContainTextAsync("tạm lấy giờ");
        await page.Locator("#offer-start").FillAsync("31/02/2026 08:00:00");
        await Expect(page.Locator("#offer-start-shown")).ToHaveTextAsync("Chưa đúng dạng ngày/tháng/năm giờ:phút:giây.");
        await page.Locator("#offer-start").FillAsync(start);
        // Beside the field, the start as it was read.
        await Expect(page.Locator("#offer-start-shown")).ToHaveTextAsync(startTime.ToString("dd/MM/yyyy HH:mm:ss", CultureInfo.InvariantCulture) + " (giờ Việt Nam)");
        await page.GetByRole(AriaRole.Button, new() { Name = "Xem trước" }).Last.ClickAsync();
        await Expect(page.Locator("#offer-source")).ToHaveTextAsync("Giờ bắt đầu do thư ký nhập.");
        await Expect(page.Locator("#offer-turns .te-diff-Removed")).ToHaveTextAsync("đường.");
        await Expect(page.Locator("#offer-turns .te-diff-Added")).ToHaveTextAsync("đường liên thôn.");
        await ScreenshotAsync(page, "bien-tap-nhan-tu-tep");
        await page.GetByRole(AriaRole.Button, new() { Name = "Nhận các lượt đã chọn" }).ClickAsync();
        await Expect(page.Locator("textarea").Filter(new() { HasText = "" })).ToHaveCountAsync(Script.Length);
        await Expect(page.Locator("li[data-passage] textarea").Nth(2)).ToHaveValueAsync("Xin trả lời ý kiến của ông Bình về con đường liên thôn.");
    }

    [Fact]
    public async Task PetitionMark_CreatesADraftPetition_LinkedFromThePassage()
    {
        var page = await PrepareAsync();
        // This server has no speech model: the second-pass box says so and offers nothing to start.
        await page.GetByText("Nhận dạng lại từ ghi âm của hội nghị").ClickAsync();
        await Expect(page.Locator("#pass-problem")).ToContainTextAsync("Chưa có mô hình nhận dạng giọng nói");
        await Expect(page.Locator("#pass-all")).ToBeDisabledAsync();

        var passage = Passages(page).Nth(1);
        var mark = passage.Locator("select.te-mark");
        await mark.FocusAsync();
        await mark.SelectOptionAsync("Petition");
        var link = passage.Locator("a.te-petition");
        await Expect(link).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^Kiến nghị số \d+$"));
        var id = (await link.TextContentAsync())!.Split(' ').Last();
        await Expect(link).ToHaveAttributeAsync("href", $"/petitions?id={id}");
        await ScreenshotAsync(page, "bien-tap-kien-nghi");

        await link.ClickAsync();
        await Expect(page.Locator("#detail-h")).ToHaveTextAsync($"Chi tiết kiến nghị số {id}");
        await Expect(page.Locator("#facts")).ToContainTextAsync("Tôi xin hỏi về con đường liên thôn đã xuống cấp.");
        await Expect(page.Locator("#facts")).ToContainTextAsync(Citizen);
        await Expect(page.Locator("#history")).ToContainTextAsync("Tạo từ bản ghi hội nghị");
    }

    [Fact]
    public async Task LongMeeting_1500Passages_OpensAndSavesWithinBudget()
    {
        var page = await PrepareAsync(extraPassages: 1500 - Script.Length);
        var text = Passages(page).Nth(1200).Locator("textarea");
        await text.ScrollIntoViewIfNeededAsync();
        var saving = Stopwatch.StartNew();
        await text.FillAsync("Đoạn đã sửa trong hội nghị dài.");
        await Expect(page.Locator("#save-state")).ToContainTextAsync("Đã lưu", new() { Timeout = 15_000 });
        var saved = saving.Elapsed - TimeSpan.FromMilliseconds(800); // the autosave waits 800 ms after the last key
        var figures = $"1500 passages: editor open and drawn in {OpenedIn.TotalSeconds:F2} s; one edit saved {saved.TotalMilliseconds:F0} ms after the autosave pause";
        Console.WriteLine(figures);
        await File.WriteAllTextAsync(Path.Combine(BrowserFixture.ScreenshotFolder, "editor-1500-passages.txt"), figures + "\n");
        Assert.True(OpenedIn < TimeSpan.FromSeconds(20), figures);
    }
}
