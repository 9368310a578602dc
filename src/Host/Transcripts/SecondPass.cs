// Longer than 300 lines on purpose: one pass's life (request, queue, run over the recorded files, cancel, finish) moves
// one Recording row through its states, and reads best in one place; the model it uses is chosen elsewhere
// (SpeechService.SecondPass.cs).
using System.Collections.Concurrent;
using System.Threading.Channels;
using MeetingAssist.Host.Data;
using MeetingAssist.Host.LiveTranscript;
using MeetingAssist.Host.Queue;
using MeetingAssist.Transcribe;
using MeetingAssist.Transcribe.Vad;
using Microsoft.EntityFrameworkCore;

namespace MeetingAssist.Host.Transcripts;

public sealed record SecondPassInput(int? TurnId);

/// <param name="SecondsLeft">Estimated from the time taken so far and the share done; null until there is something to go by.</param>
public sealed record SecondPassDto(
    int RecordingId, int? TurnId, RecordingState State, string StateLabel, double Progress, int? SecondsLeft, string? ModelName,
    string? Error, int Segments);

/// <param name="Model">The model the next pass will use, and <paramref name="ModelReason"/> why that one.</param>
/// <param name="Problem">Why no pass can run now (no engine, no model), in Vietnamese; null when one can.</param>
public sealed record SecondPassStatus(SecondPassDto? Pass, bool Ready, string? Model, string? ModelReason, string? Problem);

/// <summary>A second pass cannot start; the message is for the secretary (a 409).</summary>
public sealed class SecondPassRefusedException(string message) : Exception(message);

