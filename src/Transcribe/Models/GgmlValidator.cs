namespace MeetingAssist.Transcribe;

// Mirrors the reading order of whisper_model_load in whisper.cpp 1.9.1. The native loader trusts every
// length it reads (a bad vocabulary length becomes a huge allocation) and some inconsistencies only
// surface as an abort() at inference time, so everything is checked here first.
internal static class GgmlValidator
{
    private const int FftBins = 201;
    private const int SpaceToken = 220;
    private const int MaxTokenBytes = 1 << 16;
    private const int MaxNameLength = 256;

    private enum Kind
    {
        Float32,
        Convolution,
        Matrix,
    }

    public static void ValidateBody(GgmlReader reader, WhisperModelInfo info)
    {
        var h = info.HyperParameters;
        var path = info.Path;

        var melCount = reader.Int32();
        var fftCount = reader.Int32();
        if (melCount != h.Mels || fftCount != FftBins)
        {
            throw new InvalidModelException(path, ModelProblem.Inconsistent, $"mel filter bank is {melCount}x{fftCount}, expected {h.Mels}x{FftBins}");
        }

        reader.Skip((long)melCount * fftCount * sizeof(float), "the mel filter bank");

        var tokenCount = reader.Int32();
        if (tokenCount < 1 || tokenCount > h.Vocabulary)
        {
            throw new InvalidModelException(path, ModelProblem.Inconsistent, $"vocabulary lists {tokenCount} tokens, header says at most {h.Vocabulary}");
        }

        for (var i = 0; i < tokenCount; i++)
        {
            var length = reader.Int32();
            if (length is < 0 or > MaxTokenBytes)
            {
                throw new InvalidModelException(path, ModelProblem.Inconsistent, $"token {i} has implausible length {length}");
            }

            if (i == SpaceToken)
            {
                // suppress_blank looks the space token up by text; without it decoding throws inside native code.
                if (length != 1 || reader.Utf8(1) != " ")
                {
                    throw new InvalidModelException(path, ModelProblem.Inconsistent, $"token {SpaceToken} is not the single space the decoder needs");
                }
            }
            else
            {
                reader.Skip(length, $"token {i}");
            }
        }

        if (tokenCount <= SpaceToken)
        {
            throw new InvalidModelException(path, ModelProblem.Inconsistent, $"vocabulary has only {tokenCount} tokens; the decoder needs token {SpaceToken}");
        }

        var expected = ExpectedTensors(h);
        var weightType = GgmlTypes.WeightType(h.BaseFileType)!.Value;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Position < reader.Length)
        {
            if (reader.Length - reader.Position < 12)
            {
                throw new InvalidModelException(path, ModelProblem.Truncated, $"{reader.Length - reader.Position} stray bytes after the last tensor; the file is probably truncated");
            }

            var dims = reader.Int32();
            var nameLength = reader.Int32();
            var type = reader.Int32();
            if (dims is < 1 or > 4 || nameLength is < 1 or > MaxNameLength)
            {
                throw new InvalidModelException(path, ModelProblem.Inconsistent, $"tensor header at offset {reader.Position - 12} is corrupt ({dims} dims, name length {nameLength})");
            }

            var shape = new long[dims];
            long elements = 1;
            for (var d = 0; d < dims; d++)
            {
                shape[d] = reader.Int32();
                if (shape[d] < 1)
                {
                    throw new InvalidModelException(path, ModelProblem.Inconsistent, $"tensor at offset {reader.Position} has dimension {shape[d]}");
                }

                elements *= shape[d];
            }

            var name = reader.Utf8(nameLength);
            if (!expected.TryGetValue(name, out var spec))
            {
                throw new InvalidModelException(path, ModelProblem.Inconsistent, $"unknown tensor '{name}' for a model with {h.AudioLayers} audio and {h.TextLayers} text layers");
            }

            if (!seen.Add(name))
            {
                throw new InvalidModelException(path, ModelProblem.Inconsistent, $"tensor '{name}' appears twice");
            }

            if (!SameShape(shape, spec.Shape))
            {
                throw new InvalidModelException(path, ModelProblem.Inconsistent, $"tensor '{name}' has shape [{string.Join(", ", shape)}], expected [{string.Join(", ", spec.Shape)}]");
            }

            var wanted = spec.Kind switch
            {
                Kind.Float32 => GgmlTypes.F32,
                Kind.Convolution => GgmlTypes.F16,
                Kind.Matrix => weightType,
            };
            if (type != wanted)
            {
                throw new InvalidModelException(path, ModelProblem.Inconsistent, $"tensor '{name}' is {GgmlTypes.Name(type)}, expected {GgmlTypes.Name(wanted)} for ftype {info.Quantization}");
            }

            var bytes = GgmlTypes.ByteCount(type, shape[0], elements)
                ?? throw new InvalidModelException(path, ModelProblem.Inconsistent, $"tensor '{name}' rows of {shape[0]} do not fill whole {GgmlTypes.Name(type)} blocks");
            reader.Skip(bytes, $"tensor '{name}'");
        }

