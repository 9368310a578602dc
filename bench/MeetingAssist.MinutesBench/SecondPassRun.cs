using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using MeetingAssist.Transcribe.Testing;

/// <summary>
/// The second pass's real-time factor per model size: the meeting's own recording (spoken Vietnamese, looped to the
/// meeting's length) recognised again through the server's endpoint, once per generated model, one after another,
/// as a secretary would ask for it after the meeting. Timed from the request until the pass is done; the baseline in
/// the same run is the smallest model's factor.
/// </summary>
static class SecondPassRun
{
    public static readonly Dictionary<string, GgmlModelSpec> Sizes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["tiny"] = GgmlModelSpec.Tiny, ["base"] = GgmlModelSpec.Base, ["small"] = GgmlModelSpec.Small,
        ["medium"] = GgmlModelSpec.Medium, ["large-v3"] = GgmlModelSpec.LargeV3, ["large-v3-turbo"] = GgmlModelSpec.LargeV3Turbo,
    };

    public static string FileName(string size) => $"ggml-{size}.bin";

    /// <summary>Writes each model into the server's models folder before it starts (random weights: see the bench's notes).</summary>
    public static void InstallModels(string dataFolder, IEnumerable<string> sizes)
    {
        var folder = Directory.CreateDirectory(Path.Combine(dataFolder, "models")).FullName;
        foreach (var size in sizes) GgmlModelWriter.Write(Path.Combine(folder, FileName(size)), Sizes[size]);
    }

    /// <summary>A few sentences of Vietnamese speech as 16 kHz WAV, which the recorder's files then loop.</summary>
    public static string SpeechSample(string dataFolder)
    {
        var wav = Path.Combine(dataFolder, "speech-sample.wav");
        SpeechSamples.Speak(SpeechSamples.Sentence + " Đề nghị xã sớm sửa chữa tuyến đường liên thôn và nạo vét kênh mương nội đồng.", wav);
        return wav;
    }

    public static async Task RunAsync(HttpClient admin, HttpClient secretary, int serverPid, int meetingId, IReadOnlyList<string> sizes, long recordingMs)
    {
        Console.WriteLine($"Second pass over {recordingMs / 60_000.0:F1} min of looped speech, whole meeting, one model after another (f16, random weights):");
        Console.WriteLine();
        Console.WriteLine("| model | wall time | real-time factor | ÷ smallest model's factor | passages | server peak RSS during the pass |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        double? baseline = null;
        foreach (var size in sizes)
        {
            (await admin.PutAsJsonAsync("/api/speech/second-pass-model", new { fileName = FileName(size) })).EnsureSuccessStatusCode();
            var clock = Stopwatch.StartNew();
            using var requested = await secretary.PostAsJsonAsync($"/api/meetings/{meetingId}/editor/second-pass", new { turnId = (int?)null });
            if (!requested.IsSuccessStatusCode) throw new InvalidOperationException($"{size}: {(int)requested.StatusCode} {await requested.Content.ReadAsStringAsync()}");
            var recordingId = (await requested.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("recordingId").GetInt32();
            long peakKiB = 0;
            JsonElement pass;
            while (true)
            {
                await Task.Delay(500);
                peakKiB = Math.Max(peakKiB, RssKiB(serverPid));
                pass = (await secretary.GetFromJsonAsync<JsonElement>($"/api/meetings/{meetingId}/editor/second-pass")).GetProperty("pass");
                if (pass.ValueKind == JsonValueKind.Object && pass.GetProperty("recordingId").GetInt32() == recordingId
                    && pass.GetProperty("state").GetString() is "Done" or "Failed" or "Cancelled") break;
            }
            var seconds = clock.Elapsed.TotalSeconds;
            if (pass.GetProperty("state").GetString() != "Done")
                throw new InvalidOperationException($"{size}: the pass ended {pass.GetProperty("state").GetString()}: {pass.GetProperty("error")}");
            var factor = seconds / (recordingMs / 1000.0);
            baseline ??= factor;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {size} | {seconds:F1} s | {factor:F3} | {factor / baseline.Value:F1}× | {pass.GetProperty("segments").GetInt32()} | {peakKiB / 1024} MiB |"));
        }
    }

    private static long RssKiB(int pid) =>
        long.Parse(File.ReadAllLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS", StringComparison.Ordinal)).Split(':')[1].Trim().Split(' ')[0],
            CultureInfo.InvariantCulture);
}
