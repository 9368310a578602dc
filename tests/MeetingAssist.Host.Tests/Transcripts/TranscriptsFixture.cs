using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MeetingAssist.Host.Tests.Integration;

namespace MeetingAssist.Host.Tests.Transcripts;

/// <summary>A models folder with one generated tiny model and one non-model file, plus a few seconds of spoken Vietnamese.</summary>
public sealed class TranscriptsFixture : IDisposable
{
    public const string ModelFile = "ggml-test-tiny.bin";
    public const string NotAModelFile = "ghi-chu.bin";

    public TranscriptsFixture()
    {
        Folder = Directory.CreateTempSubdirectory("ma-transcripts-").FullName;
        ModelsFolder = Directory.CreateDirectory(Path.Combine(Folder, "models")).FullName;
        GgmlModelWriter.Write(Path.Combine(ModelsFolder, ModelFile), GgmlModelSpec.TestTiny);
        File.WriteAllText(Path.Combine(ModelsFolder, NotAModelFile), "Đây không phải mô hình, chỉ là ghi chú của thư ký.");
        Wav = Path.Combine(Folder, "phien-hop.wav");
        SpeechSamples.Speak(SpeechSamples.Sentence, Wav);
        Corrupt = Path.Combine(Folder, "hong.mp3");
        File.WriteAllBytes(Corrupt, Enumerable.Range(0, 4096).Select(i => (byte)(i * 7919 % 251)).ToArray());
        Empty = Path.Combine(Folder, "rong.wav");
        File.WriteAllBytes(Empty, []);
    }

    public string Folder { get; }
    public string ModelsFolder { get; }
    public string Wav { get; }
    public string Corrupt { get; }
    public string Empty { get; }

    /// <summary>Random weights rarely end a window by themselves, so tokens are capped to keep jobs short.</summary>
    public Dictionary<string, string?> Settings(string? modelsFolder = null) => new()
    {
        ["MeetingAssist:Speech:ModelsFolder"] = modelsFolder ?? ModelsFolder,
        ["MeetingAssist:Speech:Threads"] = "2",
        ["MeetingAssist:Speech:MaxTokensPerWindow"] = "16",
    };

    public static async Task<int> CurrentMeetingAsync(StaffClient client) =>
        (await client.Http.GetFromJsonAsync<JsonElement>("/api/meetings/current")).GetProperty("id").GetInt32();

    public static async Task<HttpResponseMessage> UploadAsync(StaffClient client, int meetingId, string path, string fileName)
    {
        var content = new StreamContent(File.OpenRead(path));
        content.Headers.ContentType = new("application/octet-stream");
        return await client.Http.PostAsync($"/api/meetings/{meetingId}/recordings?fileName={Uri.EscapeDataString(fileName)}", content);
    }

    public static async Task<JsonElement> WaitForJobAsync(StaffClient client, int recordingId, int timeoutSeconds = 90)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (true)
        {
            var job = await client.Http.GetFromJsonAsync<JsonElement>($"/api/recordings/{recordingId}");
            var state = job.GetProperty("state").GetString();
            if (state is "Done" or "Failed" or "Cancelled") return job;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Job {recordingId} still {state} after {timeoutSeconds} s: {job}");
            await Task.Delay(200);
        }
    }

    public static async Task<string> DetailOf(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!;
    }

    public static void AssertStatus(HttpStatusCode expected, HttpResponseMessage response, string body) =>
        Assert.True(response.StatusCode == expected, $"expected {expected}, got {response.StatusCode}: {body}");

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}

[CollectionDefinition(Name)]
public sealed class TranscriptsCollection : ICollectionFixture<TranscriptsFixture>
{
    public const string Name = "transcripts";
}
