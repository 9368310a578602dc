using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading.Channels;

namespace MeetingAssist.Transcribe;

/// <summary>Transcribes audio for one session on a shared model; runs one transcription at a time.</summary>
public sealed class WhisperProcessor : IAsyncDisposable, IDisposable
{
    /// <summary>Sample rate whisper expects for raw input.</summary>
    public const int SampleRate = 16_000;

    private const int CancelledByFlag = -101;

    private readonly WhisperContextHandle _context;
    private readonly WhisperStateHandle _state;
    private readonly int _endOfText;
    private readonly CancellationTokenSource _disposing = new();
    private Task _running = Task.CompletedTask;
    private int _busy;
    private int _disposed;

    internal WhisperProcessor(WhisperContextHandle context, WhisperStateHandle state, WhisperOptions options, int endOfText)
    {
        _context = context;
        _state = state;
        _endOfText = endOfText;
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
    /// (e.g. a quick caption pass and a careful final pass sharing one model state).
    /// </summary>
    public async IAsyncEnumerable<TranscriptSegment> ProcessAsync(ReadOnlyMemory<float> samples, WhisperOptions options,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (samples.IsEmpty)
        {
            throw new ArgumentException("There are no samples to transcribe.", nameof(samples));
        }

        if (Interlocked.Exchange(ref _busy, 1) != 0)
        {
            throw new InvalidOperationException("This processor is already transcribing; create another processor for concurrent work.");
        }

        var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposing.Token);
        var run = new Run(this, samples, options, linked.Token);
        Task task;
        try
        {
            task = Task.Factory.StartNew(run.Execute, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            _running = task;
        }
        catch
        {
            linked.Dispose();
            Volatile.Write(ref _busy, 0);
            throw;
        }

        try
        {
            await foreach (var segment in run.Segments.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
            {
                // Segments of a window arrive together; none are handed out once the caller has cancelled.
                linked.Token.ThrowIfCancellationRequested();
                yield return segment;
            }
        }
        finally
        {
            // Reached early when the caller stops enumerating: the native run must not outlive the loop.
            await linked.CancelAsync().ConfigureAwait(false);
            await task.ConfigureAwait(false);
            linked.Dispose();
            Volatile.Write(ref _busy, 0);
        }
    }

    /// <summary>Runs only the encoder over one window (at most 30 s) and returns its duration; for benchmarks.</summary>
    public unsafe TimeSpan MeasureEncoder(ReadOnlySpan<float> window)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (Interlocked.Exchange(ref _busy, 1) != 0)
        {
            throw new InvalidOperationException("This processor is already transcribing.");
        }

        try
        {
            WhisperNative.TakeNativeError();
            int rc;
            fixed (float* pointer = window)
            {
                rc = Imports.whisper_pcm_to_mel_with_state(_context, _state, pointer, window.Length, Options.Threads);
            }

            if (rc != 0)
            {
                throw new WhisperException("whisper_pcm_to_mel_with_state failed", rc, WhisperNative.TakeNativeError());
            }

            var started = Stopwatch.GetTimestamp();
            rc = Imports.whisper_encode_with_state(_context, _state, 0, Options.Threads);
            var elapsed = Stopwatch.GetElapsedTime(started);
            if (rc != 0)
            {
                throw new WhisperException("whisper_encode_with_state failed", rc, WhisperNative.TakeNativeError());
            }

            return elapsed;
        }
        finally
        {
            Volatile.Write(ref _busy, 0);
        }
    }

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
            _state.Dispose();
        }
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnNewSegments(IntPtr userData, int newCount)
    {
        try
        {
            if (GCHandle.FromIntPtr(userData).Target is Run run)
            {
                run.Drain();
            }
        }
        catch
        {
            // An exception must never unwind into native code; Execute drains again after the call.
        }
    }

    private sealed class Run(WhisperProcessor owner, ReadOnlyMemory<float> samples, WhisperOptions options, CancellationToken token)
    {
        private readonly Channel<TranscriptSegment> _segments = Channel.CreateUnbounded<TranscriptSegment>(
            new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });

        private int _emitted;

        private static readonly TimeSpan Window = TimeSpan.FromSeconds(30);

        private TimeSpan Duration { get; } = TimeSpan.FromSeconds(samples.Length / (double)SampleRate);

        public ChannelReader<TranscriptSegment> Segments => _segments.Reader;

