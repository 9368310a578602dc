using System.Diagnostics;

namespace MeetingAssist.Transcribe.Testing;

/// <summary>Makes spoken Vietnamese test audio with espeak-ng and converts it with ffmpeg.</summary>
public static class SpeechSamples
{
    public const string Sentence = "Kính thưa các vị đại biểu, hôm nay chúng ta họp để lắng nghe ý kiến của cử tri phường.";

    /// <summary>Speaks <paramref name="text"/> into a WAV file.</summary>
    public static void Speak(string text, string wavPath) =>
        RunTool("espeak-ng", "espeak-ng", ["-v", "vi", "-w", wavPath, text]);

    /// <summary>Converts with ffmpeg; the target format follows the file extension.</summary>
    public static void Convert(string input, string output, params string[] extra) =>
        RunTool("ffmpeg", "ffmpeg", ["-nostdin", "-hide_banner", "-loglevel", "error", "-y", "-i", input, .. extra, output]);

    /// <summary>Repeats <paramref name="input"/> to 16 kHz mono WAV of exactly <paramref name="seconds"/>.</summary>
    public static void Loop(string input, string output, double seconds) =>
        RunTool("ffmpeg", "ffmpeg", ["-nostdin", "-hide_banner", "-loglevel", "error", "-y", "-stream_loop", "-1", "-i", input,
            "-t", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture), "-ac", "1", "-ar", "16000", output]);

    public static void RunTool(string tool, string debianPackage, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException(
                $"'{tool}' is required to make test audio but could not be started ({ex.Message}). Install it: apt-get install -y {debianPackage}", ex);
        }

        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync();
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{tool} {string.Join(' ', start.ArgumentList)} failed ({process.ExitCode}): {stderr.Result}");
            }
        }
    }
}
