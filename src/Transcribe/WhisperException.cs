namespace MeetingAssist.Transcribe;

/// <summary>What went wrong in the speech engine, so callers pick their own words instead of reading ours.</summary>
public enum WhisperErrorKind
{
    /// <summary>The engine's native libraries could not be loaded on this machine.</summary>
    EngineMissing,

    /// <summary>The engine refused to load a model file that passed our checks.</summary>
    ModelLoadFailed,

    /// <summary>The engine stopped with an error while transcribing.</summary>
    ProcessingFailed,
}

/// <summary>Why a model file was refused before the engine saw it.</summary>
public enum ModelProblem
{
    /// <summary>The file could not be opened (missing, no permission).</summary>
    Unreadable,

    /// <summary>The file does not start like a ggml whisper model.</summary>
    NotGgml,

    /// <summary>The file ends early: usually a copy that has not finished.</summary>
    Truncated,

    /// <summary>A header value lies outside what any whisper model has (e.g. an audio context of 100,000).</summary>
    HeaderOutOfRange,

    /// <summary>An all-f32 file, which the engine's CPU kernels cannot run.</summary>
    Float32Weights,

    /// <summary>The body does not match the header (vocabulary, tensor names, shapes or types).</summary>
    Inconsistent,
}

/// <summary>A failure reported by the speech engine, with its kind and, when there is one, the engine's error code.</summary>
public class WhisperException(WhisperErrorKind kind, string message, int nativeCode = 0, Exception? inner = null)
    : Exception(nativeCode == 0 ? message : $"{message} (native code {nativeCode})", inner)
{
    public WhisperErrorKind Kind { get; } = kind;

    /// <summary>The code whisper.cpp returned (0 when there was none).</summary>
    public int NativeCode { get; } = nativeCode;
}

/// <summary>A file that is not a usable whisper ggml model; refused before native code sees it.</summary>
public sealed class InvalidModelException(string path, ModelProblem problem, string reason)
    : Exception($"'{path}' is not a valid whisper ggml model: {reason}")
{
    public string Path { get; } = path;

    public ModelProblem Problem { get; } = problem;

    /// <summary>The technical detail, in English, for logs and the settings page's details line.</summary>
    public string Reason { get; } = reason;
}

/// <summary>An audio file that could not be decoded to speech samples.</summary>
public sealed class AudioDecodeException(string message, string userMessage, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>A short explanation in Vietnamese, fit to show an operator.</summary>
    public string UserMessage { get; } = userMessage;
}
