using System.Diagnostics;
using System.Text;
using MeetingAssist.Host.Tests.Integration;

namespace MeetingAssist.Host.Tests.Transcripts;

/// <summary>The built server run as <c>dotnet MeetingAssist.Host.dll transcribe …</c>, exactly as an operator would.</summary>
[Collection(TranscriptsCollection.Name)]
public class TranscribeCommandTests(TranscriptsFixture fx)
{
    private static async Task<(int Code, string Out, string Err)> RunAsync(string dataFolder, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet", [HostProcess.HostDll, "transcribe", .. args, $"--MeetingAssist:Data:Folder={dataFolder}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = dataFolder,
        };
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return (process.ExitCode, await stdout, await stderr);
    }

    [Fact]
    public async Task Transcribe_Wav_PrintsSrtSegmentsToStdout_AndProgressToStderr()
    {
        var data = MeetingHostFactory.NewDataFolder();
        var (code, stdout, stderr) = await RunAsync(data, fx.Wav, "--model", Path.Combine(fx.ModelsFolder, TranscriptsFixture.ModelFile),
            "--format", "srt", "--threads", "2", "--max-tokens", "16");
        Assert.True(code == 0, $"exit {code}: {stderr}");
        Assert.StartsWith("1\n00:00:", stdout);
        Assert.Contains(" --> ", stdout);
        Assert.True(stdout.IsNormalized(NormalizationForm.FormC));
        Assert.Contains("Đang nhận dạng", stderr);
        Assert.Contains("Xong:", stderr);
        // The command never starts the server, so it writes no database.
        Assert.False(File.Exists(Path.Combine(data, "meetingassist.db")));
    }

    [Fact]
    public async Task Transcribe_WithoutModelOption_UsesTheModelsFolder_AndWritesOut()
    {
        var data = MeetingHostFactory.NewDataFolder();
        var models = Directory.CreateDirectory(Path.Combine(data, "models")).FullName;
        File.Copy(Path.Combine(fx.ModelsFolder, TranscriptsFixture.ModelFile), Path.Combine(models, "ggml-x.bin"));
        var output = Path.Combine(data, "bien-ban.vtt");
        var (code, stdout, stderr) = await RunAsync(data, fx.Wav, "--out", output, "--max-tokens", "16", "--threads", "2");
        Assert.True(code == 0, $"exit {code}: {stderr}");
        Assert.Equal("", stdout);
        Assert.Contains("ggml-x.bin", stderr);
        Assert.StartsWith("WEBVTT", await File.ReadAllTextAsync(output));
    }

    [Fact]
    public async Task Transcribe_MissingFileOrModel_ExitsNonZero_WithAVietnameseMessage()
    {
        var data = MeetingHostFactory.NewDataFolder();
        var missingFile = await RunAsync(data, Path.Combine(data, "khong-co.wav"));
        Assert.NotEqual(0, missingFile.Code);
        Assert.Contains("Không tìm thấy tệp ghi âm", missingFile.Err);

        var noModel = await RunAsync(data, fx.Wav);
        Assert.NotEqual(0, noModel.Code);
        Assert.Contains("Chưa có mô hình", noModel.Err);

        var notAModel = await RunAsync(data, fx.Wav, "--model", Path.Combine(fx.ModelsFolder, TranscriptsFixture.NotAModelFile));
        Assert.NotEqual(0, notAModel.Code);
        Assert.Contains("không phải mô hình Whisper", notAModel.Err);

        var badFormat = await RunAsync(data, fx.Wav, "--format", "doc");
        Assert.NotEqual(0, badFormat.Code);
        Assert.Contains("srt, vtt hoặc txt", badFormat.Err);
    }
}
