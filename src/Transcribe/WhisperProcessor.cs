using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using Native = Whisper.net;

namespace MeetingAssist.Transcribe;

/// <summary>
/// Transcribes audio for one session on a shared model through Whisper.net; runs one transcription at a time.
/// Our <see cref="WhisperOptions"/> are mapped onto Whisper.net's builder for each call, so a quick caption pass
/// and a careful final pass can take turns on one processor.
/// </summary>
public sealed class WhisperProcessor : IAsyncDisposable, IDisposable
{
    /// <summary>Sample rate whisper expects for raw input.</summary>
    public const int SampleRate = 16_000;

    /// <summary>Samples in whisper's 30 s window.</summary>
    public const int WindowSamples = SampleRate * 30;

    // whisper.cpp's suppress_nst token list (music notes, brackets, lone symbols) as a pattern over token text,
    // the form in which Whisper.net passes token suppression to the engine.
    private const string NonSpeechTokens = @"^\s*[""#()*+/:;<=>@\[\\\]^_`{|}~「」『』♩♪♫♬♭♮♯-]+\s*$";

    private readonly WhisperFactory _factory;
    private readonly CancellationTokenSource _disposing = new();
    private Task _running = Task.CompletedTask;
    private int _busy;
    private int _disposed;

    internal WhisperProcessor(WhisperFactory factory, WhisperOptions options)
    {
        _factory = factory;
        Options = options;
    }

    public WhisperOptions Options { get; }

    /// <summary>Decodes the file with ffmpeg and transcribes it.</summary>
    public async IAsyncEnumerable<TranscriptSegment> ProcessFileAsync(string audioPath, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var samples = await AudioDecoder.DecodeFileAsync(audioPath, cancellationToken).ConfigureAwait(false);
        await foreach (var segment in ProcessAsync(samples, cancellationToken).ConfigureAwait(false))
        {
            yield return segment;
        }
    }

    /// <summary>
    /// Transcribes 16 kHz mono samples in [-1, 1], yielding each segment as soon as the engine produces it.
    /// Cancelling (or leaving the loop early) stops the native computation at its next step.
    /// </summary>
    public IAsyncEnumerable<TranscriptSegment> ProcessAsync(ReadOnlyMemory<float> samples, CancellationToken cancellationToken = default) =>
        ProcessAsync(samples, Options, cancellationToken);

    /// <summary>
    /// As <see cref="ProcessAsync(ReadOnlyMemory{float}, CancellationToken)"/>, with options for this call only
    /// (e.g. a quick caption pass and a careful final pass sharing one processor).
    /// </summary>
    public IAsyncEnumerable<TranscriptSegment> ProcessAsync(ReadOnlyMemory<float> samples, WhisperOptions options,
        CancellationToken cancellationToken = default)
    {
        // Checked here, not inside the iterator, so a bad call fails where it is made.
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        ArgumentNullException.ThrowIfNull(options);
        WhisperFactory.CheckLanguage(options);
        if (samples.IsEmpty)
        {
            throw new ArgumentException("There are no samples to transcribe.", nameof(samples));
        }

        return RunAsync(samples, options, cancellationToken);
    }

    /// <summary>
    /// Runs one window (at most 30 s) through the encoder and a single decoder step, and returns the time from the
    /// engine's encoder-begin hook to the end of the pass: the encoder's cost with one token of decoding; for benchmarks.
    /// </summary>
    public async Task<TimeSpan> MeasureEncoderAsync(ReadOnlyMemory<float> window, CancellationToken cancellationToken = default)
    {
        var options = Options with { TextOnly = true, MaxTokens = 1, TemperatureIncrement = 0 };
        long began = 0;
        await foreach (var _ in RunAsync(window[..Math.Min(window.Length, WindowSamples)], options, cancellationToken,
                           () => began = Stopwatch.GetTimestamp()).ConfigureAwait(false))
        {
        }

        return began == 0 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(began);
    }

