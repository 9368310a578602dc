using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MeetingAssist.Transcribe;

/// <summary>Decodes any audio file ffmpeg reads into the 16 kHz mono float samples whisper expects.</summary>
public static class AudioDecoder
{
    /// <summary>Decodes a whole (short) file into memory; long recordings go through <see cref="StreamFileAsync"/>.</summary>
    public static async Task<float[]> DecodeFileAsync(string path, CancellationToken cancellationToken = default)
    {
        var all = new List<float>();
        await foreach (var chunk in StreamFileAsync(path, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            all.AddRange(chunk);
        }

        return all.ToArray();
    }

    /// <summary>
    /// Decodes the file (a WAV in-process, anything else with ffmpeg) as a stream of chunks of at most <paramref name="chunkSamples"/> samples, so a
    /// recording of any length is never held in memory whole. A chunk is handed out before the next is read.
    /// </summary>
    public static async IAsyncEnumerable<float[]> StreamFileAsync(string path, int chunkSamples = 16_000,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSamples, 1);
        var file = new FileInfo(path);
        if (!file.Exists)
        {
            throw new AudioDecodeException($"Audio file '{path}' does not exist.", "Không tìm thấy tệp âm thanh.");
        }

        if (file.Length == 0)
        {
            throw new AudioDecodeException($"Audio file '{path}' is empty.", "Tệp âm thanh rỗng.");
        }

        var wav = WavSource.TryOpen(file.FullName);
        if (wav is not null)
        {
            using (wav)
            {
                long read = 0;
                while (true)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var chunk = new float[chunkSamples];
                    var filled = wav.Read(chunk);
                    if (filled == 0) break;
                    read += filled;
                    yield return filled == chunk.Length ? chunk : chunk[..filled];
                }

                if (read == 0)
                {
                    throw new AudioDecodeException($"'{path}' contains no audio samples.", "Tệp không có âm thanh.");
                }
            }

            yield break;
        }

        var process = Ffmpeg.Start(FfmpegProgram.Ffmpeg, ["-nostdin", "-hide_banner", "-loglevel", "error", "-i", file.FullName,
            "-vn", "-ac", "1", "-ar", "16000", "-f", "f32le", "-acodec", "pcm_f32le", "pipe:1"]);
        using (process)
        {
            var errors = process.StandardError.ReadToEndAsync(CancellationToken.None);
            var stream = process.StandardOutput.BaseStream;
            var bytes = new byte[chunkSamples * sizeof(float)];
            long total = 0;
            var finished = false;
            try
            {
                while (true)
                {
                    var filled = await stream.ReadAtLeastAsync(bytes, bytes.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
                    var whole = filled - filled % sizeof(float);
                    if (whole > 0)
                    {
                        total += whole / sizeof(float);
                        yield return MemoryMarshal.Cast<byte, float>(bytes.AsSpan(0, whole)).ToArray();
                    }

                    if (filled < bytes.Length)
                    {
                        break;
                    }
                }

                await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
                finished = true;
            }
            finally
            {
                // Cancelled, or the caller stopped reading: ffmpeg must not keep decoding for nobody.
                if (!finished && !process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                }
            }

            var stderr = (await errors.ConfigureAwait(false)).Trim();
            if (process.ExitCode != 0)
            {
                throw new AudioDecodeException(
                    $"ffmpeg could not decode '{path}' (exit {process.ExitCode}): {Shorten(stderr)}",
                    "Tệp âm thanh bị hỏng hoặc không đúng định dạng.");
            }

            if (total == 0)
            {
                throw new AudioDecodeException($"'{path}' contains no audio samples.", "Tệp không có âm thanh.");
            }
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
