using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace MeetingAssist.Transcribe;

/// <summary>The two programs of an ffmpeg install the product runs.</summary>
public enum FfmpegProgram { Ffmpeg, Ffprobe }

/// <summary>What a finished run of ffmpeg or ffprobe gave: its exit code, its standard output and its error text.</summary>
public sealed record FfmpegRun(int ExitCode, byte[] Output, string Errors)
{
    public string OutputText => Encoding.UTF8.GetString(Output);
}

/// <summary>
/// The one seam over the ffmpeg and ffprobe programs: where they are, how they start (arguments as a list, never
/// a shell string; a missing program is a clear error), and a bounded run that kills the process tree when it
/// takes too long or is cancelled. Arguments are built from our own values only: <see cref="LocalFile"/> for a
/// path and <see cref="Seconds"/> / <see cref="Number"/> for numbers, formatted the same in every culture.
/// </summary>
public static class Ffmpeg
{
    /// <summary>Environment variable that overrides the ffmpeg executable (ffprobe is then taken from beside it).</summary>
    public const string PathVariable = "MEETINGASSIST_FFMPEG";

    /// <summary>What a person reads when the server has no ffmpeg.</summary>
    public const string MissingMessage = "Máy chủ chưa cài ffmpeg nên không đọc được tệp âm thanh.";

    public static string FfmpegPath =>
        Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } configured ? configured : "ffmpeg";

    public static string FfprobePath
    {
        get
        {
            // Follow an overridden ffmpeg to its sibling ffprobe so both come from the same install.
            var folder = Path.GetDirectoryName(FfmpegPath);
            if (!string.IsNullOrEmpty(folder) && File.Exists(Path.Combine(folder, "ffprobe"))) return Path.Combine(folder, "ffprobe");
            return "ffprobe";
        }
    }

    public static string PathOf(FfmpegProgram program) => program == FfmpegProgram.Ffprobe ? FfprobePath : FfmpegPath;

    /// <summary>
    /// The full path of a file that exists, for an input argument. A full path starts with the root, so ffmpeg never
    /// reads it as an option (<c>-…</c>) or a protocol (<c>http:</c>, <c>concat:</c>).
    /// </summary>
    public static string LocalFile(string path)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full)) throw new AudioDecodeException($"Audio file '{path}' does not exist.", "Không tìm thấy tệp âm thanh.");
        return full;
    }

    /// <summary>A time in seconds, never negative, with a dot and at most milliseconds, whatever the server's culture.</summary>
    public static string Seconds(TimeSpan time) => Math.Max(0, time.TotalSeconds).ToString("0.###", CultureInfo.InvariantCulture);

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Starts the program with standard error redirected (and standard output or input as asked); a program that is
    /// not installed becomes an <see cref="AudioDecodeException"/> carrying <paramref name="whenMissing"/>.
    /// </summary>
    public static Process Start(FfmpegProgram program, IEnumerable<string> arguments, bool readOutput = true, bool writeInput = false,
        string whenMissing = MissingMessage)
    {
        var path = PathOf(program);
        var start = new ProcessStartInfo(path)
        {
            RedirectStandardOutput = readOutput,
            RedirectStandardInput = writeInput,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        try
        {
            return Process.Start(start) ?? throw new Win32Exception(path + " did not start");
        }
        catch (Win32Exception ex)
        {
            throw new AudioDecodeException(
                $"Cannot run '{path}': {ex.Message}. Install ffmpeg (Debian: apt-get install ffmpeg) or set {PathVariable}.", whenMissing, ex);
        }
    }

    /// <summary>
    /// Runs the program to its end and collects what it wrote. Past <paramref name="timeout"/>, or when
    /// <paramref name="ct"/> is cancelled, the process tree is killed and <see cref="OperationCanceledException"/> thrown.
    /// </summary>
    public static async Task<FfmpegRun> RunAsync(FfmpegProgram program, IEnumerable<string> arguments, TimeSpan timeout, CancellationToken ct,
        string whenMissing = MissingMessage)
    {
        using var process = Start(program, arguments, whenMissing: whenMissing);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
        var output = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(output, limit.Token);
        var errors = process.StandardError.ReadToEndAsync(limit.Token);
        try
        {
            await Task.WhenAll(copy, errors, process.WaitForExitAsync(limit.Token)).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return new FfmpegRun(process.ExitCode, output.ToArray(), (await errors.ConfigureAwait(false)).Trim());
    }
}
