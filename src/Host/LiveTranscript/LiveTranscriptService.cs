using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using MeetingAssist.Host.Data;
using MeetingAssist.Host.People;
using MeetingAssist.Host.Queue;
using MeetingAssist.Host.Transcripts;
using MeetingAssist.Transcribe;
using MeetingAssist.Transcribe.Live;
using MeetingAssist.Transcribe.Vad;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MeetingAssist.Host.LiveTranscript;

public sealed record LiveStatusDto(
    int MeetingId, bool Capturing, string? Source, long? CaptureStartMs, double ReceivedSeconds, double? LastAudioSecondsAgo,
    string VadModel, string? VadFallbackReason, bool SpeechReady, string SpeechMessage, int QueuedJobs, double QueuedAudioSeconds,
    double LagSeconds, int SegmentsStored, int SegmentsDropped, double UnattributedSeconds, double GapSecondsFilled,
    int ServerCaptureRestarts, bool CaptionsEnabled, string? LastDropReason, int SecondLooksPending, int SecondLooksImproved, int SecondLooksSkipped, long PiecesJoined);

/// <summary>
/// Hall audio to draft transcript: sessions take audio in, one worker recognises speech jobs in order
/// (never dropping one, however far behind), the guard filters hallucinations, final segments are stored and
/// pushed to the secretary, and partial captions of the current speaker go to the projector when the chair allows.
/// </summary>
public sealed partial class LiveTranscriptService : BackgroundService
{
    private readonly ConcurrentDictionary<int, LiveSession> _sessions = new();
    private readonly Channel<(int MeetingId, SpeechJob Job, DateTime QueuedUtc)> _jobs = Channel.CreateUnbounded<(int, SpeechJob, DateTime)>();
    private readonly ConcurrentDictionary<int, (int Stored, int Dropped)> _counts = new();
    private readonly ConcurrentDictionary<int, string> _lastDropReason = new();
    private readonly ConcurrentQueue<SecondLook> _secondLooks = new();
    private readonly ConcurrentDictionary<int, int> _secondLooksImproved = new();
    private readonly LiveSegmentStore _store;
    private readonly LiveMeetingService _live;
    private readonly SpeechService _speech;
    private readonly IHubContext<MeetingHub, IMeetingClient> _hub;
    private readonly LiveOptions _options;
    private readonly ILogger<LiveTranscriptService> _logger;
    private readonly HallucinationGuard _guard;
    private readonly string _recordingsFolder;
    private long _queuedSamples;
    private DateTime? _oldestQueuedUtc;

    public LiveTranscriptService(LiveSegmentStore store, LiveMeetingService live, SpeechService speech,
        IHubContext<MeetingHub, IMeetingClient> hub, IOptions<LiveOptions> options, IOptions<DataOptions> data, ILogger<LiveTranscriptService> logger)
    {
        _store = store;
        _live = live;
        _speech = speech;
        _hub = hub;
        _options = options.Value;
        _logger = logger;
        _recordingsFolder = Path.Combine(Path.GetFullPath(data.Value.Folder), "recordings", "live");
        _guard = new HallucinationGuard
        {
            MinVadSpeechRatio = _options.Guard.MinVadSpeechRatio,
            NoSpeechThreshold = _options.Guard.NoSpeechThreshold,
            LowConfidence = _options.Guard.LowConfidence,
            TimestampTolerance = TimeSpan.FromMilliseconds(_options.Guard.TimestampToleranceMs),
        };
        (Vad, VadFallbackReason) = SharedVoiceDetector.Get();
        if (VadFallbackReason is not null) LogVadFallback(VadFallbackReason);
    }

    public IVoiceActivityModel Vad { get; }

    /// <summary>Why the energy gate stands in for the neural detector; null when Silero is in use.</summary>
    public string? VadFallbackReason { get; }

    public int ServerCaptureRestarts(int meetingId) => _captureRestarts.GetValueOrDefault(meetingId);

    private readonly ConcurrentDictionary<int, int> _captureRestarts = new();

    public void CountCaptureRestart(int meetingId) => _captureRestarts.AddOrUpdate(meetingId, 1, (_, n) => n + 1);

