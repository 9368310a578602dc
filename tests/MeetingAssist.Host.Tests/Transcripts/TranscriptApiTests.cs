using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MeetingAssist.Host.Tests.Integration;
using static MeetingAssist.Host.Tests.Transcripts.TranscriptsFixture;

namespace MeetingAssist.Host.Tests.Transcripts;

/// <summary>The speech API on the real host with the real engine and a generated tiny model.</summary>
[Collection(TranscriptsCollection.Name)]
public class TranscriptApiTests(TranscriptsFixture fx)
{
    [Fact]
    public async Task Models_ListsTheModel_AndRefusesANonModelFile_WithAVietnameseReason()
    {
        await using var host = MeetingHostFactory.Start(settings: fx.Settings());
        await using var admin = await host.ClientAsync("admin");
        var models = await admin.Http.GetFromJsonAsync<JsonElement[]>("/api/speech/models");
        Assert.NotNull(models);
        var model = Assert.Single(models, m => m.GetProperty("fileName").GetString() == ModelFile);
        Assert.True(model.GetProperty("valid").GetBoolean());
        Assert.Equal("tiny", model.GetProperty("type").GetString());
        Assert.True(model.GetProperty("multilingual").GetBoolean());
        Assert.Equal("f16", model.GetProperty("quantization").GetString());
        Assert.True(model.GetProperty("sizeBytes").GetInt64() > 1_000_000);

        var bad = Assert.Single(models, m => m.GetProperty("fileName").GetString() == NotAModelFile);
        Assert.False(bad.GetProperty("valid").GetBoolean());
        Assert.Contains("không phải mô hình Whisper", bad.GetProperty("reason").GetString());

        var refused = await admin.Http.PutAsJsonAsync("/api/speech/active-model", new { fileName = NotAModelFile });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("không phải mô hình Whisper", await DetailOf(refused));
    }

    [Fact]
    public async Task ActiveModel_ChosenByAdmin_PersistsAcrossRestart()
    {
        var data = MeetingHostFactory.NewDataFolder();
        var models = Directory.CreateDirectory(Path.Combine(data, "my-models")).FullName;
        File.Copy(Path.Combine(fx.ModelsFolder, ModelFile), Path.Combine(models, "ggml-a.bin"));
        File.Copy(Path.Combine(fx.ModelsFolder, ModelFile), Path.Combine(models, "ggml-b.bin"));
        await using (var host = MeetingHostFactory.Start(data, fx.Settings(models)))
        {
            await using var admin = await host.ClientAsync("admin");
            var before = await admin.Http.GetFromJsonAsync<JsonElement>("/api/speech/status");
            Assert.Equal("ggml-a.bin", before.GetProperty("activeModel").GetString());
            Assert.False(before.GetProperty("activeModelChosen").GetBoolean());
            var chosen = await admin.Http.PutAsJsonAsync("/api/speech/active-model", new { fileName = "ggml-b.bin" });
            AssertStatus(HttpStatusCode.OK, chosen, await chosen.Content.ReadAsStringAsync());
        }
        await using (var host = MeetingHostFactory.Start(data, fx.Settings(models)))
        {
            await using var secretary = await host.ClientAsync("secretary");
            var after = await secretary.Http.GetFromJsonAsync<JsonElement>("/api/speech/status");
            Assert.Equal("ggml-b.bin", after.GetProperty("activeModel").GetString());
            Assert.True(after.GetProperty("ready").GetBoolean());
            Assert.Contains("Sẵn sàng", after.GetProperty("message").GetString());
        }
    }

