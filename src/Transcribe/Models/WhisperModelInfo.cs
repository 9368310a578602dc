using System.Buffers.Binary;
using System.Text;

namespace MeetingAssist.Transcribe;

/// <summary>Size class of a whisper model, as whisper.cpp names it by its audio layer count.</summary>
public enum WhisperModelType
{
    Unknown,
    Tiny,
    Base,
    Small,
    Medium,
    Large,
}

/// <summary>What a whisper ggml model file's header says, read without loading native code.</summary>
public sealed record WhisperModelInfo(
    string Path,
    long FileSize,
    WhisperModelType Type,
    string Variant,
    bool IsMultilingual,
    string Quantization,
    WhisperHyperParameters HyperParameters)
{
    internal const uint Magic = 0x67676d6c;
    internal const int MultilingualVocabulary = 51865;

    /// <summary>Reads the magic and hyper-parameters only; cheap enough to list a folder of large files.</summary>
    public static WhisperModelInfo Read(string path)
    {
        using var stream = OpenModel(path);
        var reader = new GgmlReader(stream, path);
        return ReadHeader(reader, path, stream.Length);
    }

    /// <summary>
    /// Walks the whole file the way whisper.cpp 1.9.1 reads it and checks every size, name, shape and type
    /// against the hyper-parameters, so a truncated or inconsistent file is refused here instead of
    /// crashing the native loader.
    /// </summary>
    public static WhisperModelInfo Validate(string path)
    {
        using var stream = OpenModel(path);
        var reader = new GgmlReader(stream, path);
        var info = ReadHeader(reader, path, stream.Length);
        GgmlValidator.ValidateBody(reader, info);
        return info;
    }

    private static FileStream OpenModel(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidModelException(path, ModelProblem.Unreadable, $"cannot open the file: {ex.Message}");
        }
    }

    private static WhisperModelInfo ReadHeader(GgmlReader reader, string path, long size)
    {
        if (size < 4 + 11 * 4)
        {
            throw new InvalidModelException(path, ModelProblem.NotGgml, $"file is {size} bytes, too short for a ggml header");
        }

        var magic = reader.UInt32();
        if (magic != Magic)
        {
            throw new InvalidModelException(path, ModelProblem.NotGgml, $"bad magic 0x{magic:x8} (expected 0x{Magic:x8})");
        }

        var h = new WhisperHyperParameters(
            reader.Int32(), reader.Int32(), reader.Int32(), reader.Int32(), reader.Int32(), reader.Int32(),
            reader.Int32(), reader.Int32(), reader.Int32(), reader.Int32(), reader.Int32());
        if (h.Problem() is { } problem)
        {
            throw new InvalidModelException(path, problem.Kind, problem.Reason);
        }

        var type = h.AudioLayers switch
        {
            4 => WhisperModelType.Tiny,
            6 => WhisperModelType.Base,
            12 => WhisperModelType.Small,
            24 => WhisperModelType.Medium,
            32 => WhisperModelType.Large,
            _ => WhisperModelType.Unknown,
        };
        var multilingual = h.Vocabulary >= MultilingualVocabulary;
        return new WhisperModelInfo(path, size, type, Describe(type, h, multilingual), multilingual,
            GgmlTypes.FileTypeName(h.FileType), h);
    }

    private static string Describe(WhisperModelType type, WhisperHyperParameters h, bool multilingual)
    {
        var name = type switch
        {
            WhisperModelType.Tiny => "tiny",
            WhisperModelType.Base => "base",
            WhisperModelType.Small => "small",
            WhisperModelType.Medium => "medium",
            WhisperModelType.Large when h.Mels == 128 && h.TextLayers == 4 => "large-v3-turbo",
            WhisperModelType.Large when h.Mels == 128 => "large-v3",
            WhisperModelType.Large => "large",
            WhisperModelType.Unknown => $"custom ({h.AudioLayers} audio layers, state {h.AudioState})",
        };
        return multilingual || type == WhisperModelType.Unknown ? name : name + ".en";
    }
}

