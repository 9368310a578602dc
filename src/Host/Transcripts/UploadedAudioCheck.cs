using System.Buffers.Binary;
using System.Text;
using MeetingAssist.Transcribe;

namespace MeetingAssist.Host.Transcripts;

/// <summary>
/// Decides whether an upload really is a recording before it is accepted. ffprobe alone is lenient: it finds an
/// "audio stream" in random bytes or a program named a.mp3, and a WAV cut short still reports a duration. So the
/// file must start like an audio container, a WAV must hold the data its header declares, and its beginning
/// must decode without a single error.
/// </summary>
public static class UploadedAudioCheck
{
    public const string NotAudio = "Tệp bị hỏng hoặc không phải tệp âm thanh (nhận WAV, MP3, M4A, AAC, OGG/Opus, FLAC, WebM, WMA, AMR, AIFF).";
    public const string Truncated = "Tệp âm thanh bị hỏng: tệp không đầy đủ (có thể bị cắt giữa chừng khi chép). Hãy chép lại tệp gốc rồi tải lên.";

    /// <summary>How much of the start is decoded to prove the file is what it claims.</summary>
    private static readonly TimeSpan DecodeProof = TimeSpan.FromMinutes(2);

    /// <summary>Throws <see cref="AudioDecodeException"/> with a Vietnamese message when the file is not acceptable.</summary>
    public static async Task CheckAsync(string path, CancellationToken ct)
    {
        var head = new byte[64];
        int read;
        long length;
        await using (var file = File.OpenRead(path))
        {
            length = file.Length;
            read = await file.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct);
        }
        if (length == 0) throw new AudioDecodeException($"'{path}' is empty.", "Tệp âm thanh rỗng.");
        var container = Container(head.AsSpan(0, read));
        if (container is null) throw new AudioDecodeException($"'{path}' does not start like an audio file.", NotAudio);
        if (container == "wav" && !await WavIsCompleteAsync(path, length, ct))
            throw new AudioDecodeException($"'{path}' holds less data than its header declares.", Truncated);
        await DecodesCleanlyAsync(path, ct);
    }

    /// <summary>The container named by the file's first bytes, or null.</summary>
    internal static string? Container(ReadOnlySpan<byte> head)
    {
        var text = Encoding.Latin1.GetString(head);
        bool At(int offset, string magic) => text.Length >= offset + magic.Length && string.CompareOrdinal(text, offset, magic, 0, magic.Length) == 0;
        if ((At(0, "RIFF") || At(0, "RF64")) && At(8, "WAVE")) return "wav";
        if (At(0, "ID3")) return "mp3";
        if (head.Length >= 2 && head[0] == 0xFF && (head[1] & 0xE0) == 0xE0) return "mpeg"; // MP3 frame or AAC ADTS
        if (At(0, "OggS")) return "ogg";
        if (At(0, "fLaC")) return "flac";
        if (At(4, "ftyp")) return "mp4";
        if (head.Length >= 4 && head[..4].SequenceEqual((byte[])[0x1A, 0x45, 0xDF, 0xA3])) return "webm";
        if (head.Length >= 8 && head[..8].SequenceEqual((byte[])[0x30, 0x26, 0xB2, 0x75, 0x8E, 0x66, 0xCF, 0x11])) return "asf";
        if (At(0, "#!AMR")) return "amr";
        if (At(0, "FORM") && (At(8, "AIFF") || At(8, "AIFC"))) return "aiff";
        if (At(0, "caff")) return "caf";
        return null;
    }

    /// <summary>Walks the RIFF chunks to the data chunk and compares its declared size with the bytes present.</summary>
    private static async Task<bool> WavIsCompleteAsync(string path, long length, CancellationToken ct)
    {
        await using var file = File.OpenRead(path);
        var header = new byte[8];
        file.Position = 12;
        while (file.Position + 8 <= length)
        {
            await file.ReadExactlyAsync(header, ct);
            var id = Encoding.ASCII.GetString(header, 0, 4);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(4));
            if (id == "data")
            {
                // 0 and 0xFFFFFFFF mean "unknown" (a stream written live, or an RF64 file): the decoder decides.
                if (size is 0 or uint.MaxValue) return true;
                return file.Position + size <= length;
            }
            var next = file.Position + size + (size & 1);
            if (next > length) return false;
            file.Position = next;
        }
        return false;
    }

    private static async Task DecodesCleanlyAsync(string path, CancellationToken ct)
    {
        FfmpegRun run;
        try
        {
            run = await Ffmpeg.RunAsync(FfmpegProgram.Ffmpeg,
                ["-nostdin", "-hide_banner", "-v", "error", "-xerror", "-i", Ffmpeg.LocalFile(path),
                    "-t", Ffmpeg.Number((long)DecodeProof.TotalSeconds), "-vn", "-f", "null", "-"], TimeSpan.FromSeconds(60), ct);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new AudioDecodeException($"Decoding '{path}' took too long.", NotAudio);
        }
        if (run.ExitCode != 0 || run.Errors.Length > 0)
            throw new AudioDecodeException($"ffmpeg could not decode '{path}': {run.Errors}", NotAudio);
    }
}
