using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MeetingAssist.Host.Tests.Transcripts;
using static MeetingAssist.Host.Tests.Transcripts.TranscriptsFixture;

namespace MeetingAssist.Host.Tests.Integration;

/// <summary>Uploads that are not whole recordings are refused at once, and nothing of them stays on disk.</summary>
[Collection(TranscriptsCollection.Name)]
public class UploadProbeTests(TranscriptsFixture fx)
{
    private static async Task<HttpResponseMessage> UploadBytesAsync(StaffClient client, int meetingId, byte[] bytes, string fileName, bool chunked = false)
    {
        HttpContent content = chunked ? new StreamContent(new MemoryStream(bytes)) : new ByteArrayContent(bytes);
        content.Headers.ContentType = new("application/octet-stream");
        if (chunked) content.Headers.ContentLength = null;
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/meetings/{meetingId}/recordings?fileName={Uri.EscapeDataString(fileName)}") { Content = content };
        if (chunked) request.Headers.TransferEncodingChunked = true;
        return await client.Http.SendAsync(request);
    }

    [Fact]
    public async Task Upload_RandomBytes_AProgram_EmptyAndTruncatedWav_AreRefused_AndNothingIsKept()
    {
        await using var host = MeetingHostFactory.Start(settings: fx.Settings());
        await using var secretary = await host.ClientAsync("secretary");
        var meetingId = await CurrentMeetingAsync(secretary);
        var wav = await File.ReadAllBytesAsync(fx.Wav);
        var random = new byte[200_000];
        new Random(12).NextBytes(random);
        random[0] = 0x12; // not by chance an MPEG frame sync

        var cases = new (string Name, byte[] Bytes, string FileName, bool Chunked, string Expected)[]
        {
            ("random bytes", random, "ngau-nhien.mp3", false, "không phải tệp âm thanh"),
            ("a program", await File.ReadAllBytesAsync("/usr/bin/ls"), "a.mp3", false, "không phải tệp âm thanh"),
            ("an ID3 tag before garbage", [.. "ID3"u8.ToArray(), 3, 0, 0, 0, 0, 0, 10, .. random[..50_000]], "the.mp3", false, "không phải tệp âm thanh"),
            ("empty, without a length", [], "rong.wav", true, "rỗng"),
            ("truncated WAV", wav[..(wav.Length / 2)], "cat-ngang.wav", false, "không đầy đủ"),
        };
        foreach (var (name, bytes, fileName, chunked, expected) in cases)
        {
            var response = await UploadBytesAsync(secretary, meetingId, bytes, fileName, chunked);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{name}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            Assert.Contains(expected, await DetailOf(response));
        }

        Assert.Empty((await secretary.Http.GetFromJsonAsync<JsonElement[]>($"/api/meetings/{meetingId}/recordings"))!);
        var folder = Path.Combine(host.DataFolder, "recordings");
        Assert.True(!Directory.Exists(folder) || !Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Any());

        // A whole recording still goes through.
        var whole = await UploadBytesAsync(secretary, meetingId, wav, "ca-phien.wav");
        Assert.Equal(HttpStatusCode.Accepted, whole.StatusCode);
    }
}