    public string RecordingFolder(int meetingId) => Path.Combine(_recordingsFolder, meetingId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Starts (or continues) a capture; a different capture start replaces the previous session.</summary>
    public async Task<LiveSession> SessionAsync(int meetingId, string source, long captureStartMs)
    {
        await _live.TurnsAsync(meetingId); // loads the meeting, so turns are in memory for the audio path
        if (_sessions.TryGetValue(meetingId, out var existing) && existing.CaptureStartMs == captureStartMs && existing.Source == source)
            return existing;
        var session = new LiveSession(meetingId, source, captureStartMs, RecordingFolder(meetingId), Vad, () => Windows(meetingId), _options);
        if (_sessions.TryGetValue(meetingId, out var previous))
        {
            _sessions[meetingId] = session;
            await EnqueueAsync(meetingId, await previous.FlushAsync(_live.NowMs));
            await previous.DisposeAsync();
        }
        else
        {
            _sessions[meetingId] = session;
        }
        LogCaptureStarted(meetingId, source);
        return session;
    }

    public async Task PushAsync(LiveSession session, long sampleIndex, float[] samples, CancellationToken ct)
    {
        var jobs = await session.PushAsync(sampleIndex, samples, _live.NowMs, ct);
        await EnqueueAsync(session.MeetingId, jobs);
    }

    /// <summary>The capture stopped: what was said so far still gets recognised.</summary>
    public async Task EndAsync(LiveSession session)
    {
        await EnqueueAsync(session.MeetingId, await session.FlushAsync(_live.NowMs, finishRecording: true));
    }

    private IReadOnlyList<FloorWindow> Windows(int meetingId) =>
        _live.LoadedTurns(meetingId).Where(t => !t.Voided).Select(t => new FloorWindow(t.TurnId, t.StartedAtMs, t.EndedAtMs)).ToList();

    private async Task EnqueueAsync(int meetingId, IReadOnlyList<SpeechJob> jobs)
    {
        foreach (var job in jobs)
        {
            Interlocked.Add(ref _queuedSamples, job.Samples.Length);
            _oldestQueuedUtc ??= DateTime.UtcNow;
            await _jobs.Writer.WriteAsync((meetingId, job, DateTime.UtcNow));
        }
        // Final text goes first: a caption pass or second look in progress is abandoned so the worker takes the job at once.
        if (jobs.Count > 0) CancelGivingWayPass();
    }

    private static readonly TimeSpan SecondLookAfterQuiet = TimeSpan.FromSeconds(2);
    private DateTime _nextIdleWorkUtc = DateTime.MinValue;
    private bool _lastCaptionCutShort;
    private DateTime _lastOpenSpeechUtc = DateTime.MinValue;

    /// <summary>The caption pass or second look in progress, if any; cancelled when a final job arrives.</summary>
    private CancellationTokenSource? _givingWayPass;

    private void CancelGivingWayPass()
    {
        try
        {
            Volatile.Read(ref _givingWayPass)?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The pass ended between the read and the cancel: nothing to stop.
        }
    }

    public async Task<LiveStatusDto> StatusAsync(int meetingId)
    {
        var session = _sessions.GetValueOrDefault(meetingId);
        var speech = await _speech.StatusAsync();
        var counts = _counts.GetValueOrDefault(meetingId);
        var snapshot = await _live.SnapshotAsync(meetingId, staff: false);
        var queued = Interlocked.Read(ref _queuedSamples) / (double)WhisperProcessor.SampleRate;
        var lag = _oldestQueuedUtc is { } oldest ? (DateTime.UtcNow - oldest).TotalSeconds : 0;
        return new LiveStatusDto(meetingId, session is not null && (DateTime.UtcNow - session.LastAudioUtc).TotalSeconds < 5, session?.Source,
            session?.CaptureStartMs, (session?.NextSample ?? 0) / (double)WhisperProcessor.SampleRate,
            session is null ? null : (DateTime.UtcNow - session.LastAudioUtc).TotalSeconds,
            Vad.Name, VadFallbackReason, speech.Ready, speech.Message, _jobs.Reader.Count, queued, lag, counts.Stored, counts.Dropped,
            session?.UnattributedSeconds ?? 0, (session?.GapSamplesFilled ?? 0) / (double)WhisperProcessor.SampleRate,
            ServerCaptureRestarts(meetingId), snapshot.CaptionsEnabled, _lastDropReason.GetValueOrDefault(meetingId),
            _secondLooks.Count(r => r.MeetingId == meetingId), _secondLooksImproved.GetValueOrDefault(meetingId),
            _secondLooksSkipped.GetValueOrDefault(meetingId), Interlocked.Read(ref _joinedPieces));
    }

    public IReadOnlyList<Transcribe.Audio.RecordingChunk> Chunks(int meetingId) =>
        _sessions.TryGetValue(meetingId, out var s) ? s.Chunks : [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var processors = new Dictionary<int, (WhisperFactory Factory, WhisperProcessor Processor, string Prompt)>();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                (int MeetingId, SpeechJob Job, DateTime QueuedUtc) item;
                // Captions refresh on their own clock, not after a stretch of idleness: a worker that finishes each
                // final pass shortly before the next piece arrives would otherwise never caption at all.
                var untilIdleWork = _nextIdleWorkUtc - DateTime.UtcNow;
                if (!_jobs.Reader.TryRead(out item))
                {
                    if (untilIdleWork <= TimeSpan.Zero)
                    {
                        // Idle: refresh captions, close speech left open by a capture that went quiet, second looks.
                        await IdleAsync(processors, stoppingToken);
                        // No caption pass started (too little open speech, a quiet hall): look again shortly.
                        if (_nextIdleWorkUtc <= DateTime.UtcNow) _nextIdleWorkUtc = DateTime.UtcNow.AddMilliseconds(250);
                        continue;
                    }
                    using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                    wait.CancelAfter(untilIdleWork);
                    try
                    {
                        item = await _jobs.Reader.ReadAsync(wait.Token);
                    }
                    catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                    {
                        continue;
                    }
                }
                Interlocked.Add(ref _queuedSamples, -item.Job.Samples.Length);
                item = item with { Job = JoinWaitingPieces(item.MeetingId, item.Job) };
                _lastOpenSpeechUtc = DateTime.UtcNow; // a job is speech that has just ended: the hall is not quiet yet
                _oldestQueuedUtc = _jobs.Reader.Count == 0 ? null : _oldestQueuedUtc;
                try
                {
                    var waitedMs = (long)(DateTime.UtcNow - item.QueuedUtc).TotalMilliseconds;
                    var started = Stopwatch.GetTimestamp();
                    await RecogniseAsync(item.MeetingId, item.Job, processors, stoppingToken);
                    LogJobDone(item.MeetingId, item.Job.TurnId, item.Job.Samples.Length / (double)WhisperProcessor.SampleRate,
                        waitedMs, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogJobFailed(ex, item.MeetingId, item.Job.TurnId);
                }
            }
        }
        finally
        {
            foreach (var p in processors.Values) await p.Processor.DisposeAsync();
        }
    }

