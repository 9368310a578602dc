using System.Globalization;

namespace MeetingAssist.Transcribe;

/// <summary>
/// Asks ffprobe whether a file holds audio, how long it is and when its recorder says it began, so a bad upload is
/// refused at once instead of failing minutes later in the queue.
/// </summary>
public static class AudioProbe
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    /// <summary>The audio duration; throws <see cref="AudioDecodeException"/> with a Vietnamese message when there is none.</summary>
    public static async Task<TimeSpan> DurationAsync(string path, CancellationToken ct = default)
    {
        if (new FileInfo(path) is not { Exists: true, Length: > 0 })
            throw new AudioDecodeException($"'{path}' is empty.", "Tệp âm thanh rỗng.");
        var run = await Ffmpeg.RunAsync(FfmpegProgram.Ffprobe,
            ["-v", "error", "-select_streams", "a:0", "-show_entries", "stream=codec_type:format=duration",
                "-of", "default=noprint_wrappers=1", Ffmpeg.LocalFile(path)], Limit, ct).ConfigureAwait(false);
        var lines = run.OutputText.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (run.ExitCode != 0 || !lines.Contains("codec_type=audio"))
            throw new AudioDecodeException($"ffprobe found no audio in '{path}': {run.Errors}",
                "Tệp bị hỏng hoặc không có âm thanh ở định dạng máy chủ đọc được.");
        var duration = lines.FirstOrDefault(l => l.StartsWith("duration=", StringComparison.Ordinal))?["duration=".Length..];
        // Some containers (raw streams, live WebM) have no duration; the job learns it after decoding.
        return double.TryParse(duration, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : TimeSpan.Zero;
    }

    /// <summary>The creation time a recorder wrote into the file (Unix ms), or null when it has none.</summary>
    public static async Task<long?> CreationTimeAsync(string path, CancellationToken ct = default)
    {
        if (!File.Exists(path)) return null;
        var run = await Ffmpeg.RunAsync(FfmpegProgram.Ffprobe,
            ["-v", "error", "-show_entries", "format_tags=creation_time", "-of", "default=noprint_wrappers=1:nokey=1", Ffmpeg.LocalFile(path)],
            Limit, ct, whenMissing: "Máy chủ chưa cài ffmpeg nên không xử lý được tệp ghi âm.").ConfigureAwait(false);
        return run.ExitCode == 0 && DateTimeOffset.TryParse(run.OutputText.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at.ToUnixTimeMilliseconds()
            : null;
    }
}
