using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using MeetingAssist.Transcribe;

namespace MeetingAssist.Host.Transcripts;

/// <summary>
/// Asks ffprobe whether an uploaded file holds audio and how long it is, so a bad upload is refused
/// at once instead of failing minutes later in the queue.
/// </summary>
public static class AudioProbe
{
    public static string FfprobePath
    {
        get
        {
            // Follow an overridden ffmpeg to its sibling ffprobe so both come from the same install.
            var ffmpeg = AudioDecoder.FfmpegPath;
            var folder = Path.GetDirectoryName(ffmpeg);
            if (!string.IsNullOrEmpty(folder) && File.Exists(Path.Combine(folder, "ffprobe"))) return Path.Combine(folder, "ffprobe");
            return "ffprobe";
        }
    }

    /// <summary>The audio duration; throws <see cref="AudioDecodeException"/> with a Vietnamese message when there is none.</summary>
    public static async Task<TimeSpan> DurationAsync(string path, CancellationToken ct = default)
    {
        if (new FileInfo(path) is not { Exists: true, Length: > 0 })
            throw new AudioDecodeException($"'{path}' is empty.", "Tệp âm thanh rỗng.");
        var start = new ProcessStartInfo(FfprobePath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])["-v", "error", "-select_streams", "a:0", "-show_entries", "stream=codec_type:format=duration",
                     "-of", "default=noprint_wrappers=1", path])
            start.ArgumentList.Add(arg);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new Win32Exception("ffprobe did not start");
        }
        catch (Win32Exception ex)
        {
            throw new AudioDecodeException($"Cannot run ffprobe: {ex.Message}", "Máy chủ chưa cài ffmpeg nên không đọc được tệp âm thanh.", ex);
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync(ct);
            var stderr = process.StandardError.ReadToEndAsync(ct);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(60));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }
            var output = await stdout;
            var lines = output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (process.ExitCode != 0 || !lines.Contains("codec_type=audio"))
                throw new AudioDecodeException($"ffprobe found no audio in '{path}': {(await stderr).Trim()}",
                    "Tệp bị hỏng hoặc không có âm thanh ở định dạng máy chủ đọc được.");
            var duration = lines.FirstOrDefault(l => l.StartsWith("duration=", StringComparison.Ordinal))?["duration=".Length..];
            // Some containers (raw streams, live WebM) have no duration; the job learns it after decoding.
            return double.TryParse(duration, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
                ? TimeSpan.FromSeconds(seconds)
                : TimeSpan.Zero;
        }
    }
}