    /// <summary>
    /// When recognition is behind, the next pieces of the same turn are already waiting: they are taken now and
    /// recognised in one window, so catching up costs one encoder pass instead of one per piece.
    /// </summary>
    private SpeechJob JoinWaitingPieces(int meetingId, SpeechJob first)
    {
        var pieces = new List<SpeechJob> { first };
        while (_jobs.Reader.TryPeek(out var next) && next.MeetingId == meetingId && SpeechJobMerge.CanJoin(first, pieces[^1], next.Job)
               && _jobs.Reader.TryRead(out next))
        {
            Interlocked.Add(ref _queuedSamples, -next.Job.Samples.Length);
            pieces.Add(next.Job);
        }
        if (pieces.Count > 1) Interlocked.Add(ref _joinedPieces, pieces.Count - 1);
        return SpeechJobMerge.Join(pieces);
    }

    private long _joinedPieces;

    private async Task<WhisperProcessor?> ProcessorAsync(int meetingId, Dictionary<int, (WhisperFactory Factory, WhisperProcessor Processor, string Prompt)> processors, CancellationToken ct)
    {
        WhisperFactory factory;
        try
        {
            factory = await _speech.AcquireAsync(ct);
        }
        catch (SpeechUnavailableException)
        {
            // The audio is recorded anyway; the status page says why there is no text.
            return null;
        }
        var prompt = await PromptAsync(meetingId);
        if (processors.TryGetValue(meetingId, out var cached) && cached.Factory == factory && cached.Prompt == prompt) return cached.Processor;
        if (cached.Processor is not null) await cached.Processor.DisposeAsync();
        // Each job is one stretch of speech already cut at pauses (at most 30 s), so it is decoded as text only,
        // one segment spanning the job: its times are the job's own, set by the voice detector and floor events.
        var options = _speech.Options.ToWhisperOptions() with
        {
            InitialPrompt = prompt,
            TextOnly = true,
            TemperatureIncrement = 0f,
        };
        var processor = factory.CreateProcessor(options);
        processors[meetingId] = (factory, processor, prompt);
        return processor;
    }

