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

    /// <summary>
    /// Writes <paramref name="seconds"/> of hall sounds without a word in them, as 16 kHz mono WAV made with sox:
    /// silence, hiss, pink noise, applause, music and door slams in equal parts. Any text a recogniser gives for
    /// this file is invented.
    /// </summary>
    public static void NonSpeech(string wavPath, int seconds = 600)
    {
        var part = Math.Max(1, seconds / 6).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var folder = Directory.CreateTempSubdirectory("ma-nonspeech-").FullName;
        try
        {
            string[][] recipes =
            [
                ["trim", "0", part],                                                        // silence
                ["synth", part, "whitenoise", "vol", "0.02"],                              // hiss
                ["synth", part, "pinknoise", "vol", "0.3"],                                 // pink noise
                ["synth", part, "whitenoise", "vol", "0.5", "tremolo", "11", "90"],         // applause: dense claps
                ["synth", part, "pluck", "C4", "pluck", "E4", "pluck", "G4", "tremolo", "2", "60", "vol", "0.5"], // music
                ["synth", "0.25", "brownnoise", "vol", "0.9", "fade", "0", "0.25", "0.2", "pad", "0", "3.75", "repeat", "-"], // door slams
            ];
            var parts = new List<string>();
            for (var i = 0; i < recipes.Length; i++)
            {
                var file = Path.Combine(folder, $"{i}.wav");
                var recipe = recipes[i][^1] == "-"
                    ? [.. recipes[i][..^1], (int.Parse(part) / 4 - 1).ToString(System.Globalization.CultureInfo.InvariantCulture)]
                    : recipes[i];
                RunTool("sox", "sox", ["-n", "-r", "16000", "-c", "1", "-b", "16", file, .. recipe]);
                parts.Add(file);
            }

            RunTool("sox", "sox", [.. parts, wavPath]);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

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