/// <summary>The eleven int32 hyper-parameters at the head of a whisper ggml file, in file order.</summary>
public sealed record WhisperHyperParameters(
    int Vocabulary,
    int AudioContext,
    int AudioState,
    int AudioHeads,
    int AudioLayers,
    int TextContext,
    int TextState,
    int TextHeads,
    int TextLayers,
    int Mels,
    int FileType)
{
    /// <summary>ftype without the quantisation-version multiplier some quantisers add.</summary>
    public int BaseFileType => FileType % 1000;

    /// <summary>The audio context of every whisper model: 30 s of audio at 50 encoder positions a second.</summary>
    public const int WhisperAudioContext = 1500;

    /// <summary>The longest text context of any whisper model.</summary>
    public const int MaxTextContext = 448;

    /// <summary>The widest model (large) has a state of 1280 with 20 heads and 32 layers.</summary>
    public const int MaxState = 1280, MaxHeads = 20, MaxLayers = 32;

    /// <summary>Vocabulary sizes of the English-only, multilingual and large-v3 models.</summary>
    public const int MinVocabulary = 51864, MaxVocabulary = 51866;

    // Values beyond whisper's real ranges are refused, not just implausible ones: a file claiming an audio
    // context of 100,000 loads, then makes one encoder pass run for minutes that no cancel can interrupt.
    internal (ModelProblem Kind, string Reason)? Problem()
    {
        if (Vocabulary is < MinVocabulary or > MaxVocabulary)
        {
            return (ModelProblem.HeaderOutOfRange, $"vocabulary size {Vocabulary} is not a whisper vocabulary ({MinVocabulary}–{MaxVocabulary})");
        }

        if (AudioContext != WhisperAudioContext)
        {
            return (ModelProblem.HeaderOutOfRange, $"audio context {AudioContext} is not whisper's {WhisperAudioContext}");
        }

        if (TextContext is < 1 or > MaxTextContext)
        {
            return (ModelProblem.HeaderOutOfRange, $"text context {TextContext} is outside 1–{MaxTextContext}");
        }

        if (AudioState is < 1 or > MaxState || AudioHeads is < 1 or > MaxHeads || AudioState % AudioHeads != 0)
        {
            return (ModelProblem.HeaderOutOfRange, $"audio state {AudioState} with {AudioHeads} heads is outside whisper's range (state ≤ {MaxState}, heads ≤ {MaxHeads})");
        }

        if (TextState != AudioState || TextHeads is < 1 or > MaxHeads || TextState % TextHeads != 0)
        {
            return (ModelProblem.HeaderOutOfRange, $"text state {TextState} with {TextHeads} heads does not match audio state {AudioState}");
        }

        if (AudioLayers is < 1 or > MaxLayers || TextLayers is < 1 or > MaxLayers)
        {
            return (ModelProblem.HeaderOutOfRange, $"layer counts {AudioLayers}/{TextLayers} are outside 1–{MaxLayers}");
        }

        if (Mels is not (80 or 128))
        {
            return (ModelProblem.HeaderOutOfRange, $"{Mels} mel bands (whisper uses 80 or 128)");
        }

        if (BaseFileType == 0)
        {
            // whisper.cpp keeps the convolutions in f32 for such files and its CPU kernel asserts f16.
            return (ModelProblem.Float32Weights, "all-f32 models (ftype 0) abort on CPU in whisper.cpp; use the f16 or a quantised file");
        }

        if (FileType < 0 || GgmlTypes.WeightType(BaseFileType) is null)
        {
            return (ModelProblem.HeaderOutOfRange, $"unsupported ftype {FileType}");
        }

        return null;
    }
}

internal sealed class GgmlReader(Stream stream, string path)
{
    private readonly byte[] _buffer = new byte[8];

    public string Path { get; } = path;

    public long Position => stream.Position;

    public long Length => stream.Length;

    public int Int32() => BinaryPrimitives.ReadInt32LittleEndian(Fill(4));

    public uint UInt32() => BinaryPrimitives.ReadUInt32LittleEndian(Fill(4));

    public string Utf8(int length)
    {
        var bytes = new byte[length];
        stream.ReadExactly(bytes);
        return Encoding.UTF8.GetString(bytes);
    }

    public void Skip(long count, string what)
    {
        if (count < 0 || stream.Position + count > stream.Length)
        {
            throw new InvalidModelException(Path, ModelProblem.Truncated, $"file ends inside {what} (needs {count} bytes at offset {stream.Position}, file has {stream.Length}); it is probably truncated");
        }

        stream.Seek(count, SeekOrigin.Current);
    }

    private Span<byte> Fill(int count)
    {
        if (stream.Position + count > stream.Length)
        {
            throw new InvalidModelException(Path, ModelProblem.Truncated, $"file ends at offset {stream.Position}; it is probably truncated");
        }

        stream.ReadExactly(_buffer, 0, count);
        return _buffer.AsSpan(0, count);
    }
}