    private async Task RecogniseAsync(int meetingId, SpeechJob job, Dictionary<int, (WhisperFactory Factory, WhisperProcessor Processor, string Prompt)> processors, CancellationToken ct)
    {
        var processor = await ProcessorAsync(meetingId, processors, ct);
        if (processor is null) return;
        var turn = _live.LoadedTurns(meetingId).FirstOrDefault(t => t.TurnId == job.TurnId);
        if (turn is null || turn.Voided) return;
        var duration = TimeSpan.FromSeconds(job.Samples.Length / (double)WhisperProcessor.SampleRate);
        // The encoder's cost is set by its context, not by the audio: a 3-second piece over the full 30-second window
        // costs as much as 30 seconds of speech. Fitted to the piece, the text lands well within two seconds of the
        // turn's end; the second look then recognises it over the full window the model was trained on.
        var options = _options.FastFinalPass
            ? processor.Options with { AudioContext = WhisperOptions.AudioContextFor(job.Samples.Length) }
            : processor.Options;
        var fitted = options.AudioContext is > 0 and < WhisperOptions.FullAudioContext;
        await foreach (var segment in processor.ProcessAsync(job.Samples, options, ct))
        {
            var verdict = Check(segment, duration, job.VadSpeechRatio, options.InitialPrompt);
            LiveSegmentRow? row = null;
            if (verdict.Verdict == GuardVerdict.Drop)
                CountDropped(meetingId, job.TurnId, verdict);
            else
                row = await StoreAsync(meetingId, job, turn, segment, verdict, processors[meetingId].Factory, options, ct);
            if (_options.SecondLook && (verdict.WorthRetrying || fitted))
                QueueSecondLook(new SecondLook(meetingId, job, segment.Start, segment.End, row?.Id, verdict.Verdict, segment.AverageTokenProbability, fitted));
        }
    }

    private GuardResult Check(TranscriptSegment segment, TimeSpan duration, double vadSpeechRatio, string? prompt) =>
        _guard.Check(new SegmentEvidence(segment.Text, segment.Start, segment.End, duration,
            segment.AverageTokenProbability, segment.NoSpeechProbability, vadSpeechRatio, prompt));

    private void CountDropped(int meetingId, int turnId, GuardResult verdict)
    {
        _counts.AddOrUpdate(meetingId, (0, 1), (_, c) => (c.Stored, c.Dropped + 1));
        _lastDropReason[meetingId] = string.Join(" ", verdict.Reasons);
        LogDropped(meetingId, turnId, string.Join(" ", verdict.Reasons));
    }

