using MeetingAssist.Transcribe.Audio;

namespace MeetingAssist.Transcribe.Tests;

public sealed class ChunkedRecorderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ma-rec-").FullName;

    private static float[] Tone(double seconds)
    {
        var samples = new float[(int)(seconds * ChunkedRecorder.SampleRate)];
        for (var i = 0; i < samples.Length; i++) samples[i] = 0.3f * MathF.Sin(2 * MathF.PI * 440 * i / ChunkedRecorder.SampleRate);
        return samples;
    }

    private static async Task<double> SecondsIn(string path) =>
        (await AudioDecoder.DecodeFileAsync(path)).Length / (double)ChunkedRecorder.SampleRate;

    [Fact]
    public async Task Write_SplitsIntoChunks_AndEveryChunkPlaysBack()
    {
        const long start = 1_767_225_600_000;
        await using (var recorder = new ChunkedRecorder(_folder, TimeSpan.FromSeconds(2)))
        {
            await recorder.WriteAsync(Tone(1.5), start);
            await recorder.WriteAsync(Tone(3.5), start + 1500);
            Assert.Equal(5 * ChunkedRecorder.SampleRate, recorder.SamplesWritten);
        }
        var files = Directory.GetFiles(_folder, "*.ogg").Order().ToList();
        Assert.Equal(3, files.Count);
        var durations = new List<double>();
        foreach (var f in files) durations.Add(await SecondsIn(f));
        Assert.Equal(5.0, durations.Sum(), 1);
        Assert.Equal(2.0, durations[0], 1);
        Assert.EndsWith($"audio-{start}.ogg", files[0]);
        Assert.EndsWith($"audio-{start + 2000}.ogg", files[1]);
    }

    [Fact]
    public async Task Crash_LosesAtMostTheLastSecond()
    {
        var recorder = new ChunkedRecorder(_folder);
        // Four seconds arrive in real-time-sized pieces, then the encoder dies without closing the file.
        for (var i = 0; i < 20; i++)
        {
            await recorder.WriteAsync(Tone(0.2), 0);
            await Task.Delay(50);
        }
        await Task.Delay(1200);
        recorder.AbortEncoder();
        var file = Assert.Single(Directory.GetFiles(_folder, "*.ogg"));
        var kept = await SecondsIn(file);
        Assert.True(kept >= 3.0, $"only {kept:F2} s of 4 s survived");
        await recorder.DisposeAsync();
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
