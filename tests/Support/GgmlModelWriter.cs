using System.Buffers.Binary;
using System.Text;

namespace MeetingAssist.Transcribe.Testing;

/// <summary>Dimensions of a generated whisper model; presets match the published model sizes.</summary>
public sealed record GgmlModelSpec(
    int State,
    int Heads,
    int AudioLayers,
    int TextLayers,
    int Mels = 80,
    int Vocabulary = 51865,
    int AudioContext = 1500,
    int TextContext = 448,
    int FileType = 1)
{
    public static GgmlModelSpec TestTiny => new(64, 2, 4, 4);
    public static GgmlModelSpec Tiny => new(384, 6, 4, 4);
    public static GgmlModelSpec Base => new(512, 8, 6, 6);
    public static GgmlModelSpec Small => new(768, 12, 12, 12);
    public static GgmlModelSpec Medium => new(1024, 16, 24, 24);
    public static GgmlModelSpec Large => new(1280, 20, 32, 32);
    public static GgmlModelSpec LargeV3 => new(1280, 20, 32, 32, Mels: 128, Vocabulary: 51866);
    public static GgmlModelSpec LargeV3Turbo => new(1280, 20, 32, 4, Mels: 128, Vocabulary: 51866);
}

/// <summary>
/// Writes whisper ggml model files in the layout whisper.cpp 1.9.1 loads, with seeded random weights,
/// because no real weights can be downloaded where the tests run.
/// </summary>
public static class GgmlModelWriter
{
    private const int BaseTokens = 50_257;
    private const int FftBins = 201;

    // A few Vietnamese syllables, half of them in decomposed form, so decoded text exercises NFC.
    private static readonly string[] Syllables =
        ["xin", "chào", "đại", "biểu", "nhân", "dân", "ý", "kiến", "cử", "tri", "phường", "huyện", "ngày", "tháng", "được", "không"];

    /// <summary>Writes a loadable f16 model. <paramref name="corruptShapeOf"/> names one tensor to write with a wrong first dimension.</summary>
    public static void Write(string path, GgmlModelSpec spec, int seed = 1234, string? corruptShapeOf = null)
    {
        var random = new Random(seed);
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        WriteHeader(stream, spec);

        WriteInt(stream, spec.Mels);
        WriteInt(stream, FftBins);
        var filters = new byte[spec.Mels * FftBins * 4];
        for (var i = 0; i < spec.Mels * FftBins; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(filters.AsSpan(i * 4), (float)(random.NextDouble() * 0.02));
        }

        stream.Write(filters);

        WriteInt(stream, BaseTokens);
        for (var i = 0; i < BaseTokens; i++)
        {
            var bytes = Encoding.UTF8.GetBytes(TokenText(i));
            WriteInt(stream, bytes.Length);
            stream.Write(bytes);
        }

        var pool = RandomHalves(random, 1 << 16);
        foreach (var (name, shape, isF16, fill) in Tensors(spec))
        {
            var written = (long[])shape.Clone();
            if (name == corruptShapeOf)
            {
                written[0] += 1;
            }

            WriteTensor(stream, name, written, isF16, fill, random, pool);
        }
    }

    /// <summary>Writes just the magic and hyper-parameters, for header tests of models too big to generate.</summary>
    public static void WriteHeaderOnly(string path, GgmlModelSpec spec)
    {
        using var stream = File.Create(path);
        WriteHeader(stream, spec);
    }

    /// <summary>Text of base token <paramref name="id"/>; token 220 must be a single space for suppress_blank.</summary>
    public static string TokenText(int id)
    {
        if (id == 220)
        {
            return " ";
        }

        var syllable = Syllables[id % Syllables.Length];
        if (id % 2 == 0)
        {
            syllable = syllable.Normalize(NormalizationForm.FormD);
        }

        return " " + syllable;
    }

    public static int ExpectedTensorCount(GgmlModelSpec spec) => 11 + 15 * spec.AudioLayers + 24 * spec.TextLayers;

    private static void WriteHeader(Stream stream, GgmlModelSpec spec)
    {
        WriteInt(stream, 0x67676d6c);
        foreach (var value in (int[])[spec.Vocabulary, spec.AudioContext, spec.State, spec.Heads, spec.AudioLayers,
                     spec.TextContext, spec.State, spec.Heads, spec.TextLayers, spec.Mels, spec.FileType])
        {
            WriteInt(stream, value);
        }
    }

    private enum Fill
    {
        Random,
        Ones,
        Zeros,
    }

