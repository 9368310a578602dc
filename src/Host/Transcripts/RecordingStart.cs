using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using MeetingAssist.Transcribe;

namespace MeetingAssist.Host.Transcripts;

/// <summary>
/// ffprobe and ffmpeg for the transcript: a recording's own start time, and a passage cut out as a clip. Paths
/// come from our database and folders, never from a request; arguments go through ArgumentList only.
/// </summary>
public static class RecordingStart
{
    /// <summary>The creation time a recorder wrote into the file (Unix ms), or null when it has none.</summary>
    public static async Task<long?> FromFileAsync(string path, CancellationToken ct)
    {
        if (!File.Exists(path)) return null;
        var (exit, output) = await RunAsync(AudioProbe.FfprobePath,
            ["-v", "error", "-show_entries", "format_tags=creation_time", "-of", "default=noprint_wrappers=1:nokey=1", path], ct);
        var text = System.Text.Encoding.UTF8.GetString(output).Trim();
        return exit == 0 && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at.ToUnixTimeMilliseconds()
            : null;
    }

    /// <summary>
    /// An Ogg/Opus clip from <paramref name="from"/> into the first of <paramref name="files"/> for <paramref name="length"/>.
    /// The recorder writes a meeting in 10-minute files, so a passage spoken across a file boundary needs the files that
    /// follow too: they are joined in order (ffmpeg's concat filter) before the clip is cut, never stopping at the first
    /// file's end.
    /// </summary>
    public static async Task<byte[]> ClipAsync(IReadOnlyList<string> files, TimeSpan from, TimeSpan length, CancellationToken ct)
    {
        if (files.Count == 0) throw new ArgumentException("no file to cut", nameof(files));
        List<string> args = ["-nostdin", "-v", "error", "-ss", Seconds(from), "-i", files[0]];
        foreach (var file in files.Skip(1)) args.AddRange(["-i", file]);
        if (files.Count > 1)
        {
            // The graph is built from input numbers only; no name or text from a request reaches it.
            var inputs = string.Concat(Enumerable.Range(0, files.Count).Select(i => $"[{i}:a]"));
            args.AddRange(["-filter_complex", $"{inputs}concat=n={files.Count}:v=0:a=1[clip]", "-map", "[clip]"]);
        }
        args.AddRange(["-t", Seconds(length), "-vn", "-c:a", "libopus", "-b:a", "32k", "-f", "ogg", "pipe:1"]);
        var (exit, output) = await RunAsync(AudioDecoder.FfmpegPath, args, ct);
        if (exit != 0 || output.Length == 0)
            throw new AudioDecodeException($"ffmpeg could not cut '{files[0]}'", "Không cắt được đoạn ghi âm này.");
        return output;
    }

    private static string Seconds(TimeSpan t) => Math.Max(0, t.TotalSeconds).ToString("0.###", CultureInfo.InvariantCulture);

    private static async Task<(int Exit, byte[] Output)> RunAsync(string program, IEnumerable<string> args, CancellationToken ct)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new Win32Exception(program + " did not start");
        }
        catch (Win32Exception ex)
        {
            throw new AudioDecodeException($"Cannot run {program}: {ex.Message}", "Máy chủ chưa cài ffmpeg nên không xử lý được tệp ghi âm.", ex);
        }
        using (process)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(60));
            var output = new MemoryStream();
            var copy = process.StandardOutput.BaseStream.CopyToAsync(output, timeout.Token);
            var errors = process.StandardError.ReadToEndAsync(timeout.Token);
            try
            {
                await Task.WhenAll(copy, errors, process.WaitForExitAsync(timeout.Token));
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }
            return (process.ExitCode, output.ToArray());
        }
    }
}