    private async Task<LiveSegmentRow> StoreAsync(int meetingId, SpeechJob job, FloorTurnRecord turn, TranscriptSegment segment, GuardResult verdict,
        WhisperFactory factory, WhisperOptions options, CancellationToken ct)
    {
        var row = new LiveSegmentRow
        {
            MeetingId = meetingId,
            TurnId = job.TurnId,
            SpeakerName = turn.Speaker.Name,
            SpeakerAffiliation = turn.Speaker.Affiliation,
            SpeakerRole = PersonRoleLabels.Label(turn.Speaker.Role),
            TurnKind = SnapshotBuilder.TurnKindLabel(turn.Kind),
            StartMs = job.StartMs + (long)segment.Start.TotalMilliseconds,
            EndMs = Math.Min(job.EndMs, job.StartMs + (long)segment.End.TotalMilliseconds),
            Text = verdict.Text,
            Confidence = segment.AverageTokenProbability,
            NoSpeechProbability = segment.NoSpeechProbability,
            VadSpeechRatio = job.VadSpeechRatio,
            Flag = verdict.Verdict == GuardVerdict.Flag ? string.Join(" ", verdict.Reasons) : null,
            ModelName = Path.GetFileName(factory.Model.Path),
            Parameters = SpeechOptions.Describe(options),
        };
        await _store.AddAsync(row, ct);
        _counts.AddOrUpdate(meetingId, (1, 0), (_, c) => (c.Stored + 1, c.Dropped));
        await _hub.Clients.Group(LiveMeetingService.StaffGroup(meetingId)).TranscriptSegment(LiveSegmentDto.From(row));
        await CaptionAsync(meetingId, new CaptionDto(meetingId, job.TurnId, turn.Speaker.Name, row.Text, true, row.EndMs));
        return row;
    }

    /// <summary>
    /// A passage the fast pass decoded badly (a loop, no text over speech, low confidence), to be recognised again
    /// with temperature fallback when the worker is free. <see cref="RowId"/> is the stored segment to improve, if
    /// the first text was kept.
    /// </summary>
    /// <paramref name="FirstFitted"/>: the first text came from an encoder context fitted to the piece, so the
    /// full-context text replaces it unless the guard thinks it worse.
    private sealed record SecondLook(int MeetingId, SpeechJob Job, TimeSpan Start, TimeSpan End, long? RowId, GuardVerdict FirstVerdict, float FirstConfidence,
        bool FirstFitted);

    /// <summary>
    /// Second looks hold their audio in memory until a quiet moment; a hall that never falls quiet must not grow
    /// the server without bound. Past this much waiting speech the oldest look is given up: its passage keeps
    /// the first text, and the status page counts it.
    /// </summary>
    private static readonly TimeSpan SecondLookBacklog = TimeSpan.FromMinutes(30);

    private long _secondLookSamples;
    private readonly ConcurrentDictionary<int, int> _secondLooksSkipped = new();

    private void QueueSecondLook(SecondLook look)
    {
        _secondLooks.Enqueue(look);
        Interlocked.Add(ref _secondLookSamples, look.Job.Samples.Length);
        while (Interlocked.Read(ref _secondLookSamples) > SecondLookBacklog.TotalSeconds * WhisperProcessor.SampleRate
               && _secondLooks.TryDequeue(out var oldest))
        {
            Interlocked.Add(ref _secondLookSamples, -oldest.Job.Samples.Length);
            _secondLooksSkipped.AddOrUpdate(oldest.MeetingId, 1, (_, n) => n + 1);
        }
    }

