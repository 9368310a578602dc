namespace MeetingAssist.Transcribe;

/// <summary>Loads a whisper model once and hands out processors that share its weights.</summary>
public sealed class WhisperFactory : IDisposable
{
    private readonly WhisperContextHandle _context;
    private int _disposed;

    private WhisperFactory(WhisperContextHandle context, WhisperModelInfo model, TimeSpan loadTime)
    {
        _context = context;
        Model = model;
        LoadTime = loadTime;
    }

    /// <summary>What the model file's header says about it.</summary>
    public WhisperModelInfo Model { get; }

    /// <summary>Wall time spent validating and loading the model.</summary>
    public TimeSpan LoadTime { get; }

    /// <summary>
    /// Validates the file in managed code, then loads it into whisper.cpp. A malformed file is refused
    /// with <see cref="InvalidModelException"/> before native code reads it, because the native loader
    /// aborts the whole process on some malformed inputs.
    /// </summary>
    public static WhisperFactory FromPath(string modelPath, bool useGpu = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelPath);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var info = WhisperModelInfo.Validate(modelPath);
        WhisperNative.EnsureLoaded();
        WhisperNative.TakeNativeError();
        var pointer = Imports.ma_init_model(Path.GetFullPath(modelPath), useGpu ? 1 : 0, flashAttention: 1);
        if (pointer == IntPtr.Zero)
        {
            throw new WhisperException($"whisper.cpp could not load model '{modelPath}'", nativeMessage: WhisperNative.TakeNativeError());
        }

        var context = new WhisperContextHandle(pointer);
        return new WhisperFactory(context, info, System.Diagnostics.Stopwatch.GetElapsedTime(started));
    }

    /// <summary>A processor with its own native state, so several can run on this model at once.</summary>
    public WhisperProcessor CreateProcessor(WhisperOptions? options = null)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        options ??= new WhisperOptions();
        options.Validate();
        if (Imports.whisper_lang_id(options.Language) < 0)
        {
            throw new ArgumentException($"whisper does not know the language '{options.Language}'.", nameof(options));
        }

        if (Imports.whisper_is_multilingual(_context) == 0 && options.Language != "en")
        {
            throw new WhisperException($"Model '{Model.Path}' is English-only and cannot transcribe '{options.Language}'.");
        }

        return new WhisperProcessor(_context, new WhisperStateHandle(_context), options, Imports.whisper_token_eot(_context));
    }

    /// <summary>Releases this factory's hold on the model; the weights are freed when the last processor is disposed too.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _context.Dispose();
        }
    }
}
