using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace MeetingAssist.Transcribe;

/// <summary>Decodes any audio file ffmpeg reads into the 16 kHz mono float samples whisper expects.</summary>
public static class AudioDecoder
{
    /// <summary>Environment variable that overrides the ffmpeg executable.</summary>
    public const string FfmpegVariable = "MEETINGASSIST_FFMPEG";

    public static string FfmpegPath =>
        Environment.GetEnvironmentVariable(FfmpegVariable) is { Length: > 0 } configured ? configured : "ffmpeg";

    public static async Task<float[]> DecodeFileAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var file = new FileInfo(path);
        if (!file.Exists)
        {
            throw new AudioDecodeException($"Audio file '{path}' does not exist.", "Không tìm thấy tệp âm thanh.");
        }

        if (file.Length == 0)
        {
            throw new AudioDecodeException($"Audio file '{path}' is empty.", "Tệp âm thanh rỗng.");
        }

        var start = new ProcessStartInfo(FfmpegPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])["-nostdin", "-hide_banner", "-loglevel", "error", "-i", file.FullName,
                     "-vn", "-ac", "1", "-ar", "16000", "-f", "f32le", "-acodec", "pcm_f32le", "pipe:1"])
        {
            start.ArgumentList.Add(arg);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new Win32Exception("ffmpeg did not start");
        }
        catch (Win32Exception ex)
        {
            throw new AudioDecodeException(
                $"Cannot run '{FfmpegPath}' to decode audio: {ex.Message}. Install ffmpeg (Debian: apt-get install ffmpeg) or set {FfmpegVariable}.",
                "Máy chủ chưa cài ffmpeg nên không đọc được tệp âm thanh.", ex);
        }

        using (process)
        {
            using var pcm = new MemoryStream();
            var errors = process.StandardError.ReadToEndAsync(cancellationToken);
            try
            {
                await process.StandardOutput.BaseStream.CopyToAsync(pcm, cancellationToken).ConfigureAwait(false);
                await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            var stderr = (await errors.ConfigureAwait(false)).Trim();
            if (process.ExitCode != 0)
            {
                throw new AudioDecodeException(
                    $"ffmpeg could not decode '{path}' (exit {process.ExitCode}): {Shorten(stderr)}",
                    "Tệp âm thanh bị hỏng hoặc không đúng định dạng.");
            }

            var samples = MemoryMarshal.Cast<byte, float>(pcm.GetBuffer().AsSpan(0, (int)pcm.Length - (int)(pcm.Length % sizeof(float))));
            if (samples.Length == 0)
            {
                throw new AudioDecodeException($"'{path}' contains no audio samples.", "Tệp không có âm thanh.");
            }

            return samples.ToArray();
        }
    }

    /// <summary>Converts 16-bit little-endian PCM (as a microphone stream delivers it) to float samples.</summary>
    public static float[] FromPcm16(ReadOnlySpan<byte> pcm)
    {
        var shorts = MemoryMarshal.Cast<byte, short>(pcm[..(pcm.Length & ~1)]);
        var samples = new float[shorts.Length];
        for (var i = 0; i < shorts.Length; i++)
        {
            samples[i] = shorts[i] / 32768f;
        }

        return samples;
    }

    private static string Shorten(string text) => text.Length <= 400 ? text : text[..400] + "…";
}