    /// <summary>Takes one second look; false when a final job arrived and it gave way (it is queued again).</summary>
    private async Task<bool> SecondLookAsync(Dictionary<int, (WhisperFactory Factory, WhisperProcessor Processor, string Prompt)> processors, CancellationToken ct)
    {
        if (!_secondLooks.TryDequeue(out var look)) return true;
        Interlocked.Add(ref _secondLookSamples, -look.Job.Samples.Length);
        var processor = await ProcessorAsync(look.MeetingId, processors, ct);
        var turn = _live.LoadedTurns(look.MeetingId).FirstOrDefault(t => t.TurnId == look.Job.TurnId);
        if (processor is null || turn is null || turn.Voided) return true;
        var from = Math.Clamp((int)(look.Start.TotalSeconds * WhisperProcessor.SampleRate), 0, look.Job.Samples.Length - 1);
        var to = Math.Clamp((int)(look.End.TotalSeconds * WhisperProcessor.SampleRate), from + 1, look.Job.Samples.Length);
        var samples = look.Job.Samples[from..to];
        var options = processor.Options with { TemperatureIncrement = 0.2f, AudioContext = 0 };
        var segments = new List<TranscriptSegment>();
        var finished = await GiveWayAsync(async token =>
        {
            await foreach (var segment in processor.ProcessAsync(samples, options, token)) segments.Add(segment);
        }, ct);
        if (!finished)
        {
            QueueSecondLook(look);
            return false;
        }
        if (segments.Count == 0) return true;
        var duration = TimeSpan.FromSeconds(samples.Length / (double)WhisperProcessor.SampleRate);
        var best = segments.Select(s => (Segment: s, Verdict: Check(s, duration, look.Job.VadSpeechRatio, options.InitialPrompt)))
            .MaxBy(x => (Rank(x.Verdict.Verdict), x.Segment.AverageTokenProbability));
        var (rank, firstRank) = (Rank(best.Verdict.Verdict), Rank(look.FirstVerdict));
        // Confidence decides between two texts of the same context; over a fitted context the full one is the reference.
        var better = rank > firstRank || (rank == firstRank && (look.FirstFitted || best.Segment.AverageTokenProbability > look.FirstConfidence));
        if (!better) return true; // no better than what the secretary already has
        var shifted = best.Segment with { Start = best.Segment.Start + look.Start, End = best.Segment.End + look.Start };
        if (look.RowId is { } id)
        {
            // The transcript keeps a person's edit of this passage and takes the better text only as an offer.
            var row = await _store.ImproveAsync(look.MeetingId, id, r =>
            {
                r.Text = best.Verdict.Text;
                r.Confidence = shifted.AverageTokenProbability;
                r.NoSpeechProbability = shifted.NoSpeechProbability;
                r.Flag = best.Verdict.Verdict == GuardVerdict.Flag ? string.Join(" ", best.Verdict.Reasons) : null;
                r.Parameters = SpeechOptions.Describe(options);
                r.ModelName = Path.GetFileName(processors[look.MeetingId].Factory.Model.Path);
            }, ct);
            if (row is null) return true;
            // The same id: the live view replaces the passage in place.
            await _hub.Clients.Group(LiveMeetingService.StaffGroup(look.MeetingId)).TranscriptSegment(LiveSegmentDto.From(row));
        }
        else
        {
            await StoreAsync(look.MeetingId, look.Job, turn, shifted, best.Verdict, processors[look.MeetingId].Factory, options, ct);
        }
        _secondLooksImproved.AddOrUpdate(look.MeetingId, 1, (_, n) => n + 1);
        return true;

        static int Rank(GuardVerdict v) => v switch { GuardVerdict.Keep => 2, GuardVerdict.Flag => 1, _ => 0 };
    }

    /// <summary>Runs recognition that must give way to final text; false when a final job was queued and it stopped.</summary>
    private async Task<bool> GiveWayAsync(Func<CancellationToken, Task> work, CancellationToken ct)
    {
        using var pass = CancellationTokenSource.CreateLinkedTokenSource(ct);
        Volatile.Write(ref _givingWayPass, pass);
        try
        {
            // A job queued before this pass was published would otherwise wait for it.
            if (_jobs.Reader.Count > 0) return false;
            await work(pass.Token);
            return true;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return false;
        }
        finally
        {
            Volatile.Write(ref _givingWayPass, null);
        }
    }

    private async Task IdleAsync(Dictionary<int, (WhisperFactory Factory, WhisperProcessor Processor, string Prompt)> processors, CancellationToken ct)
    {
        var now = _live.NowMs;
        foreach (var session in _sessions.Values)
        {
            // A capture that went quiet (link cut, microphone off) must not hold the last words back.
            if ((DateTime.UtcNow - session.LastAudioUtc).TotalSeconds > 2)
            {
                await EnqueueAsync(session.MeetingId, await session.FlushAsync(now));
                continue;
            }
            if (_jobs.Reader.Count > 0) return;
            var open = await session.OpenSpeechAsync(now);
            if (open is null) continue;
            _lastOpenSpeechUtc = DateTime.UtcNow;
            var processor = await ProcessorAsync(session.MeetingId, processors, ct);
            if (processor is null) continue;
            var turn = _live.LoadedTurns(session.MeetingId).FirstOrDefault(t => t.TurnId == open.TurnId);
            if (turn is null) continue;
            var text = await CaptionTextAsync(processor, CaptionTail(open.Samples), ct);
            if (text is null) return; // a final job arrived: it goes first
            if (text.Length > 0)
                await CaptionAsync(session.MeetingId, new CaptionDto(session.MeetingId, open.TurnId, turn.Speaker.Name, text, false, open.EndMs));
        }
        // Second looks wait for a quiet hall (between turns, a pause in the meeting): one started while someone
        // speaks would hold that speaker's captions back. A final job still interrupts it.
        if (_jobs.Reader.Count == 0 && DateTime.UtcNow - _lastOpenSpeechUtc >= SecondLookAfterQuiet)
            await SecondLookAsync(processors, ct);
    }