    // Shapes in ggml order: the reverse of PyTorch's.
    private static IEnumerable<(string Name, long[] Shape, bool F16, Fill Fill)> Tensors(GgmlModelSpec spec)
    {
        long s = spec.State;
        yield return ("encoder.positional_embedding", [s, spec.AudioContext], false, Fill.Random);
        yield return ("encoder.conv1.weight", [3, spec.Mels, s], true, Fill.Random);
        yield return ("encoder.conv1.bias", [1, s], false, Fill.Zeros);
        yield return ("encoder.conv2.weight", [3, s, s], true, Fill.Random);
        yield return ("encoder.conv2.bias", [1, s], false, Fill.Zeros);
        foreach (var t in Block("encoder.blocks", spec.AudioLayers, s, cross: false))
        {
            yield return t;
        }

        yield return ("encoder.ln_post.weight", [s], false, Fill.Ones);
        yield return ("encoder.ln_post.bias", [s], false, Fill.Zeros);
        yield return ("decoder.positional_embedding", [s, spec.TextContext], false, Fill.Random);
        yield return ("decoder.token_embedding.weight", [s, spec.Vocabulary], true, Fill.Random);
        foreach (var t in Block("decoder.blocks", spec.TextLayers, s, cross: true))
        {
            yield return t;
        }

        yield return ("decoder.ln.weight", [s], false, Fill.Ones);
        yield return ("decoder.ln.bias", [s], false, Fill.Zeros);
    }

    private static IEnumerable<(string, long[], bool, Fill)> Block(string prefix, int layers, long s, bool cross)
    {
        for (var i = 0; i < layers; i++)
        {
            var p = $"{prefix}.{i}.";
            yield return (p + "mlp_ln.weight", [s], false, Fill.Ones);
            yield return (p + "mlp_ln.bias", [s], false, Fill.Zeros);
            yield return (p + "mlp.0.weight", [s, 4 * s], true, Fill.Random);
            yield return (p + "mlp.0.bias", [4 * s], false, Fill.Zeros);
            yield return (p + "mlp.2.weight", [4 * s, s], true, Fill.Random);
            yield return (p + "mlp.2.bias", [s], false, Fill.Zeros);
            foreach (var kind in cross ? (string[])["attn", "cross_attn"] : ["attn"])
            {
                yield return (p + kind + "_ln.weight", [s], false, Fill.Ones);
                yield return (p + kind + "_ln.bias", [s], false, Fill.Zeros);
                yield return (p + kind + ".query.weight", [s, s], true, Fill.Random);
                yield return (p + kind + ".query.bias", [s], false, Fill.Zeros);
                yield return (p + kind + ".key.weight", [s, s], true, Fill.Random);
                yield return (p + kind + ".value.weight", [s, s], true, Fill.Random);
                yield return (p + kind + ".value.bias", [s], false, Fill.Zeros);
                yield return (p + kind + ".out.weight", [s, s], true, Fill.Random);
                yield return (p + kind + ".out.bias", [s], false, Fill.Zeros);
            }
        }
    }

    private static void WriteTensor(Stream stream, string name, long[] shape, bool f16, Fill fill, Random random, byte[] pool)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        WriteInt(stream, shape.Length);
        WriteInt(stream, nameBytes.Length);
        WriteInt(stream, f16 ? 1 : 0);
        foreach (var d in shape)
        {
            WriteInt(stream, checked((int)d));
        }

        stream.Write(nameBytes);
        var elements = shape.Aggregate(1L, (a, b) => a * b);
        if (f16)
        {
            // Cycling a random pool from a random start keeps generation of 500 MB files to seconds.
            var remaining = elements * 2;
            var offset = random.Next(pool.Length / 2) * 2;
            while (remaining > 0)
            {
                var chunk = (int)Math.Min(remaining, pool.Length - offset);
                stream.Write(pool, offset, chunk);
                remaining -= chunk;
                offset = 0;
            }

            return;
        }

        var buffer = new byte[elements * 4];
        for (var i = 0; i < elements; i++)
        {
            var value = fill switch
            {
                Fill.Ones => 1f,
                Fill.Zeros => 0f,
                Fill.Random => (float)((random.NextDouble() * 2 - 1) * 0.1),
            };
            BinaryPrimitives.WriteSingleLittleEndian(buffer.AsSpan(i * 4), value);
        }

        stream.Write(buffer);
    }

    private static byte[] RandomHalves(Random random, int count)
    {
        var bytes = new byte[count * 2];
        for (var i = 0; i < count; i++)
        {
            BinaryPrimitives.WriteHalfLittleEndian(bytes.AsSpan(i * 2), (Half)((random.NextDouble() * 2 - 1) * 0.1));
        }

        return bytes;
    }

    private static void WriteInt(Stream stream, int value)
    {
        Span<byte> buffer = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(buffer, value);
        stream.Write(buffer);
    }
}
