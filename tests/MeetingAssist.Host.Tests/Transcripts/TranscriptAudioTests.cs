using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MeetingAssist.Host.Transcripts;
using MeetingAssist.Transcribe;

namespace MeetingAssist.Host.Tests.Transcripts;

public class TranscriptAudioTests
{
    /// <summary>A real Ogg/Opus file like the recorder's, placed where the recorder puts the meeting's files.</summary>
    private static string PlaceRecording(EditorMeeting m, long startMs, int seconds)
    {
        var folder = Directory.CreateDirectory(Path.Combine(m.Host.DataFolder, "recordings", "live", m.MeetingId.ToString())).FullName;
        var path = Path.Combine(folder, $"audio-{startMs}.ogg");
        var info = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in (string[])["-nostdin", "-v", "error", "-f", "lavfi", "-i", $"sine=frequency=440:duration={seconds}:sample_rate=16000", "-c:a", "libopus", "-b:a", "24k", path])
            info.ArgumentList.Add(a);
        using var p = Process.Start(info)!;
        p.WaitForExit();
        Assert.Equal(0, p.ExitCode);
        return path;
    }

    [Fact]
    public async Task Recording_IsServedInRanges()
    {
        await using var m = await EditorMeeting.StartAsync();
        var path = PlaceRecording(m, m.FirstTurnStartMs, 6);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/meetings/{m.MeetingId}/live/recordings/{Path.GetFileName(path)}");
        request.Headers.Range = new RangeHeaderValue(100, 199);
        var response = await m.Secretary.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(100, (await response.Content.ReadAsByteArrayAsync()).Length);
        Assert.Equal(new FileInfo(path).Length, response.Content.Headers.ContentRange!.Length);
    }

    [Fact]
    public async Task PassageClip_IsCutFromTheRecordingThatHoldsIt()
    {
        await using var m = await EditorMeeting.StartAsync();
        PlaceRecording(m, m.FirstTurnStartMs, 8);
        await m.AddLiveAsync(m.FirstTurn, m.FirstTurnStartMs + 2000, m.FirstTurnStartMs + 5000, "đoạn cần nghe");
        var passage = (await m.PassagesAsync()).Single();
        var response = await m.Secretary.Http.GetAsync($"/api/meetings/{m.MeetingId}/editor/passages/{passage.GetProperty("id").GetInt64()}/clip");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("audio/ogg", response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal("OggS", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));
        var clip = Path.Combine(m.Host.DataFolder, "clip.ogg");
        await File.WriteAllBytesAsync(clip, bytes);
        var seconds = (await AudioProbe.DurationAsync(clip)).TotalSeconds;
        Assert.InRange(seconds, 2.5, 3.5);
    }

    [Fact]
    public async Task PassageClip_AcrossTwoRecordingFiles_HasTheFullDuration()
    {
        // The recorder starts a new file every 10 minutes; a passage spoken across the change spans two files.
        await using var m = await EditorMeeting.StartAsync();
        var start = m.FirstTurnStartMs;
        PlaceRecording(m, start, 10);
        PlaceRecording(m, start + 10_000, 10);
        await m.AddLiveAsync(m.FirstTurn, start + 8000, start + 13_000, "đoạn nói qua hai tệp ghi âm");
        var passage = (await m.PassagesAsync()).Single();

        var response = await m.Secretary.Http.GetAsync($"/api/meetings/{m.MeetingId}/editor/passages/{passage.GetProperty("id").GetInt64()}/clip");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var clip = Path.Combine(m.Host.DataFolder, "clip-across.ogg");
        await File.WriteAllBytesAsync(clip, await response.Content.ReadAsByteArrayAsync());
        Assert.InRange((await AudioProbe.DurationAsync(clip)).TotalSeconds, 4.5, 5.5);
    }

    [Fact]
    public async Task PassageClip_WithoutARecording_Is404InVietnamese()
    {
        await using var m = await EditorMeeting.StartAsync();
        await m.AddLiveAsync(m.FirstTurn, m.FirstTurnStartMs + 2000, m.FirstTurnStartMs + 5000, "chưa ghi âm");
        var passage = (await m.PassagesAsync()).Single();
        var response = await m.Secretary.Http.GetAsync($"/api/meetings/{m.MeetingId}/editor/passages/{passage.GetProperty("id").GetInt64()}/clip");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("ghi âm", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }
}