    private float[] CaptionTail(float[] open)
    {
        var keep = _options.CaptionSeconds * WhisperProcessor.SampleRate;
        return open.Length <= keep ? open : open[^keep..];
    }

    /// <summary>A quick pass over the tail of the open speech; null when a final job cut it short.</summary>
    private async Task<string?> CaptionTextAsync(WhisperProcessor processor, float[] tail, CancellationToken ct)
    {
        // The caption clock counts from this pass's start, whether it finishes or gives way.
        _nextIdleWorkUtc = DateTime.UtcNow.AddMilliseconds(_options.CaptionIntervalMs);
        // Greedy decoding of speech cut off mid-word often loops; one sampled retry at a time (at most two) costs
        // little over this short context and turns most loops into readable words. Finals never wait for it.
        // A caption pass cut short by the next final job shows nothing; after one, the next tries a single greedy
        // pass so that something fits between final jobs on a busy worker.
        var options = processor.Options with
        {
            TemperatureIncrement = _lastCaptionCutShort ? 0f : 0.5f,
            BestOf = 1,
            AudioContext = WhisperOptions.AudioContextFor(tail.Length),
        };
        var duration = TimeSpan.FromSeconds(tail.Length / (double)WhisperProcessor.SampleRate);
        var text = new List<string>();
        var finished = await GiveWayAsync(async token =>
        {
            await foreach (var segment in processor.ProcessAsync(tail, options, token))
            {
                var verdict = Check(segment, duration, 1, options.InitialPrompt);
                if (verdict.Verdict != GuardVerdict.Drop) text.Add(verdict.Text);
            }
        }, ct);
        _lastCaptionCutShort = !finished;
        return finished ? string.Join(" ", text) : null;
    }

    private async Task CaptionAsync(int meetingId, CaptionDto caption)
    {
        await _hub.Clients.Group(LiveMeetingService.StaffGroup(meetingId)).Caption(caption);
        var snapshot = await _live.SnapshotAsync(meetingId, staff: false);
        if (snapshot.CaptionsEnabled)
            await _hub.Clients.Group(LiveMeetingService.PublicGroup(meetingId)).Caption(caption);
    }

    private async Task<string> PromptAsync(int meetingId)
    {
        var snapshot = await _live.SnapshotAsync(meetingId, staff: true);
        var speakers = snapshot.Queue.Concat(snapshot.Finished ?? []).Select(r => (r.Speaker.Name, r.Speaker.Affiliation));
        var responders = (snapshot.Responders ?? []).Select(r => (r.Name, r.Title));
        return InitialPrompt.Build(snapshot.Meeting.Title, snapshot.Agenda, speakers, responders);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        foreach (var session in _sessions.Values) await session.DisposeAsync();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Voice activity: using the energy gate: {Reason}")]
    private partial void LogVadFallback(string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Meeting {MeetingId}: audio capture started from {Source}")]
    private partial void LogCaptureStarted(int meetingId, string source);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Meeting {MeetingId}: recognition of turn {TurnId} failed")]
    private partial void LogJobFailed(Exception ex, int meetingId, int turnId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Meeting {MeetingId}, turn {TurnId}: {Seconds:F1} s of speech waited {WaitMs} ms, recognised in {PassMs:F0} ms")]
    private partial void LogJobDone(int meetingId, int turnId, double seconds, long waitMs, double passMs);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Meeting {MeetingId}, turn {TurnId}: segment dropped: {Reason}")]
    private partial void LogDropped(int meetingId, int turnId, string reason);
}
