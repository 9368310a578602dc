using Native = Whisper.net;

namespace MeetingAssist.Transcribe;

/// <summary>
/// Loads a whisper model once into Whisper.net and hands out processors that share its weights. This class and
/// <see cref="WhisperProcessor"/> are the one seam between the product and the engine: tests drive them with
/// generated ggml models, the product with real ones.
/// </summary>
public sealed class WhisperFactory : IDisposable
{
    private readonly Native.WhisperFactory _native;
    private readonly Lock _builderGate = new();

    // The factory's own reference plus one per live processor: Whisper.net frees the weights on Dispose even
    // while a run uses them, so the last one out frees them here.
    private int _references = 1;
    private int _disposed;

    private WhisperFactory(Native.WhisperFactory native, WhisperModelInfo model, TimeSpan loadTime)
    {
        _native = native;
        Model = model;
        LoadTime = loadTime;
        EndOfText = model.IsMultilingual ? 50_257 : 50_256;
    }

    /// <summary>What the model file's header says about it.</summary>
    public WhisperModelInfo Model { get; }

    /// <summary>Wall time spent validating and loading the model.</summary>
    public TimeSpan LoadTime { get; }

    /// <summary>Token ids from this one upwards are control and timestamp tokens, not words.</summary>
    internal int EndOfText { get; }

    /// <summary>
    /// Validates the whole file in managed code, then loads it into the engine. A malformed file is refused with
    /// <see cref="InvalidModelException"/> before native code reads it, because the native loader trusts every
    /// length it reads and aborts the whole process on some malformed inputs.
    /// </summary>
    public static WhisperFactory FromPath(string modelPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelPath);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var info = WhisperModelInfo.Validate(modelPath);
        WhisperRuntime.Require();
        Native.WhisperFactory native;
        try
        {
            native = Native.WhisperFactory.FromPath(Path.GetFullPath(modelPath), new Native.WhisperFactoryOptions
            {
                UseGpu = false,
                UseFlashAttention = true,
            });
        }
        catch (Native.WhisperModelLoadException ex)
        {
            throw new WhisperException(WhisperErrorKind.ModelLoadFailed, $"whisper.cpp could not load model '{modelPath}'", inner: ex);
        }

        return new WhisperFactory(native, info, System.Diagnostics.Stopwatch.GetElapsedTime(started));
    }

    /// <summary>A processor for one session; several can run on this model at once, each with its own engine state.</summary>
    public WhisperProcessor CreateProcessor(WhisperOptions? options = null)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        options ??= new WhisperOptions();
        CheckLanguage(options);
        if (!Model.IsMultilingual && options.Language != "en")
        {
            throw new ArgumentException($"Model '{Model.Path}' is English-only and cannot transcribe '{options.Language}'.", nameof(options));
        }

        Interlocked.Increment(ref _references);
        return new WhisperProcessor(this, options);
    }

    /// <summary>Checks the options and that the engine knows their language.</summary>
    internal static void CheckLanguage(WhisperOptions options)
    {
        options.Validate();
        if (!WhisperRuntime.Languages.Contains(options.Language))
        {
            throw new ArgumentException($"whisper does not know the language '{options.Language}'.", nameof(options));
        }
    }

    internal Native.WhisperProcessorBuilder CreateBuilder()
    {
        lock (_builderGate)
        {
            return _native.CreateBuilder();
        }
    }

    internal void Release()
    {
        if (Interlocked.Decrement(ref _references) == 0)
        {
            _native.Dispose();
        }
    }

    /// <summary>Releases this factory's hold on the model; the weights are freed when the last processor is disposed too.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            Release();
        }
    }
}
