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

    /// <summary>An Ogg/Opus clip of <paramref name="path"/> from <paramref name="from"/> for <paramref name="length"/>.</summary>
    public static async Task<byte[]> ClipAsync(string path, TimeSpan from, TimeSpan length, CancellationToken ct)
    {
        var (exit, output) = await RunAsync(AudioDecoder.FfmpegPath,
            ["-nostdin", "-v", "error", "-ss", Seconds(from), "-i", path, "-t", Seconds(length), "-vn", "-c:a", "libopus", "-b:a", "32k", "-f", "ogg", "pipe:1"], ct);
        if (exit != 0 || output.Length == 0)
            throw new AudioDecodeException($"ffmpeg could not cut '{path}'", "Không cắt được đoạn ghi âm này.");
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
