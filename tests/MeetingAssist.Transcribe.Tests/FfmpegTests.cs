using System.Diagnostics;
using System.Globalization;

namespace MeetingAssist.Transcribe.Tests;

[Collection(nameof(FfmpegSettingCollection))]
public sealed class FfmpegTests
{
    [Fact]
    public void Seconds_AreWrittenWithADot_InAVietnameseCulture_AndNeverNegative()
    {
        var saved = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("vi-VN"); // writes 1,5
        try
        {
            Assert.Equal("1.5", Ffmpeg.Seconds(TimeSpan.FromMilliseconds(1_500)));
            Assert.Equal("3725.125", Ffmpeg.Seconds(new TimeSpan(0, 1, 2, 5, 125)));
            Assert.Equal("0", Ffmpeg.Seconds(TimeSpan.FromSeconds(-2)));
            Assert.Equal("16000", Ffmpeg.Number(16_000));
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void LocalFile_IsAFullPath_AndOnlyOfAFileThatExists()
    {
        var file = Path.GetTempFileName();
        try
        {
            var relative = Path.GetRelativePath(Environment.CurrentDirectory, file);
            Assert.Equal(file, Ffmpeg.LocalFile(relative));
            // Text that ffmpeg would read as an option or a protocol never names one of our files.
            Assert.Throws<AudioDecodeException>(() => Ffmpeg.LocalFile("-filter_complex"));
            Assert.Throws<AudioDecodeException>(() => Ffmpeg.LocalFile("http://127.0.0.1/a.mp3"));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Run_CollectsOutputAndExitCode()
    {
        var run = await Ffmpeg.RunAsync(FfmpegProgram.Ffmpeg,
            ["-nostdin", "-v", "error", "-f", "lavfi", "-i", "anullsrc=r=16000:cl=mono", "-t", Ffmpeg.Seconds(TimeSpan.FromSeconds(0.5)),
                "-f", "s16le", "pipe:1"], TimeSpan.FromSeconds(60), CancellationToken.None);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(8_000 * 2, run.Output.Length);
        Assert.Equal("", run.Errors);
    }

    [Fact]
    public async Task Run_PastItsLimit_KillsTheProcess()
    {
        var watch = Stopwatch.StartNew();
        // An endless source: only the limit ends it.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Ffmpeg.RunAsync(FfmpegProgram.Ffmpeg,
            ["-nostdin", "-v", "error", "-re", "-f", "lavfi", "-i", "anullsrc=r=16000:cl=mono", "-f", "null", "-"],
            TimeSpan.FromSeconds(1), CancellationToken.None));
        Assert.InRange(watch.Elapsed.TotalSeconds, 0.9, 20);
    }

    [Fact]
    public async Task Run_WithoutTheProgram_SaysSoInVietnamese()
    {
        var saved = Environment.GetEnvironmentVariable(Ffmpeg.PathVariable);
        Environment.SetEnvironmentVariable(Ffmpeg.PathVariable, "/nonexistent/ffmpeg");
        try
        {
            var error = await Assert.ThrowsAsync<AudioDecodeException>(() => Ffmpeg.RunAsync(FfmpegProgram.Ffmpeg, ["-version"],
                TimeSpan.FromSeconds(10), CancellationToken.None, whenMissing: "Thiếu ffmpeg."));
            Assert.Equal("Thiếu ffmpeg.", error.UserMessage);
            Assert.Contains("apt-get install ffmpeg", error.Message);
        }
        finally
        {
            Environment.SetEnvironmentVariable(Ffmpeg.PathVariable, saved);
        }
    }
}
