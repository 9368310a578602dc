using NAudio.Wave;
using NAudio.Wave.SampleProviders;

namespace MeetingAssist.Transcribe;

/// <summary>
/// Reads WAV files in-process (NAudio): PCM 8/16/24/32-bit or float, mono or stereo, any rate, resampled to 16 kHz
/// mono. The recordings the hall makes and most uploads are WAV, and decoding them needs no ffmpeg process; every
/// other container or codec still goes to ffmpeg.
/// </summary>
internal sealed class WavSource : IDisposable
{
    private readonly WaveFileReader _reader;
    private readonly ISampleProvider _samples;

    private WavSource(WaveFileReader reader, ISampleProvider samples)
    {
        _reader = reader;
        _samples = samples;
    }

    /// <summary>The file as 16 kHz mono samples, or null when it is not a WAV this reader handles.</summary>
    public static WavSource? TryOpen(string path)
    {
        if (!LooksLikeWav(path)) return null;
        WaveFileReader? reader = null;
        try
        {
            reader = new WaveFileReader(path);
            var format = reader.WaveFormat;
            var supported = format.Encoding switch
            {
                WaveFormatEncoding.Pcm => format.BitsPerSample is 8 or 16 or 24 or 32,
                WaveFormatEncoding.IeeeFloat => format.BitsPerSample == 32,
                WaveFormatEncoding.Extensible => false,
                _ => false,
            };
            if (!supported || format.Channels is < 1 or > 2 || format.SampleRate < 1000)
            {
                reader.Dispose();
                return null;
            }

            var samples = reader.ToSampleProvider();
            if (format.Channels == 2) samples = new StereoToMonoSampleProvider(samples) { LeftVolume = 0.5f, RightVolume = 0.5f };
            if (format.SampleRate != WhisperProcessor.SampleRate) samples = new WdlResamplingSampleProvider(samples, WhisperProcessor.SampleRate);
            return new WavSource(reader, samples);
        }
        catch (Exception ex) when (ex is FormatException or InvalidDataException or EndOfStreamException or ArgumentException)
        {
            // A header NAudio cannot read (an unusual chunk layout, a damaged file): ffmpeg decides, and words the error.
            reader?.Dispose();
            return null;
        }
    }

    /// <summary>Fills <paramref name="buffer"/> as far as the file allows; 0 at the end.</summary>
    public int Read(Span<float> buffer)
    {
        var filled = 0;
        while (filled < buffer.Length)
        {
            var read = _samples.Read(buffer[filled..]);
            if (read == 0) break;
            filled += read;
        }

        return filled;
    }

    public void Dispose() => _reader.Dispose();

    private static bool LooksLikeWav(string path)
    {
        Span<byte> head = stackalloc byte[12];
        using var file = File.OpenRead(path);
        return file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false) == head.Length
            && head[..4].SequenceEqual("RIFF"u8) && head[8..12].SequenceEqual("WAVE"u8);
    }
}
