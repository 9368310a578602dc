namespace MeetingAssist.Transcribe;

/// <summary>A failure reported by the whisper.cpp engine, with its native error code.</summary>
public class WhisperException : Exception
{
    public WhisperException(string message, int nativeCode = 0, string? nativeMessage = null, Exception? inner = null)
        : base(Compose(message, nativeCode, nativeMessage), inner)
    {
        NativeCode = nativeCode;
        NativeMessage = string.IsNullOrWhiteSpace(nativeMessage) ? null : nativeMessage.Trim();
    }

    /// <summary>The code whisper.cpp returned (0 when the failure was detected before a native call).</summary>
    public int NativeCode { get; }

    /// <summary>The error text whisper.cpp logged for this failure, if any.</summary>
    public string? NativeMessage { get; }

    /// <summary>A short explanation in Vietnamese, fit to show an operator.</summary>
    public virtual string UserMessage => "Bộ nhận dạng giọng nói gặp lỗi khi xử lý.";

    private static string Compose(string message, int code, string? nativeMessage)
    {
        var text = code == 0 ? message : $"{message} (native code {code})";
        return string.IsNullOrWhiteSpace(nativeMessage) ? text : $"{text}: {nativeMessage.Trim()}";
    }
}

/// <summary>The native engine libraries could not be found or loaded.</summary>
public sealed class WhisperEngineNotFoundException(string message) : WhisperException(message)
{
    public override string UserMessage => "Chưa cài bộ nhận dạng giọng nói (whisper.cpp) trên máy chủ.";
}

/// <summary>A file that is not a usable whisper ggml model; rejected before native code sees it.</summary>
public sealed class InvalidModelException(string path, string reason) : WhisperException($"'{path}' is not a valid whisper ggml model: {reason}")
{
    public string Path { get; } = path;

    public string Reason { get; } = reason;

    public override string UserMessage => "Tệp không phải mô hình Whisper (ggml) hợp lệ.";
}

/// <summary>An audio file that could not be decoded to speech samples.</summary>
public sealed class AudioDecodeException(string message, string userMessage, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>A short explanation in Vietnamese, fit to show an operator.</summary>
    public string UserMessage { get; } = userMessage;
}