    private async IAsyncEnumerable<TranscriptSegment> RunAsync(ReadOnlyMemory<float> samples, WhisperOptions options,
        [EnumeratorCancellation] CancellationToken cancellationToken, Action? onEncoderBegin = null)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (Interlocked.Exchange(ref _busy, 1) != 0)
        {
            throw new InvalidOperationException("This processor is already transcribing; create another processor for concurrent work.");
        }

        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _running = done.Task;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposing.Token);
        try
        {
            if (options.TextOnly)
            {
                // One pass per 30 s window, each window one segment spanning it: the audio's own bounds are the times.
                for (var offset = 0; offset < samples.Length; offset += WindowSamples)
                {
                    var window = samples.Slice(offset, Math.Min(WindowSamples, samples.Length - offset));
                    var parts = new List<Native.SegmentData>();
                    await foreach (var part in PassAsync(window, options, linked.Token, onEncoderBegin).ConfigureAwait(false))
                    {
                        parts.Add(part);
                    }

                    linked.Token.ThrowIfCancellationRequested();
                    yield return Join(parts, Seconds(offset), Seconds(offset + window.Length));
                }
            }
            else
            {
                await foreach (var part in PassAsync(samples, options, linked.Token, onEncoderBegin).ConfigureAwait(false))
                {
                    // Segments of a window arrive together; none are handed out once the caller has cancelled.
                    linked.Token.ThrowIfCancellationRequested();
                    yield return Map(part);
                }
            }
        }
        finally
        {
            Volatile.Write(ref _busy, 0);
            done.SetResult();
        }
    }

    private async IAsyncEnumerable<Native.SegmentData> PassAsync(ReadOnlyMemory<float> samples, WhisperOptions options,
        [EnumeratorCancellation] CancellationToken cancellationToken, Action? onEncoderBegin)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var native = Build(options, stop.Token, onEncoderBegin);
        var segments = native.ProcessAsync(samples, stop.Token).GetAsyncEnumerator(stop.Token);
        try
        {
            while (true)
            {
                try
                {
                    if (!await segments.MoveNextAsync().ConfigureAwait(false))
                    {
                        break;
                    }
                }
                catch (Native.WhisperProcessingException ex)
                {
                    throw new WhisperException(WhisperErrorKind.ProcessingFailed, "whisper_full failed", ex.ErrorCode, ex);
                }

                yield return segments.Current;
            }
        }
        finally
        {
            // Whisper.net leaves its native run going when enumeration stops early: the cancelled token makes the
            // engine's abort callback end it at the next step, and disposing the processor waits until it has.
            await stop.CancelAsync().ConfigureAwait(false);
            await segments.DisposeAsync().ConfigureAwait(false);
            await native.DisposeAsync().ConfigureAwait(false);
        }
    }

    private Native.WhisperProcessor Build(WhisperOptions options, CancellationToken token, Action? onEncoderBegin)
    {
        var builder = _factory.CreateBuilder()
            .WithLanguage(options.Language)
            .WithThreads(options.Threads)
            .WithNoContext()
            .WithNoSpeechThreshold(options.NoSpeechThreshold)
            .WithLogProbThreshold(options.LogProbThreshold)
            .WithEntropyThreshold(options.EntropyThreshold)
            .WithTemperature(options.Temperature)
            .WithTemperatureInc(options.TemperatureIncrement)
            .WithProbabilities()
            // A cancel that lands between windows stops the run before the next (most costly) encoder pass.
            .WithEncoderBeginHandler(_ =>
            {
                onEncoderBegin?.Invoke();
                return !token.IsCancellationRequested;
            });
        builder = options.BeamSize > 1
            ? builder.WithBeamSearchSamplingStrategy(s => s.WithBeamSize(options.BeamSize))
            : builder.WithGreedySamplingStrategy(s => s.WithBestOf(options.BestOf));
        if (!options.SuppressBlank) builder = builder.WithoutSuppressBlank();
        if (options.SuppressNonSpeechTokens) builder = builder.WithSuppressRegex(NonSpeechTokens);
        if (options.MaxTokens > 0) builder = builder.WithMaxTokensPerSegment(options.MaxTokens);
        if (options.AudioContext > 0) builder = builder.WithAudioContextSize(options.AudioContext);
        if (!string.IsNullOrWhiteSpace(options.InitialPrompt)) builder = builder.WithPrompt(options.InitialPrompt);
        if (options.TokenTimestamps) builder = builder.WithTokenTimestamps();
        if (options.TextOnly) builder = builder.WithSingleSegment();
        return builder.Build();
    }

    private TranscriptSegment Map(Native.SegmentData segment)
    {
        var (probability, _) = TextProbability([segment]);
        return new TranscriptSegment(segment.Start, segment.End, Clean(segment.Text), probability, segment.NoSpeechProbability);
    }

    private TranscriptSegment Join(List<Native.SegmentData> parts, TimeSpan start, TimeSpan end)
    {
        var (probability, _) = TextProbability(parts);
        var text = Clean(string.Concat(parts.Select(p => p.Text)));
        return new TranscriptSegment(start, end, text, probability, parts.Count == 0 ? 0f : parts.Max(p => p.NoSpeechProbability));
    }

    // The mean over word tokens only: control and timestamp tokens are near-certain and would hide a doubtful text.
    private (float Mean, int Count) TextProbability(IEnumerable<Native.SegmentData> parts)
    {
        double sum = 0;
        var count = 0;
        foreach (var token in parts.SelectMany(p => p.Tokens))
        {
            if (token.Id < _factory.EndOfText)
            {
                sum += token.Probability;
                count++;
            }
        }

        return (count == 0 ? 0f : (float)(sum / count), count);
    }

    private static string Clean(string? text) => (text ?? "").Trim().Normalize(NormalizationForm.FormC);

    private static TimeSpan Seconds(int samples) => TimeSpan.FromSeconds(samples / (double)SampleRate);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _disposing.CancelAsync().ConfigureAwait(false);
        try
        {
            await _running.ConfigureAwait(false);
        }
        finally
        {
            _factory.Release();
            _disposing.Dispose();
        }
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
