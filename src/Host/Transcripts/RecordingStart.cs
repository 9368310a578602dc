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

    /// <summary>
    /// An Ogg/Opus clip from <paramref name="from"/> into the first of <paramref name="files"/> for <paramref name="length"/>.
    /// The recorder writes a meeting in 10-minute files, so a passage spoken across a file boundary needs the files that
    /// follow too: they are joined in order (ffmpeg's concat filter) before the clip is cut, never stopping at the first
    /// file's end.
    /// </summary>
    public static async Task<byte[]> ClipAsync(IReadOnlyList<string> files, TimeSpan from, TimeSpan length, CancellationToken ct)
    {
        if (files.Count == 0) throw new ArgumentException("no file to cut", nameof(files));
        List<string> args = ["-nostdin", "-v", "error", "-ss", Ffmpeg.Seconds(from), "-i", Ffmpeg.LocalFile(files[0])];
        foreach (var file in files.Skip(1)) args.AddRange(["-i", Ffmpeg.LocalFile(file)]);
        if (files.Count > 1)
        {
            // The graph is built from input numbers only; no name or text from a request reaches it.
            var inputs = string.Concat(Enumerable.Range(0, files.Count).Select(i => $"[{i}:a]"));
            args.AddRange(["-filter_complex", $"{inputs}concat=n={files.Count}:v=0:a=1[clip]", "-map", "[clip]"]);
        }
        args.AddRange(["-t", Ffmpeg.Seconds(length), "-vn", "-c:a", "libopus", "-b:a", "32k", "-f", "ogg", "pipe:1"]);
        var run = await Ffmpeg.RunAsync(FfmpegProgram.Ffmpeg, args, TimeSpan.FromSeconds(60), ct, whenMissing: CannotProcess);
        if (run.ExitCode != 0 || run.Output.Length == 0)
            throw new AudioDecodeException($"ffmpeg could not cut '{files[0]}': {run.Errors}", "Không cắt được đoạn ghi âm này.");
        return run.Output;
    }
}