        if (seen.Count != expected.Count)
        {
            var missing = expected.Keys.Where(k => !seen.Contains(k)).Take(3);
            throw new InvalidModelException(path, ModelProblem.Truncated, $"{expected.Count - seen.Count} of {expected.Count} tensors are missing (first: {string.Join(", ", missing)}); the file is probably truncated");
        }
    }

    private static bool SameShape(long[] actual, long[] expected)
    {
        // whisper.cpp compares the first three dimensions and treats absent ones as 1.
        for (var d = 0; d < 4; d++)
        {
            var a = d < actual.Length ? actual[d] : 1;
            var e = d < expected.Length ? expected[d] : 1;
            if (a != e)
            {
                return false;
            }
        }

        return true;
    }

    // Shapes in ggml order (fastest-varying dimension first), as whisper.cpp creates them.
    private static Dictionary<string, (long[] Shape, Kind Kind)> ExpectedTensors(WhisperHyperParameters h)
    {
        long s = h.AudioState;
        var t = new Dictionary<string, (long[], Kind)>(StringComparer.Ordinal)
        {
            ["encoder.positional_embedding"] = ([s, h.AudioContext], Kind.Float32),
            ["encoder.conv1.weight"] = ([3, h.Mels, s], Kind.Convolution),
            ["encoder.conv1.bias"] = ([1, s], Kind.Float32),
            ["encoder.conv2.weight"] = ([3, s, s], Kind.Convolution),
            ["encoder.conv2.bias"] = ([1, s], Kind.Float32),
            ["encoder.ln_post.weight"] = ([s], Kind.Float32),
            ["encoder.ln_post.bias"] = ([s], Kind.Float32),
            ["decoder.positional_embedding"] = ([s, h.TextContext], Kind.Float32),
            ["decoder.token_embedding.weight"] = ([s, h.Vocabulary], Kind.Matrix),
            ["decoder.ln.weight"] = ([s], Kind.Float32),
            ["decoder.ln.bias"] = ([s], Kind.Float32),
        };

        for (var i = 0; i < h.AudioLayers; i++)
        {
            AddBlock(t, $"encoder.blocks.{i}.", s, cross: false);
        }

        for (var i = 0; i < h.TextLayers; i++)
        {
            AddBlock(t, $"decoder.blocks.{i}.", s, cross: true);
        }

        return t;
    }

    private static void AddBlock(Dictionary<string, (long[], Kind)> t, string prefix, long s, bool cross)
    {
        t[prefix + "mlp_ln.weight"] = ([s], Kind.Float32);
        t[prefix + "mlp_ln.bias"] = ([s], Kind.Float32);
        t[prefix + "mlp.0.weight"] = ([s, 4 * s], Kind.Matrix);
        t[prefix + "mlp.0.bias"] = ([4 * s], Kind.Float32);
        t[prefix + "mlp.2.weight"] = ([4 * s, s], Kind.Matrix);
        t[prefix + "mlp.2.bias"] = ([s], Kind.Float32);
        AddAttention(t, prefix + "attn", s);
        if (cross)
        {
            AddAttention(t, prefix + "cross_attn", s);
        }
    }

    private static void AddAttention(Dictionary<string, (long[], Kind)> t, string prefix, long s)
    {
        t[prefix + "_ln.weight"] = ([s], Kind.Float32);
        t[prefix + "_ln.bias"] = ([s], Kind.Float32);
        t[prefix + ".query.weight"] = ([s, s], Kind.Matrix);
        t[prefix + ".query.bias"] = ([s], Kind.Float32);
        t[prefix + ".key.weight"] = ([s, s], Kind.Matrix);
        t[prefix + ".value.weight"] = ([s, s], Kind.Matrix);
        t[prefix + ".value.bias"] = ([s], Kind.Float32);
        t[prefix + ".out.weight"] = ([s, s], Kind.Matrix);
        t[prefix + ".out.bias"] = ([s], Kind.Float32);
    }
}
