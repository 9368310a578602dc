using MeetingAssist.Transcribe;

namespace MeetingAssist.Host.Transcripts;

/// <summary>
/// ffprobe and ffmpeg for the transcript, through the one <see cref="Ffmpeg"/> seam: a recording's own start time,
/// and a passage cut out as a clip. Paths come from our database and folders, never from a request.
/// </summary>
public static class RecordingStart
{
    private const string CannotProcess = "Máy chủ chưa cài ffmpeg nên không xử lý được tệp ghi âm.";

    /// <summary>The creation time a recorder wrote into the file (Unix ms), or null when it has none.</summary>
    public static Task<long?> FromFileAsync(string path, CancellationToken ct) => AudioProbe.CreationTimeAsync(path, ct);

    /// <summary>An Ogg/Opus clip of <paramref name="path"/> from <paramref name="from"/> for <paramref name="length"/>.</summary>
    public static async Task<byte[]> ClipAsync(string path, TimeSpan from, TimeSpan length, CancellationToken ct)
    {
        var run = await Ffmpeg.RunAsync(FfmpegProgram.Ffmpeg,
            ["-nostdin", "-v", "error", "-ss", Ffmpeg.Seconds(from), "-i", Ffmpeg.LocalFile(path), "-t", Ffmpeg.Seconds(length),
                "-vn", "-c:a", "libopus", "-b:a", "32k", "-f", "ogg", "pipe:1"],
            TimeSpan.FromSeconds(60), ct, whenMissing: CannotProcess);
        if (run.ExitCode != 0 || run.Output.Length == 0)
            throw new AudioDecodeException($"ffmpeg could not cut '{path}': {run.Errors}", "Không cắt được đoạn ghi âm này.");
        return run.Output;
    }
}