        public unsafe void Execute()
        {
            var cancel = (int*)NativeMemory.AllocZeroed(sizeof(int));
            var self = GCHandle.Alloc(this);
            try
            {
                int rc;
                using (token.Register(static flag => Interlocked.Exchange(ref *(int*)(IntPtr)flag!, 1), (IntPtr)cancel))
                {
                    var language = Utf8Z(options.Language);
                    var prompt = options.InitialPrompt is null ? null : Utf8Z(options.InitialPrompt);
                    WhisperNative.TakeNativeError();
                    fixed (float* pcm = samples.Span)
                    fixed (byte* languagePointer = language)
                    fixed (byte* promptPointer = prompt)
                    {
                        var native = new Imports.MaOptions
                        {
                            StructSize = Imports.OptionsSize,
                            Threads = options.Threads,
                            BeamSize = options.BeamSize,
                            BestOf = options.BestOf,
                            MaxTokens = options.MaxTokens,
                            NoContext = options.UsePreviousText ? 0 : 1,
                            SuppressBlank = options.SuppressBlank ? 1 : 0,
                            SuppressNst = options.SuppressNonSpeechTokens ? 1 : 0,
                            TokenTimestamps = options.TokenTimestamps ? 1 : 0,
                            Temperature = options.Temperature,
                            TemperatureIncrement = options.TemperatureIncrement,
                            NoSpeechThreshold = options.NoSpeechThreshold,
                            LogProbThreshold = options.LogProbThreshold,
                            EntropyThreshold = options.EntropyThreshold,
                            AudioContext = options.AudioContext,
                            NoTimestamps = options.TextOnly ? 1 : 0,
                            Language = languagePointer,
                            InitialPrompt = promptPointer,
                        };
                        rc = Imports.ma_full(owner._context, owner._state, &native, pcm, samples.Length, cancel,
                            &OnNewSegments, GCHandle.ToIntPtr(self));
                    }
                }

                if (rc == CancelledByFlag)
                {
                    _segments.Writer.TryComplete(new OperationCanceledException("Transcription was cancelled.", token));
                    return;
                }

                if (rc != 0)
                {
                    _segments.Writer.TryComplete(new WhisperException("whisper_full failed", rc, WhisperNative.TakeNativeError()));
                    return;
                }

                Drain();
                _segments.Writer.TryComplete();
            }
            catch (Exception ex)
            {
                _segments.Writer.TryComplete(ex);
            }
            finally
            {
                self.Free();
                NativeMemory.Free(cancel);
            }
        }

        // Called on the native thread from the new-segment callback, and once more after the run.
        public void Drain()
        {
            var state = owner._state.DangerousGetHandle();
            var count = Imports.whisper_full_n_segments_from_state(state);
            for (; _emitted < count; _emitted++)
            {
                _segments.Writer.TryWrite(ReadSegment(state, _emitted));
            }
        }

        private TranscriptSegment ReadSegment(IntPtr state, int index)
        {
            // whisper.cpp reports times in 10 ms units.
            var start = TimeSpan.FromMilliseconds(Imports.whisper_full_get_segment_t0_from_state(state, index) * 10);
            var end = TimeSpan.FromMilliseconds(Imports.whisper_full_get_segment_t1_from_state(state, index) * 10);
            if (options.TextOnly)
            {
                // Without timestamp tokens the engine's start time is meaningless; the segment is its whole
                // window, which ends 30 s after it starts or where the audio does.
                start = end - Window;
                end = end < Duration ? end : Duration;
            }
            var text = Marshal.PtrToStringUTF8(Imports.whisper_full_get_segment_text_from_state(state, index)) ?? "";
            var tokens = Imports.whisper_full_n_tokens_from_state(state, index);
            double sum = 0;
            var textTokens = 0;
            for (var t = 0; t < tokens; t++)
            {
                // Ids from end-of-text upwards are control and timestamp tokens, not words.
                if (Imports.whisper_full_get_token_id_from_state(state, index, t) < owner._endOfText)
                {
                    sum += Imports.whisper_full_get_token_p_from_state(state, index, t);
                    textTokens++;
                }
            }

            return new TranscriptSegment(
                start,
                end,
                text.Trim().Normalize(NormalizationForm.FormC),
                textTokens == 0 ? 0f : (float)(sum / textTokens),
                Imports.whisper_full_get_segment_no_speech_prob_from_state(state, index));
        }

        private static byte[] Utf8Z(string value)
        {
            var bytes = new byte[Encoding.UTF8.GetByteCount(value) + 1];
            Encoding.UTF8.GetBytes(value, bytes);
            return bytes;
        }
    }
}
