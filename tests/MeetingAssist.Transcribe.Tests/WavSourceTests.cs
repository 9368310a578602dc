using System.Diagnostics;
using NAudio.Wave;

namespace MeetingAssist.Transcribe.Tests;

/// <summary>Runs alone: it points the ffmpeg setting at a missing program, which other tests must not see.</summary>
[CollectionDefinition(nameof(FfmpegSettingCollection), DisableParallelization = true)]
public sealed class FfmpegSettingCollection;

[Collection(nameof(FfmpegSettingCollection))]
public sealed class WavSourceTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("wav-source-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>A 44.1 kHz stereo 16-bit WAV with a 440 Hz tone, as a phone or a recorder would save it.</summary>
    private string ToneWav(int rate = 44_100, int channels = 2, double seconds = 2)
    {
        var path = Path.Combine(_folder, $"tone-{rate}-{channels}.wav");
        using var writer = new WaveFileWriter(path, new WaveFormat(rate, 16, channels));
        var frames = (int)(rate * seconds);
        for (var i = 0; i < frames; i++)
        {
            var value = (float)(0.5 * Math.Sin(2 * Math.PI * 440 * i / rate));
            for (var c = 0; c < channels; c++) writer.WriteSample(value);
        }

        return path;
    }

    private static int ZeroCrossings(float[] samples) =>
        Enumerable.Range(1, samples.Length - 1).Count(i => samples[i - 1] < 0 != samples[i] < 0);

    [Fact]
    public async Task Wav_IsDecodedInProcess_ResampledToMono16k_WithoutFfmpeg()
    {
        var wav = ToneWav();
        var saved = Environment.GetEnvironmentVariable(Ffmpeg.PathVariable);
        Environment.SetEnvironmentVariable(Ffmpeg.PathVariable, "/nonexistent/ffmpeg");
        try
        {
            var samples = await AudioDecoder.DecodeFileAsync(wav);
            Assert.InRange(samples.Length, 31_900, 32_100);
            // 440 Hz crosses zero 880 times a second: the pitch survives the resampling.
            Assert.InRange(ZeroCrossings(samples[1600..^1600]) / (samples.Length - 3200.0) * 16_000, 870, 890);
            Assert.InRange(samples.Max(), 0.45f, 0.55f);

            // Anything that is not a WAV still needs ffmpeg, and says so when it is missing.
            var notWav = Path.Combine(_folder, "a.mp3");
            await File.WriteAllBytesAsync(notWav, [0x49, 0x44, 0x33, 4, 0, 0, 0, 0, 0, 0, 1, 2, 3]);
            var error = await Assert.ThrowsAsync<AudioDecodeException>(() => AudioDecoder.DecodeFileAsync(notWav));
            Assert.Contains("ffmpeg", error.UserMessage);
        }
        finally
        {
            Environment.SetEnvironmentVariable(Ffmpeg.PathVariable, saved);
        }
    }

    [Fact]
    public async Task Wav_DecodesLikeFfmpeg_ForTheSameAudio()
    {
        var wav = ToneWav(rate: 22_050, channels: 1);
        var flac = Path.Combine(_folder, "tone.flac");
        using (var ffmpeg = Process.Start(new ProcessStartInfo("ffmpeg") { ArgumentList = { "-nostdin", "-loglevel", "error", "-i", wav, flac } })!)
        {
            await ffmpeg.WaitForExitAsync();
            Assert.Equal(0, ffmpeg.ExitCode);
        }

        var inProcess = await AudioDecoder.DecodeFileAsync(wav);
        var throughFfmpeg = await AudioDecoder.DecodeFileAsync(flac);
        Assert.InRange(inProcess.Length - throughFfmpeg.Length, -64, 64);
        var n = Math.Min(inProcess.Length, throughFfmpeg.Length);
        double energyA = 0, energyB = 0;
        for (var i = 1600; i < n - 1600; i++)
        {
            energyA += inProcess[i] * inProcess[i];
            energyB += throughFfmpeg[i] * throughFfmpeg[i];
        }

        Assert.InRange(energyA / energyB, 0.97, 1.03);
    }
}
