using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MeetingAssist.Host.Transcripts;
using MeetingAssist.Transcribe;

namespace MeetingAssist.Host.Tests.Transcripts;

/// <summary>The second pass over the meeting's own live recording, with a generated model, through the real server.</summary>
[Collection(TranscriptsCollection.Name)]
public class SecondPassTests(TranscriptsFixture fx)
{
    private static long Id(JsonElement p) => p.GetProperty("id").GetInt64();

    /// <summary>The spoken sentence (or another WAV) as one of the recorder's Ogg/Opus files, starting at <paramref name="startMs"/>.</summary>
    private void PlaceRecording(EditorMeeting m, long startMs, string? wav = null)
    {
        var folder = Directory.CreateDirectory(Path.Combine(m.Host.DataFolder, "recordings", "live", m.MeetingId.ToString())).FullName;
        SpeechSamples.Convert(wav ?? fx.Wav, Path.Combine(folder, $"audio-{startMs}.ogg"), "-ac", "1", "-ar", "16000", "-c:a", "libopus", "-b:a", "24k");
    }

    private static async Task<JsonElement> PassAsync(EditorMeeting m) =>
        (await m.Secretary.Http.GetFromJsonAsync<JsonElement>(m.Api("/second-pass"))).GetProperty("pass");

    private static async Task<JsonElement> WaitForPassAsync(EditorMeeting m, int timeoutSeconds = 180)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (true)
        {
            var status = await m.Secretary.Http.GetFromJsonAsync<JsonElement>(m.Api("/second-pass"));
            var pass = status.GetProperty("pass");
            if (pass.GetProperty("state").GetString() is "Done" or "Failed" or "Cancelled") return pass;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"second pass still running: {pass}");
            await Task.Delay(250);
        }
    }

    [Fact]
    public async Task SecondPassOfATurn_RunsToTheEnd_OffersItsText_AndAcceptingKeepsThePersonsEdit()
    {
        var speech = await AudioProbe.DurationAsync(fx.Wav);
        await using var m = await EditorMeeting.StartAsync(fx.Settings(), firstTurnLasts: speech + TimeSpan.FromSeconds(2));
        var start = m.FirstTurnStartMs;
        PlaceRecording(m, start);
        var speechMs = (long)speech.TotalMilliseconds;
        await m.AddLiveAsync(m.FirstTurn, start + 100, start + speechMs, "van ban truc tiep");
        await m.AddLiveAsync(m.FirstTurn, start + speechMs + 300, start + speechMs + 1500, "tieng on");
        var passages = await m.PassagesAsync();
        var edited = passages.Single(p => p.GetProperty("text").GetString() == "van ban truc tiep");
        var machine = passages.Single(p => p.GetProperty("text").GetString() == "tieng on");
        (await m.Secretary.Http.PutAsJsonAsync(m.Api($"/passages/{Id(edited)}/text"),
            new { version = edited.GetProperty("version").GetInt32(), text = "Kính thưa các vị đại biểu (thư ký đã sửa)." })).EnsureSuccessStatusCode();

        var request = await m.Secretary.Http.PostAsJsonAsync(m.Api("/second-pass"), new { turnId = m.FirstTurn });
        Assert.Equal(HttpStatusCode.OK, request.StatusCode);
        var pass = await WaitForPassAsync(m);

        Assert.Equal("Done", pass.GetProperty("state").GetString());
        Assert.Equal(100, pass.GetProperty("progress").GetDouble());
        Assert.Equal(TranscriptsFixture.ModelFile, pass.GetProperty("modelName").GetString());
        Assert.True(pass.GetProperty("segments").GetInt32() > 0, pass.ToString());
        var recordingId = pass.GetProperty("recordingId").GetInt32();

        var offers = await m.Secretary.Http.GetFromJsonAsync<JsonElement>(m.Api($"/recordings/{recordingId}/offers"));
        Assert.Equal("pass", offers.GetProperty("startSource").GetString());
        var turn = offers.GetProperty("turns").EnumerateArray().Single(t => t.GetProperty("turnId").ValueKind == JsonValueKind.Number
                                                                            && t.GetProperty("turnId").GetInt32() == m.FirstTurn);
        Assert.True(turn.GetProperty("offeredSegments").GetInt32() > 0, offers.ToString());

        var accept = await m.Secretary.Http.PostAsJsonAsync(m.Api($"/recordings/{recordingId}/accept"),
            new { startMs = offers.GetProperty("startMs").GetInt64(), turnIds = new[] { m.FirstTurn } });
        Assert.Equal(HttpStatusCode.OK, accept.StatusCode);

        var after = await m.PassagesAsync();
        var kept = after.Single(p => Id(p) == Id(edited));
        Assert.Equal("Kính thưa các vị đại biểu (thư ký đã sửa).", kept.GetProperty("text").GetString());
        Assert.False(string.IsNullOrWhiteSpace(kept.GetProperty("machineOffer").GetString()));
        Assert.DoesNotContain(after, p => Id(p) == Id(machine));
    }

    [Fact]
    public async Task SecondPassOfTheWholeMeeting_AfterItEnded_ShowsProgress_AndStopsWhenCancelled()
    {
        var looped = Path.Combine(fx.Folder, "hai-phut-noi.wav");
        if (!File.Exists(looped)) SpeechSamples.Loop(fx.Wav, looped, 120);
        await using var m = await EditorMeeting.StartAsync(fx.Settings());
        await using (var chair = await m.Host.ClientAsync("chair"))
        {
            var w = await chair.WatchAsync(m.MeetingId);
            await w.Invoke("EndTurn");
            await w.Invoke("EndMeeting");
        }
        PlaceRecording(m, m.FirstTurnStartMs, looped);

        var request = await m.Secretary.Http.PostAsJsonAsync(m.Api("/second-pass"), new { turnId = (int?)null });
        Assert.Equal(HttpStatusCode.OK, request.StatusCode);
        var deadline = DateTime.UtcNow.AddSeconds(120);
        JsonElement pass;
        do
        {
            await Task.Delay(200);
            pass = await PassAsync(m);
        } while (pass.GetProperty("progress").GetDouble() < 1 && pass.GetProperty("state").GetString() == "Running" || pass.GetProperty("state").GetString() == "Queued");
        Assert.True(DateTime.UtcNow < deadline);
        Assert.Equal("Running", pass.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, pass.GetProperty("turnId").ValueKind);
        Assert.InRange(pass.GetProperty("progress").GetDouble(), 0.1, 99.9);
        Assert.True(pass.GetProperty("secondsLeft").GetInt32() > 0, pass.ToString());

        var recordingId = pass.GetProperty("recordingId").GetInt32();
        (await m.Secretary.Http.PostAsync($"/api/recordings/{recordingId}/cancel", null)).EnsureSuccessStatusCode();

        // The engine is stopped within about a second, so the one worker is free for the next pass at once; without
        // that, the next pass would wait for the rest of the two minutes to be recognised.
        var next = await m.Secretary.Http.PostAsJsonAsync(m.Api("/second-pass"), new { turnId = (int?)null });
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        var nextId = (await next.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("recordingId").GetInt32();
        var started = DateTime.UtcNow.AddSeconds(10);
        while ((await PassAsync(m)).GetProperty("state").GetString() == "Queued")
        {
            Assert.True(DateTime.UtcNow < started, "the next pass waited for the cancelled one");
            await Task.Delay(200);
        }
        Assert.Equal(nextId, (await PassAsync(m)).GetProperty("recordingId").GetInt32());
        var cancelled = await m.Secretary.Http.GetFromJsonAsync<JsonElement>($"/api/recordings/{recordingId}");
        Assert.Equal("Cancelled", cancelled.GetProperty("state").GetString());
        (await m.Secretary.Http.PostAsync($"/api/recordings/{nextId}/cancel", null)).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task SecondPassOfTheWholeMeeting_BeforeItEnded_Is409InVietnamese()
    {
        await using var m = await EditorMeeting.StartAsync(fx.Settings());
        PlaceRecording(m, m.FirstTurnStartMs);
        var response = await m.Secretary.Http.PostAsJsonAsync(m.Api("/second-pass"), new { turnId = (int?)null });
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("Hội nghị chưa kết thúc", await TranscriptsFixture.DetailOf(response));
    }

    [Fact]
    public async Task SecondPass_WithoutAModel_Is409InVietnamese_AndTheStatusSaysWhy()
    {
        await using var m = await EditorMeeting.StartAsync();
        PlaceRecording(m, m.FirstTurnStartMs);

        var response = await m.Secretary.Http.PostAsJsonAsync(m.Api("/second-pass"), new { turnId = m.FirstTurn });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("Chưa có mô hình nhận dạng", await TranscriptsFixture.DetailOf(response));
        var status = await m.Secretary.Http.GetFromJsonAsync<JsonElement>(m.Api("/second-pass"));
        Assert.False(status.GetProperty("ready").GetBoolean());
        Assert.Contains("Chưa có mô hình nhận dạng", status.GetProperty("problem").GetString());
        Assert.Equal(JsonValueKind.Null, status.GetProperty("pass").ValueKind);
    }

    private const string SmallerModel = "ggml-a-nho.bin";
    private const string LargerModel = "ggml-b-lon.bin";

    /// <summary>A models folder with two usable models of different widths; the smaller one sorts first, so it is the active one.</summary>
    private string TwoModels()
    {
        var folder = Directory.CreateDirectory(Path.Combine(fx.Folder, "two-models")).FullName;
        if (!File.Exists(Path.Combine(folder, LargerModel)))
        {
            File.Copy(Path.Combine(fx.ModelsFolder, TranscriptsFixture.ModelFile), Path.Combine(folder, SmallerModel));
            GgmlModelWriter.Write(Path.Combine(folder, LargerModel), GgmlModelSpec.TestTiny with { State = 128 });
        }
        return folder;
    }

    private static async Task<JsonElement> RunTurnPassAsync(EditorMeeting m)
    {
        var request = await m.Secretary.Http.PostAsJsonAsync(m.Api("/second-pass"), new { turnId = m.FirstTurn });
        Assert.Equal(HttpStatusCode.OK, request.StatusCode);
        var pass = await WaitForPassAsync(m);
        Assert.Equal("Done", pass.GetProperty("state").GetString());
        return pass;
    }

    [Fact]
    public async Task SecondPass_UsesTheLargestInstalledModel_UntilTheAdminChoosesOne_ThenThatOne()
    {
        var speech = await AudioProbe.DurationAsync(fx.Wav);
        await using var m = await EditorMeeting.StartAsync(fx.Settings(TwoModels()), firstTurnLasts: speech + TimeSpan.FromSeconds(1));
        PlaceRecording(m, m.FirstTurnStartMs);
        await using var admin = await m.Host.ClientAsync("admin");
        Assert.Equal(SmallerModel, (await admin.Http.GetFromJsonAsync<JsonElement>("/api/speech/status")).GetProperty("activeModel").GetString());

        var before = await m.Secretary.Http.GetFromJsonAsync<JsonElement>(m.Api("/second-pass"));
        Assert.Equal(LargerModel, before.GetProperty("model").GetString());
        Assert.Equal("mô hình lớn nhất đã cài", before.GetProperty("modelReason").GetString());
        Assert.Equal(LargerModel, (await RunTurnPassAsync(m)).GetProperty("modelName").GetString());

        var chosen = await admin.Http.PutAsJsonAsync("/api/speech/second-pass-model", new { fileName = SmallerModel });
        TranscriptsFixture.AssertStatus(HttpStatusCode.OK, chosen, await chosen.Content.ReadAsStringAsync());
        var models = (await admin.Http.GetFromJsonAsync<JsonElement[]>("/api/speech/models"))!;
        var smaller = models.Single(x => x.GetProperty("fileName").GetString() == SmallerModel);
        Assert.True(smaller.GetProperty("secondPass").GetBoolean());
        Assert.Equal("đã chọn cho lần nhận dạng lại", smaller.GetProperty("secondPassReason").GetString());
        Assert.False(models.Single(x => x.GetProperty("fileName").GetString() == LargerModel).GetProperty("secondPass").GetBoolean());
        var after = await m.Secretary.Http.GetFromJsonAsync<JsonElement>(m.Api("/second-pass"));
        Assert.Equal(SmallerModel, after.GetProperty("model").GetString());
        Assert.Equal("đã chọn cho lần nhận dạng lại", after.GetProperty("modelReason").GetString());
        Assert.Equal(SmallerModel, (await RunTurnPassAsync(m)).GetProperty("modelName").GetString());

        // Choosing the larger one for the second pass leaves live speech on the smaller one.
        (await admin.Http.PutAsJsonAsync("/api/speech/second-pass-model", new { fileName = LargerModel })).EnsureSuccessStatusCode();
        Assert.Equal(SmallerModel, (await admin.Http.GetFromJsonAsync<JsonElement>("/api/speech/status")).GetProperty("activeModel").GetString());
        Assert.Equal(LargerModel, (await RunTurnPassAsync(m)).GetProperty("modelName").GetString());
    }

    [Fact]
    public async Task SecondPassModel_MissingOrUnusableFile_Is400InVietnamese_AndOnlyTheAdminMayChoose()
    {
        await using var m = await EditorMeeting.StartAsync(fx.Settings());
        await using var admin = await m.Host.ClientAsync("admin");

        var missing = await admin.Http.PutAsJsonAsync("/api/speech/second-pass-model", new { fileName = "ggml-khong-co.bin" });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("Không tìm thấy tệp mô hình", await TranscriptsFixture.DetailOf(missing));
        var notAModel = await admin.Http.PutAsJsonAsync("/api/speech/second-pass-model", new { fileName = TranscriptsFixture.NotAModelFile });
        Assert.Equal(HttpStatusCode.BadRequest, notAModel.StatusCode);
        Assert.Contains("không phải mô hình Whisper", await TranscriptsFixture.DetailOf(notAModel));
        var empty = await admin.Http.PutAsJsonAsync("/api/speech/second-pass-model", new { fileName = "" });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("Chưa chọn mô hình", await TranscriptsFixture.DetailOf(empty));

        var bySecretary = await m.Secretary.Http.PutAsJsonAsync("/api/speech/second-pass-model", new { fileName = TranscriptsFixture.ModelFile });
        Assert.Equal(HttpStatusCode.Forbidden, bySecretary.StatusCode);
        var status = await m.Secretary.Http.GetFromJsonAsync<JsonElement>(m.Api("/second-pass"));
        Assert.Equal(TranscriptsFixture.ModelFile, status.GetProperty("model").GetString());
        Assert.Equal("mô hình lớn nhất đã cài", status.GetProperty("modelReason").GetString());
    }

    [Fact]
    public async Task SecondPassModel_ChosenThenRemoved_FallsBackToTheLargestInstalled_AndSaysSo()
    {
        var folder = Directory.CreateDirectory(Path.Combine(fx.Folder, "removed-choice")).FullName;
        File.Copy(Path.Combine(fx.ModelsFolder, TranscriptsFixture.ModelFile), Path.Combine(folder, SmallerModel), overwrite: true);
        File.Copy(Path.Combine(fx.ModelsFolder, TranscriptsFixture.ModelFile), Path.Combine(folder, "ggml-c-tam.bin"), overwrite: true);
        await using var m = await EditorMeeting.StartAsync(fx.Settings(folder));
        await using var admin = await m.Host.ClientAsync("admin");
        (await admin.Http.PutAsJsonAsync("/api/speech/second-pass-model", new { fileName = "ggml-c-tam.bin" })).EnsureSuccessStatusCode();
        Assert.Equal("ggml-c-tam.bin", (await m.Secretary.Http.GetFromJsonAsync<JsonElement>(m.Api("/second-pass"))).GetProperty("model").GetString());

        File.Delete(Path.Combine(folder, "ggml-c-tam.bin"));

        var status = await m.Secretary.Http.GetFromJsonAsync<JsonElement>(m.Api("/second-pass"));
        Assert.True(status.GetProperty("ready").GetBoolean());
        Assert.Equal(SmallerModel, status.GetProperty("model").GetString());
        Assert.Contains("mô hình đã chọn ggml-c-tam.bin không còn", status.GetProperty("modelReason").GetString());
    }
}