/// <summary>
/// The second pass: the meeting's own live recording (its 10-minute files, in order) recognised again in the
/// background with its own model (<see cref="SpeechService.ResolveSecondPassAsync"/>: the admin's choice or the largest installed), over full windows with the meeting's prompt, for the
/// whole meeting after it ended or for one finished turn. The text is stored as a <see cref="Recording"/> whose
/// segments count from a known instant on the meeting clock (<see cref="Recording.ClockStartMs"/>), so the editor's
/// offer flow previews it per turn with a diff and the secretary accepts per turn; nothing is written into the
/// transcript by the pass itself, and an accepted turn keeps every passage a person edited. One pass runs at a time
/// from a short queue; a request beyond it is refused rather than left waiting for hours.
/// </summary>
public sealed partial class SecondPassQueue(
    IDbContextFactory<MeetingDbContext> dbFactory, SpeechService speech, LiveMeetingService meetings, LiveSessions liveAudio,
    TimeProvider clock, ILogger<SecondPassQueue> logger) : BackgroundService
{
    public const int QueueCapacity = 4;

    private readonly Channel<int> _pending = Channel.CreateBounded<int>(new BoundedChannelOptions(QueueCapacity) { SingleReader = true });
    /// <summary>Progress between stored segments (a long silence stores none), for the status endpoint.</summary>
    private readonly ConcurrentDictionary<int, double> _progress = new();

    /// <summary>Checks what the pass needs, stores it as a queued recording and queues it.</summary>
    public async Task<SecondPassDto> RequestAsync(int meetingId, int? turnId, string by, CancellationToken ct)
    {
        var snapshot = await meetings.SnapshotAsync(meetingId, staff: false);
        var status = await speech.StatusAsync(ct);
        if (!status.Ready) throw new SecondPassRefusedException(status.Message);
        if (RecordingFiles(meetingId).Count == 0)
            throw new SecondPassRefusedException("Hội nghị này chưa có tệp ghi âm trực tiếp nên chưa nhận dạng lại được. Nếu có tệp ghi âm riêng, hãy tải lên ở trang Thư ký.");
        string name;
        if (turnId is { } id)
        {
            var turn = (await meetings.TurnsAsync(meetingId)).FirstOrDefault(t => t.TurnId == id && !t.Voided)
                ?? throw new SecondPassRefusedException("Không tìm thấy lượt phát biểu này (hoặc lượt đã bị hủy).");
            if (turn.EndedAtMs is null) throw new SecondPassRefusedException("Lượt này chưa kết thúc; hãy nhận dạng lại sau khi lượt phát biểu xong.");
            name = $"Nhận dạng lại lượt của {turn.Speaker.Name}";
        }
        else
        {
            if (snapshot.Status != nameof(MeetingStatus.Ended))
                throw new SecondPassRefusedException("Hội nghị chưa kết thúc. Có thể nhận dạng lại từng lượt đã xong; cả hội nghị thì sau khi kết thúc.");
            name = "Nhận dạng lại cả hội nghị";
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var waiting = await db.Recordings.CountAsync(r => r.ClockStartMs != null && (r.State == RecordingState.Queued || r.State == RecordingState.Running), ct);
        if (waiting >= QueueCapacity)
            throw new SecondPassRefusedException($"Đã có {waiting} lượt nhận dạng lại đang chờ hoặc đang chạy. Hãy đợi một lượt xong rồi yêu cầu tiếp.");
        var recording = new Recording
        {
            MeetingId = meetingId,
            OriginalFileName = name,
            StoredPath = Path.GetRelativePath(speech.DataFolder, liveAudio.RecordingFolder(meetingId)),
            UploadedAtUtc = clock.GetUtcNow().UtcDateTime,
            UploadedBy = by,
            State = RecordingState.Queued,
            // Known for certain only when the pass starts; until then the first file's start stands in.
            ClockStartMs = RecordingFiles(meetingId)[0].StartMs,
            PassTurnId = turnId,
        };
        db.Recordings.Add(recording);
        await db.SaveChangesAsync(ct);
        if (!_pending.Writer.TryWrite(recording.Id))
        {
            recording.State = RecordingState.Cancelled;
            recording.Error = "Hàng chờ nhận dạng lại đã đầy.";
            await db.SaveChangesAsync(CancellationToken.None);
            throw new SecondPassRefusedException("Hàng chờ nhận dạng lại đã đầy. Hãy đợi một lượt xong rồi yêu cầu tiếp.");
        }
        return Dto(recording, 0);
    }

    /// <summary>The meeting's latest second pass (null when none was asked for) and whether one can run now, and if not, why.</summary>
    public async Task<SecondPassStatus> StatusAsync(int meetingId, CancellationToken ct)
    {
        await meetings.SnapshotAsync(meetingId, staff: false); // an unknown meeting is a 404
        var speechStatus = await speech.StatusAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var recording = await db.Recordings.AsNoTracking().Where(r => r.MeetingId == meetingId && r.ClockStartMs != null)
            .OrderByDescending(r => r.Id).FirstOrDefaultAsync(ct);
        var pass = recording is null ? null : Dto(recording, await db.TranscriptSegments.CountAsync(s => s.RecordingId == recording.Id, ct));
        var model = speechStatus.Ready ? await speech.ResolveSecondPassAsync(ct) : null;
        return new SecondPassStatus(pass, speechStatus.Ready, model?.Model.FileName, model?.Reason, speechStatus.Ready ? null : speechStatus.Message);
    }

    private SecondPassDto Dto(Recording r, int segments)
    {
        var progress = r.State == RecordingState.Running && _progress.TryGetValue(r.Id, out var live) ? Math.Max(live, r.Progress) : r.Progress;
        int? left = null;
        if (r.State == RecordingState.Running && r.StartedAtUtc is { } started && progress >= 1)
        {
            var elapsed = (clock.GetUtcNow().UtcDateTime - started).TotalSeconds;
            left = (int)Math.Ceiling(elapsed * (100 - progress) / progress);
        }
        return new SecondPassDto(r.Id, r.PassTurnId, r.State, RecordingStateLabels.Label(r.State), Math.Round(progress, 1), left, r.ModelName,
            r.Error, segments);
    }

    private List<(string Path, long StartMs)> RecordingFiles(int meetingId) => LiveEndpoints.RecordingFiles(liveAudio, meetingId).ToList();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await RequeueUnfinishedAsync(stoppingToken);
        await foreach (var id in _pending.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await RunAsync(id, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return; // left Running: the next start runs it again from the beginning
            }
            catch (Exception ex)
            {
                LogPassCrashed(logger, ex, id);
                await FinishAsync(id, RecordingState.Failed, "Máy chủ gặp lỗi khi nhận dạng lại. Hãy thử lại.");
            }
            finally
            {
                _progress.TryRemove(id, out _);
            }
        }
    }

    /// <summary>A pass cut short by a restart starts over: its partial text is dropped, so no turn is offered half of it.</summary>
    private async Task RequeueUnfinishedAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var unfinished = await db.Recordings.Where(r => r.ClockStartMs != null && (r.State == RecordingState.Queued || r.State == RecordingState.Running))
            .OrderBy(r => r.Id).ToListAsync(ct);
        foreach (var r in unfinished)
        {
            await db.TranscriptSegments.Where(s => s.RecordingId == r.Id).ExecuteDeleteAsync(ct);
            r.State = RecordingState.Queued;
            r.Progress = 0;
            if (!_pending.Writer.TryWrite(r.Id)) r.State = RecordingState.Cancelled;
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The part of each recorded file that the pass covers, on the meeting clock.</summary>
    private sealed record Piece(string Path, long FileStartMs, long FromMs, long ToMs);

    private async Task RunAsync(int id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var recording = await db.Recordings.FirstOrDefaultAsync(r => r.Id == id, ct);
        if (recording is null || recording.State is not (RecordingState.Queued or RecordingState.Running)) return;
        recording.State = RecordingState.Running;
        recording.StartedAtUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);

        var (windowStart, windowEnd) = (long.MinValue, long.MaxValue);
        if (recording.PassTurnId is { } turnId && (await meetings.TurnsAsync(recording.MeetingId)).FirstOrDefault(t => t.TurnId == turnId) is { } turn)
            (windowStart, windowEnd) = (turn.StartedAtMs, turn.EndedAtMs ?? long.MaxValue);
        var pieces = new List<Piece>();
        foreach (var (path, fileStart) in RecordingFiles(recording.MeetingId))
        {
            var length = (long)(await AudioProbe.DurationAsync(path, ct)).TotalMilliseconds;
            var (from, to) = (Math.Max(fileStart, windowStart), Math.Min(fileStart + length, windowEnd));
            if (to > from) pieces.Add(new Piece(path, fileStart, from, to));
        }
        if (pieces.Count == 0)
        {
            await FinishAsync(id, RecordingState.Failed, "Không có đoạn ghi âm nào trong khoảng thời gian cần nhận dạng lại.");
            return;
        }

        WhisperFactory factory;
        try
        {
            (factory, _) = await speech.AcquireForSecondPassAsync(ct);
        }
        catch (SpeechUnavailableException ex)
        {
            await FinishAsync(id, RecordingState.Failed, ex.Message);
            return;
        }

        var origin = pieces[0].FromMs;
        var total = pieces.Sum(p => p.ToMs - p.FromMs);
        var modelName = Path.GetFileName(factory.Model.Path);
        recording.ClockStartMs = origin;
        recording.DurationMs = total;
        recording.ModelName = modelName;
        await db.SaveChangesAsync(ct);
        LogPassStarted(logger, id, recording.MeetingId, total / 1000.0, modelName);

        var (vad, _) = SharedVoiceDetector.Get();
        // Full 30 s windows with the temperature fallback and the meeting's names: the pass is here to be better than
        // the live draft, not faster.
        var options = speech.Options.ToWhisperOptions() with { InitialPrompt = await PromptAsync(recording.MeetingId) };
        var parameters = SpeechOptions.Describe(options with { TextOnly = true }) + $"; vad={vad.Name}; second_pass";
        var done = 0L;
        using var cancelled = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var watcher = WatchForCancelAsync(id, cancelled);
        try
        {
            await using (var processor = factory.CreateProcessor(options))
            {
                foreach (var piece in pieces)
                {
                    var resume = piece.FromMs - piece.FileStartMs;
                    var pieceLength = piece.ToMs - piece.FromMs;
                    var transcriber = new FileTranscriber(processor, vad, speech.Guard)
                    {
                        Progress = p => _progress[id] = Math.Min(99.9, 100.0 * (done + Math.Clamp((long)p.Decoded.TotalMilliseconds - resume, 0, pieceLength)) / total),
                    };
                    try
                    {
                        await foreach (var passage in transcriber.TranscribeAsync(piece.Path, TimeSpan.FromMilliseconds(resume), cancelled.Token))
                        {
                            var segment = passage.Segment;
                            var startMs = piece.FileStartMs + (long)segment.Start.TotalMilliseconds;
                            if (startMs >= piece.ToMs) break; // past the turn: the rest of the file is someone else's
                            db.TranscriptSegments.Add(new TranscriptSegmentRow
                            {
                                MeetingId = recording.MeetingId,
                                RecordingId = id,
                                StartMs = startMs - origin,
                                EndMs = piece.FileStartMs + (long)segment.End.TotalMilliseconds - origin,
                                Text = segment.Text.Normalize(System.Text.NormalizationForm.FormC),
                                AverageTokenProbability = segment.AverageTokenProbability,
                                NoSpeechProbability = segment.NoSpeechProbability,
                                ModelName = modelName,
                                Parameters = parameters,
                            });
                            recording.Progress = Math.Min(99.9, 100.0 * (done + Math.Clamp(startMs - piece.FromMs, 0, pieceLength)) / total);
                            await db.SaveChangesAsync(CancellationToken.None);
                        }
                    }
                    catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                    {
                        LogPassCancelled(logger, id);
                        return;
                    }
                    catch (AudioDecodeException ex)
                    {
                        await FinishAsync(id, RecordingState.Failed, ex.UserMessage);
                        return;
                    }
                    catch (WhisperException ex)
                    {
                        LogPassFailed(logger, ex, id);
                        await FinishAsync(id, RecordingState.Failed, SpeechService.EngineMessage(ex.Kind));
                        return;
                    }
                    done += pieceLength;
                    recording.Progress = Math.Min(99.9, 100.0 * done / total);
                    await db.SaveChangesAsync(CancellationToken.None);
                }
            }
        }
        finally
        {
            await cancelled.CancelAsync(); // stops the watcher
            await watcher;
        }
        await FinishAsync(id, RecordingState.Done, null);
        LogPassDone(logger, id);
    }

    /// <summary>
    /// The secretary cancels a pass like any recording's job (<c>/api/recordings/{id}/cancel</c>), which only marks the
    /// row; this looks at it every second and cancels the engine (whisper.cpp's abort callback), keeping what was stored.
    /// </summary>
    private async Task WatchForCancelAsync(int id, CancellationTokenSource pass)
    {
        try
        {
            while (!pass.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), clock, pass.Token);
                await using var db = await dbFactory.CreateDbContextAsync(pass.Token);
                if (await db.Recordings.AsNoTracking().AnyAsync(r => r.Id == id && r.State == RecordingState.Cancelled, pass.Token))
                {
                    await pass.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The pass ended (or the server stops).
        }
    }

    private async Task<string> PromptAsync(int meetingId)
    {
        var snapshot = await meetings.SnapshotAsync(meetingId, staff: true);
        var speakers = snapshot.Queue.Concat(snapshot.Finished ?? []).Select(r => (r.Speaker.Name, r.Speaker.Affiliation));
        var responders = (snapshot.Responders ?? []).Select(r => (r.Name, r.Title));
        return InitialPrompt.Build(snapshot.Meeting.Title, snapshot.Agenda, speakers, responders);
    }

    private async Task FinishAsync(int id, RecordingState state, string? error)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var row = await db.Recordings.FirstOrDefaultAsync(r => r.Id == id);
        if (row is null || row.State == RecordingState.Cancelled) return;
        row.State = state;
        row.Error = error;
        if (state == RecordingState.Done) row.Progress = 100;
        row.FinishedAtUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Second pass {Id} of meeting {MeetingId} started: {Seconds:0.0} s of audio with {Model}")]
    private static partial void LogPassStarted(ILogger logger, int id, int meetingId, double seconds, string model);

    [LoggerMessage(Level = LogLevel.Information, Message = "Second pass {Id} cancelled")]
    private static partial void LogPassCancelled(ILogger logger, int id);

    [LoggerMessage(Level = LogLevel.Information, Message = "Second pass {Id} finished")]
    private static partial void LogPassDone(ILogger logger, int id);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Second pass {Id} failed in the engine")]
    private static partial void LogPassFailed(ILogger logger, Exception ex, int id);

    [LoggerMessage(Level = LogLevel.Error, Message = "Second pass {Id} failed unexpectedly")]
    private static partial void LogPassCrashed(ILogger logger, Exception ex, int id);
}
