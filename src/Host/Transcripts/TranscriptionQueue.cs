using System.Collections.Concurrent;
using System.Threading.Channels;
using MeetingAssist.Host.Data;
using MeetingAssist.Transcribe;
using MeetingAssist.Transcribe.Vad;
using Microsoft.EntityFrameworkCore;

namespace MeetingAssist.Host.Transcripts;

/// <summary>
/// Transcribes uploaded recordings one at a time: the server's few cores are better spent finishing one
/// recording fast than sharing them between several. Segments are stored as they arrive, so after a crash
/// or restart a job resumes from its last stored segment.
/// </summary>
public sealed partial class TranscriptionQueue(
    IDbContextFactory<MeetingDbContext> dbFactory, SpeechService speech, TimeProvider clock, ILogger<TranscriptionQueue> logger)
    : BackgroundService
{
    private readonly Channel<int> _pending = Channel.CreateUnbounded<int>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<int, CancellationTokenSource> _running = new();

    public void Enqueue(int recordingId) => _pending.Writer.TryWrite(recordingId);

    /// <summary>Cancels a waiting or running job; false when it had already finished.</summary>
    public async Task<bool> CancelAsync(int recordingId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var recording = await db.Recordings.FirstOrDefaultAsync(r => r.Id == recordingId);
        if (recording is null || recording.State is RecordingState.Done or RecordingState.Failed or RecordingState.Cancelled) return false;
        recording.State = RecordingState.Cancelled;
        recording.FinishedAtUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync();
        if (_running.TryGetValue(recordingId, out var cts)) await cts.CancelAsync();
        return true;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await ResumeUnfinishedAsync(stoppingToken);
        await foreach (var id in _pending.Reader.ReadAllAsync(stoppingToken))
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            _running[id] = cts;
            try
            {
                await RunAsync(id, cts.Token, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                // Left as Running: the next start resumes it from the last stored segment.
                return;
            }
            catch (OperationCanceledException)
            {
                // Cancelled by the secretary before the engine started; the row already says so.
            }
            catch (Exception ex)
            {
                LogJobCrashed(logger, ex, id);
                await FinishAsync(id, RecordingState.Failed, "Máy chủ gặp lỗi khi nhận dạng tệp này. Hãy thử tải lên lại.");
            }
            finally
            {
                _running.TryRemove(id, out _);
            }
        }
    }

    private async Task ResumeUnfinishedAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var unfinished = await db.Recordings.AsNoTracking()
            .Where(r => r.ClockStartMs == null && (r.State == RecordingState.Queued || r.State == RecordingState.Running))
            .OrderBy(r => r.Id).Select(r => r.Id).ToListAsync(ct);
        foreach (var id in unfinished) Enqueue(id);
    }

    private async Task RunAsync(int id, CancellationToken ct, CancellationToken stopping)
    {
        Recording recording;
        long resumeFromMs;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var row = await db.Recordings.FirstOrDefaultAsync(r => r.Id == id, ct);
            // A second pass over the live recording has its own worker (SecondPassQueue).
            if (row is null || row.ClockStartMs is not null || row.State is not (RecordingState.Queued or RecordingState.Running)) return;
            resumeFromMs = await db.TranscriptSegments.Where(s => s.RecordingId == id).MaxAsync(s => (long?)s.EndMs, ct) ?? 0;
            row.State = RecordingState.Running;
            row.StartedAtUtc ??= clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(ct);
            recording = row;
        }

        WhisperFactory factory;
        try
        {
            factory = await speech.AcquireAsync(ct);
        }
        catch (SpeechUnavailableException ex)
        {
            await FinishAsync(id, RecordingState.Failed, ex.Message);
            return;
        }

        var (vad, vadFallback) = SharedVoiceDetector.Get();
        if (vadFallback is not null) LogEnergyGate(logger, id, vadFallback);
        var options = speech.Options.ToWhisperOptions();
        var parameters = SpeechOptions.Describe(options with { TextOnly = true }) + $"; vad={vad.Name}";
        var modelName = Path.GetFileName(factory.Model.Path);
        var offset = TimeSpan.FromMilliseconds(resumeFromMs);
        LogJobStarted(logger, id, recording.DurationMs / 1000.0, modelName, resumeFromMs / 1000.0);

        await using var db2 = await dbFactory.CreateDbContextAsync(ct);
        var tracked = await db2.Recordings.FirstAsync(r => r.Id == id, ct);
        tracked.ModelName = modelName;
        await db2.SaveChangesAsync(ct);

        await using (var processor = factory.CreateProcessor(options))
        {
            FileProgress? progress = null;
            var transcriber = new FileTranscriber(processor, vad, speech.Guard) { Progress = p => progress = p };
            try
            {
                // The file is decoded and recognised as a stream of windows: a recording of any length takes the
                // memory of one window, and only speech the voice detector heard reaches the engine.
                await foreach (var passage in transcriber.TranscribeAsync(Path.Combine(speech.DataFolder, recording.StoredPath), offset, ct))
                {
                    var segment = passage.Segment;
                    var row = new TranscriptSegmentRow
                    {
                        MeetingId = recording.MeetingId,
                        RecordingId = id,
                        StartMs = (long)segment.Start.TotalMilliseconds,
                        EndMs = (long)segment.End.TotalMilliseconds,
                        Text = segment.Text.Normalize(System.Text.NormalizationForm.FormC),
                        AverageTokenProbability = segment.AverageTokenProbability,
                        NoSpeechProbability = segment.NoSpeechProbability,
                        ModelName = modelName,
                        Parameters = parameters,
                    };
                    db2.TranscriptSegments.Add(row);
                    var durationMs = Math.Max(tracked.DurationMs, row.EndMs);
                    tracked.Progress = durationMs == 0 ? 0 : Math.Clamp(100.0 * row.EndMs / durationMs, 0, 99.9);
                    await db2.SaveChangesAsync(CancellationToken.None);
                }
            }
            catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
            {
                // The secretary cancelled: the row is already marked, the segments so far stay as a partial draft.
                LogJobCancelled(logger, id);
                return;
            }
            catch (AudioDecodeException ex)
            {
                await FinishAsync(id, RecordingState.Failed, ex.UserMessage);
                return;
            }
            catch (WhisperException ex)
            {
                LogJobFailed(logger, ex, id);
                await FinishAsync(id, RecordingState.Failed, SpeechService.EngineMessage(ex.Kind));
                return;
            }

            if (progress is not null)
            {
                // The decoded length is the truth; the upload's probe may round or miss a damaged tail.
                tracked.DurationMs = (long)progress.Decoded.TotalMilliseconds;
                await db2.SaveChangesAsync(CancellationToken.None);
                LogJobGuarded(logger, id, progress.Kept, progress.Dropped, progress.LastDropReason);
            }
        }

        await FinishAsync(id, RecordingState.Done, null);
        LogJobDone(logger, id);
    }

    private async Task FinishAsync(int id, RecordingState state, string? error)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var row = await db.Recordings.FirstOrDefaultAsync(r => r.Id == id);
        // A cancel that raced with the end of the job stays a cancel: the secretary asked for it.
        if (row is null || row.State == RecordingState.Cancelled) return;
        row.State = state;
        row.Error = error;
        if (state == RecordingState.Done) row.Progress = 100;
        row.FinishedAtUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Transcription {Id} started: {Seconds:0.0} s of audio with {Model}, resuming at {ResumeSeconds:0.0} s")]
    private static partial void LogJobStarted(ILogger logger, int id, double seconds, string model, double resumeSeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Transcription {Id}: no Silero voice model, the energy gate stands in and noise may become text: {Reason}")]
    private static partial void LogEnergyGate(ILogger logger, int id, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Transcription {Id}: {Kept} passages kept, {Dropped} dropped by the guard (last: {LastDropReason})")]
    private static partial void LogJobGuarded(ILogger logger, int id, int kept, int dropped, string? lastDropReason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Transcription {Id} finished")]
    private static partial void LogJobDone(ILogger logger, int id);

    [LoggerMessage(Level = LogLevel.Information, Message = "Transcription {Id} cancelled")]
    private static partial void LogJobCancelled(ILogger logger, int id);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Transcription {Id} failed in the engine")]
    private static partial void LogJobFailed(ILogger logger, Exception ex, int id);

    [LoggerMessage(Level = LogLevel.Error, Message = "Transcription {Id} failed unexpectedly")]
    private static partial void LogJobCrashed(ILogger logger, Exception ex, int id);
}