    [Fact]
    public async Task Upload_TenMinutesWithoutSpeech_GivesNoText()
    {
        // Silence, hiss, pink noise, applause, music, door slams: before the voice gate and guard, the whole file
        // went to the engine and the generated model invented a passage for nearly every window.
        var wav = Path.Combine(fx.Folder, "khong-loi-noi.wav");
        if (!File.Exists(wav)) SpeechSamples.NonSpeech(wav, 600);
        await using var host = MeetingHostFactory.Start(settings: fx.Settings());
        await using var secretary = await host.ClientAsync("secretary");
        var meetingId = await CurrentMeetingAsync(secretary);

        var upload = await UploadAsync(secretary, meetingId, wav, "Tiếng ồn hội trường.wav");
        AssertStatus(HttpStatusCode.Accepted, upload, await upload.Content.ReadAsStringAsync());
        var recordingId = JsonDocument.Parse(await upload.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt32();
        var job = await WaitForJobAsync(secretary, recordingId, timeoutSeconds: 300);

        Assert.Equal("Done", job.GetProperty("state").GetString());
        Assert.InRange(job.GetProperty("durationMs").GetInt64(), 599_000, 601_000);
        Assert.Empty((await secretary.Http.GetFromJsonAsync<JsonElement[]>($"/api/meetings/{meetingId}/transcript"))!);
        Assert.Equal("", (await secretary.Http.GetStringAsync($"/api/meetings/{meetingId}/transcript/srt")).Trim());
    }

    [Fact]
    public async Task HalfCopiedModel_WithNoneChosen_NeverBecomesActive()
    {
        // Its header reads correctly; only reading the whole file shows the copy has not finished.
        var data = MeetingHostFactory.NewDataFolder();
        var models = Directory.CreateDirectory(Path.Combine(data, "my-models")).FullName;
        var bytes = await File.ReadAllBytesAsync(Path.Combine(fx.ModelsFolder, ModelFile));
        await File.WriteAllBytesAsync(Path.Combine(models, "ggml-a-copying.bin"), bytes[..(bytes.Length / 2)]);
        await using var host = MeetingHostFactory.Start(data, fx.Settings(models));
        await using var admin = await host.ClientAsync("admin");

        var status = await admin.Http.GetFromJsonAsync<JsonElement>("/api/speech/status");
        Assert.False(status.GetProperty("ready").GetBoolean(), status.ToString());
        Assert.Equal(JsonValueKind.Null, status.GetProperty("activeModel").ValueKind);

        var listed = (await admin.Http.GetFromJsonAsync<JsonElement[]>("/api/speech/models"))!.Single();
        Assert.False(listed.GetProperty("valid").GetBoolean());
        Assert.Contains("chép chưa xong", listed.GetProperty("reason").GetString());
        var chosen = await admin.Http.PutAsJsonAsync("/api/speech/active-model", new { fileName = "ggml-a-copying.bin" });
        Assert.Equal(HttpStatusCode.BadRequest, chosen.StatusCode);

        // Once the copy completes, the same file is taken up without a restart.
        await File.WriteAllBytesAsync(Path.Combine(models, "ggml-a-copying.bin"), bytes);
        Assert.True((await admin.Http.GetFromJsonAsync<JsonElement>("/api/speech/status")).GetProperty("ready").GetBoolean());
    }

    [Fact]
    public async Task Upload_TranscribesInTheBackground_StoresSegments_AndExportsSrtVttTxt()
    {
        await using var host = MeetingHostFactory.Start(settings: fx.Settings());
        await using var secretary = await host.ClientAsync("secretary");
        var meetingId = await CurrentMeetingAsync(secretary);

        var upload = await UploadAsync(secretary, meetingId, fx.Wav, "Phiên họp sáng.wav");
        var body = await upload.Content.ReadAsStringAsync();
        AssertStatus(HttpStatusCode.Accepted, upload, body);
        var recordingId = JsonDocument.Parse(body).RootElement.GetProperty("id").GetInt32();

        var job = await WaitForJobAsync(secretary, recordingId);
        Assert.Equal("Done", job.GetProperty("state").GetString());
        Assert.Equal("Xong", job.GetProperty("stateLabel").GetString());
        Assert.Equal(100, job.GetProperty("progress").GetDouble());
        Assert.Equal("Phiên họp sáng.wav", job.GetProperty("fileName").GetString());
        Assert.InRange(job.GetProperty("durationMs").GetInt64(), 3000, 15000);
        Assert.True(File.Exists(Directory.GetFiles(Path.Combine(host.DataFolder, "recordings", meetingId.ToString())).Single()));

        var segments = await secretary.Http.GetFromJsonAsync<JsonElement[]>($"/api/meetings/{meetingId}/transcript");
        Assert.NotNull(segments);
        Assert.NotEmpty(segments);
        Assert.All(segments, s =>
        {
            Assert.Equal(recordingId, s.GetProperty("recordingId").GetInt32());
            Assert.True(s.GetProperty("endMs").GetInt64() >= s.GetProperty("startMs").GetInt64());
            Assert.True(s.GetProperty("text").GetString()!.IsNormalized(NormalizationForm.FormC));
            Assert.InRange(s.GetProperty("averageTokenProbability").GetSingle(), 0f, 1f);
            Assert.Equal(ModelFile, s.GetProperty("modelName").GetString());
            Assert.Contains("max_tokens=16", s.GetProperty("parameters").GetString());
        });
        var firstText = segments.Select(s => s.GetProperty("text").GetString()!).First(t => t.Trim().Length > 0);

        foreach (var (format, contentType, marker) in new[] { ("srt", "application/x-subrip", "00:00:0"), ("vtt", "text/vtt", "WEBVTT"), ("txt", "text/plain", "[00:00:0") })
        {
            var response = await secretary.Http.GetAsync($"/api/meetings/{meetingId}/transcript/{format}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
            var disposition = response.Content.Headers.ContentDisposition!;
            Assert.Equal("attachment", disposition.DispositionType);
            Assert.StartsWith("Bản ghi nháp - ", disposition.FileNameStar);
            Assert.EndsWith("." + format, disposition.FileNameStar);
            var text = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync());
            Assert.Contains(marker, text);
            Assert.Contains(firstText.Split(' ')[0], text);
        }
        var unknown = await secretary.Http.GetAsync($"/api/meetings/{meetingId}/transcript/pdf");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("srt, vtt hoặc txt", await DetailOf(unknown));
    }

    [Fact]
    public async Task Upload_EmptyOrCorruptFile_Is400WithAVietnameseMessage_AndNothingIsQueued()
    {
        await using var host = MeetingHostFactory.Start(settings: fx.Settings());
        await using var secretary = await host.ClientAsync("secretary");
        var meetingId = await CurrentMeetingAsync(secretary);

        var empty = await UploadAsync(secretary, meetingId, fx.Empty, "rong.wav");
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("rỗng", await DetailOf(empty));

        var corrupt = await UploadAsync(secretary, meetingId, fx.Corrupt, "hong.mp3");
        Assert.Equal(HttpStatusCode.BadRequest, corrupt.StatusCode);
        Assert.Contains("bị hỏng", await DetailOf(corrupt));

        var missingMeeting = await UploadAsync(secretary, 987654, fx.Wav, "a.wav");
        Assert.Equal(HttpStatusCode.NotFound, missingMeeting.StatusCode);

        Assert.Empty((await secretary.Http.GetFromJsonAsync<JsonElement[]>($"/api/meetings/{meetingId}/recordings"))!);
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(host.DataFolder, "recordings"), "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task NoModelInstalled_StatusSaysSoInVietnamese_UploadIsRefused_AndTheLiveMeetingStillWorks()
    {
        await using var host = MeetingHostFactory.Start();
        await using var secretary = await host.ClientAsync("secretary");
        var status = await secretary.Http.GetFromJsonAsync<JsonElement>("/api/speech/status");
        Assert.False(status.GetProperty("ready").GetBoolean());
        Assert.True(status.GetProperty("engineAvailable").GetBoolean());
        Assert.Equal(JsonValueKind.Null, status.GetProperty("activeModel").ValueKind);
        Assert.Contains("Chưa có mô hình", status.GetProperty("message").GetString());
        Assert.Equal(Path.Combine(host.DataFolder, "models"), status.GetProperty("modelsFolder").GetString());
        Assert.True(Directory.Exists(Path.Combine(host.DataFolder, "models")));

        var meetingId = await CurrentMeetingAsync(secretary);
        var upload = await UploadAsync(secretary, meetingId, fx.Wav, "a.wav");
        Assert.Equal(HttpStatusCode.Conflict, upload.StatusCode);
        Assert.Contains("Chưa có mô hình", await DetailOf(upload));

        await using var chair = await host.ClientAsync("chair");
        var watcher = await chair.WatchAsync(meetingId);
        Assert.NotNull(watcher.Initial);
        Assert.Equal(meetingId, watcher.Initial.MeetingId);
    }

    [Fact]
    public async Task Upload_IsRefusedForDeskAndAnonymous_AndModelChoiceForSecretary()
    {
        await using var host = MeetingHostFactory.Start(settings: fx.Settings());
        await using var anonymous = await host.ClientAsync();
        await using var desk = await host.ClientAsync("desk");
        await using var secretary = await host.ClientAsync("secretary");
        var meetingId = await CurrentMeetingAsync(anonymous);

        Assert.Equal(HttpStatusCode.Unauthorized, (await UploadAsync(anonymous, meetingId, fx.Wav, "a.wav")).StatusCode);
        var refused = await UploadAsync(desk, meetingId, fx.Wav, "a.wav");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("không có quyền", await DetailOf(refused));
        Assert.Equal(HttpStatusCode.Forbidden, (await desk.Http.GetAsync($"/api/meetings/{meetingId}/transcript")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.Http.GetAsync($"/api/meetings/{meetingId}/transcript/srt")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.Http.GetAsync("/api/speech/status")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await secretary.Http.PutAsJsonAsync("/api/speech/active-model", new { fileName = ModelFile })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await secretary.Http.GetAsync("/api/speech/models")).StatusCode);

        secretary.Http.DefaultRequestHeaders.Remove("X-CSRF-TOKEN");
        var noToken = await UploadAsync(secretary, meetingId, fx.Wav, "a.wav");
        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
        Assert.Contains("tải lại trang", await DetailOf(noToken));
    }

    [Fact]
    public async Task Pages_SecretaryAndSpeechSettings_AreServedWithTheirScripts()
    {
        await using var host = MeetingHostFactory.Start(settings: fx.Settings());
        await using var anonymous = await host.ClientAsync();
        foreach (var (page, title) in new[] { ("/secretary", "Thư ký — Bản ghi nháp"), ("/speech-settings", "Cài đặt nhận dạng giọng nói") })
        {
            var html = await anonymous.Http.GetStringAsync(page);
            Assert.Contains(title, html);
            Assert.DoesNotContain("<script>", html);
        }
        foreach (var asset in new[] { "secretary.js", "speech-settings.js", "common.js", "speech.css" })
        {
            var response = await anonymous.Http.GetAsync("/assets/" + asset);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task Cancel_StopsAWaitingOrRunningJob_AndItStaysCancelled()
    {
        var longWav = Path.Combine(fx.Folder, "dai.wav");
        SpeechSamples.Loop(fx.Wav, longWav, 600);
        var settings = fx.Settings();
        settings["MeetingAssist:Speech:MaxTokensPerWindow"] = "64";
        await using var host = MeetingHostFactory.Start(settings: settings);
        await using var secretary = await host.ClientAsync("secretary");
        var meetingId = await CurrentMeetingAsync(secretary);
        var upload = await UploadAsync(secretary, meetingId, longWav, "dài.wav");
        var recordingId = JsonDocument.Parse(await upload.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt32();

        var cancel = await secretary.Http.PostAsync($"/api/recordings/{recordingId}/cancel", null);
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        var job = await WaitForJobAsync(secretary, recordingId);
        Assert.Equal("Cancelled", job.GetProperty("state").GetString());
        Assert.Equal("Đã hủy", job.GetProperty("stateLabel").GetString());
        await Task.Delay(500);
        Assert.Equal("Cancelled", (await secretary.Http.GetFromJsonAsync<JsonElement>($"/api/recordings/{recordingId}")).GetProperty("state").GetString());

        var again = await secretary.Http.PostAsync($"/api/recordings/{recordingId}/cancel", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("đã kết thúc", await DetailOf(again));
    }
}
