using System.Collections.Concurrent;
using MeetingAssist.Host.Data;
using MeetingAssist.Host.Meetings;
using MeetingAssist.Host.People;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace MeetingAssist.Host.Queue;

/// <summary>
/// The single way a live meeting changes: a command is checked by the rules, stored durably,
/// then applied in memory and broadcast. Nothing is shown that is not on disk.
/// </summary>
public sealed partial class LiveMeetingService(
    IDbContextFactory<MeetingDbContext> dbFactory,
    IHubContext<MeetingHub, IMeetingClient> hub,
    TimeProvider clock,
    ILogger<LiveMeetingService> logger)
{
    private readonly ConcurrentDictionary<int, Lazy<Task<MeetingSession>>> _sessions = new();

    private sealed class MeetingSession(Meeting meeting, IReadOnlyList<ResponderDto> responders, MeetingTimeline timeline)
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);
        public Meeting Meeting { get; set; } = meeting;
        public IReadOnlyList<ResponderDto> Responders { get; set; } = responders;
        public MeetingTimeline Timeline { get; } = timeline;
    }

    public static string PublicGroup(int meetingId) => $"meeting-{meetingId}-public";

    public static string StaffGroup(int meetingId) => $"meeting-{meetingId}-staff";

    public long NowMs => clock.GetUtcNow().ToUnixTimeMilliseconds();

    public async Task<MeetingSnapshot> SnapshotAsync(int meetingId, bool staff)
    {
        var session = await GetSessionAsync(meetingId);
        await session.Gate.WaitAsync();
        try
        {
            return SnapshotBuilder.Build(session.Meeting, session.Responders, session.Timeline, staff, NowMs);
        }
        finally
        {
            session.Gate.Release();
        }
    }

    /// <summary>Floor turns as recorded, for minutes and transcripts.</summary>
    public async Task<IReadOnlyList<FloorTurnRecord>> TurnsAsync(int meetingId)
    {
        var session = await GetSessionAsync(meetingId);
        return session.Timeline.Turns;
    }

    /// <summary>
    /// The turns of a meeting already loaded in memory, without waiting: the live audio path asks many times a
    /// second and must never block on the database. Empty when the meeting is not loaded yet.
    /// </summary>
    public IReadOnlyList<FloorTurnRecord> LoadedTurns(int meetingId) =>
        _sessions.TryGetValue(meetingId, out var lazy) && lazy.IsValueCreated && lazy.Value.IsCompletedSuccessfully
            ? lazy.Value.Result.Timeline.Turns
            : [];

    /// <summary>Runs one command; returns the new version. Throws <see cref="MeetingRuleException"/> when refused.</summary>
    public async Task<int> ExecuteAsync(int meetingId, MeetingCommand command, string? actor)
    {
        var session = await GetSessionAsync(meetingId);
        await session.Gate.WaitAsync();
        try
        {
            var prepared = session.Timeline.Prepare(command, NowMs, actor);
            await PersistAsync(meetingId, prepared);
            session.Timeline.Commit(prepared);
            LogCommand(meetingId, prepared.Action.Seq, CommandJson.KindOf(command), actor);
            await BroadcastAsync(session);
            return session.Timeline.Version;
        }
        finally
        {
            session.Gate.Release();
        }
    }

    /// <summary>Re-reads a meeting's setup after it was edited and tells every screen.</summary>
    public async Task SetupChangedAsync(int meetingId)
    {
        if (!_sessions.ContainsKey(meetingId)) return;
        var session = await GetSessionAsync(meetingId);
        await session.Gate.WaitAsync();
        try
        {
            var (meeting, responders) = await LoadSetupAsync(meetingId) ?? throw new MeetingRuleException("Không tìm thấy hội nghị.");
            session.Meeting = meeting;
            session.Responders = responders;
            session.Timeline.UpdateSettings(RulesSettings(meeting));
        }
        finally
        {
            session.Gate.Release();
        }
        await ExecuteAsync(meetingId, new SetupChanged(), null);
    }

    /// <summary>Responder lists changed (people edited): refresh every loaded meeting.</summary>
    public async Task PeopleChangedAsync()
    {
        foreach (var id in _sessions.Keys.ToList())
            await SetupChangedAsync(id);
    }

    public void Forget(int meetingId) => _sessions.TryRemove(meetingId, out _);

    private async Task PersistAsync(int meetingId, PreparedAction prepared)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        await using var tx = await db.Database.BeginTransactionAsync();
        var a = prepared.Action;
        db.MeetingActions.Add(new MeetingActionRow
        {
            MeetingId = meetingId,
            Seq = a.Seq,
            Kind = CommandJson.KindOf(a.Command),
            PayloadJson = CommandJson.Serialize(a.Command),
            AtMs = a.AtMs,
            Actor = a.Actor,
            UndoesSeq = a.UndoesSeq,
        });
        foreach (var turn in prepared.ChangedTurns)
        {
            var row = await db.FloorTurns.FindAsync(meetingId, turn.TurnId);
            if (row is null)
            {
                row = new FloorTurnRow { MeetingId = meetingId, TurnId = turn.TurnId, SpeakerName = turn.Speaker.Name };
                db.FloorTurns.Add(row);
            }
            row.Kind = turn.Kind;
            row.PersonId = turn.Speaker.PersonId;
            row.SpeakerName = turn.Speaker.Name;
            row.SpeakerAffiliation = turn.Speaker.Affiliation;
            row.SpeakerRole = turn.Speaker.Role;
            row.SpeakerTitle = turn.Speaker.Title;
            row.RequestId = turn.RequestId;
            row.StartedAtMs = turn.StartedAtMs;
            row.EndedAtMs = turn.EndedAtMs;
            row.AllottedMs = turn.AllottedMs;
            row.ExtendedMs = turn.ExtendedMs;
            row.PausesJson = CommandJson.SerializeValue(turn.Pauses);
            row.Voided = turn.Voided;
            row.CorrectionsJson = CommandJson.SerializeValue(turn.Corrections);
        }
        await db.SaveChangesAsync();
        await tx.CommitAsync();
    }

    private async Task BroadcastAsync(MeetingSession session)
    {
        var now = NowMs;
        var id = session.Meeting.Id;
        try
        {
            await Task.WhenAll(
                hub.Clients.Group(StaffGroup(id)).Snapshot(SnapshotBuilder.Build(session.Meeting, session.Responders, session.Timeline, true, now)),
                hub.Clients.Group(PublicGroup(id)).Snapshot(SnapshotBuilder.Build(session.Meeting, session.Responders, session.Timeline, false, now)));
        }
        catch (Exception ex)
        {
            // The command is already stored; clients catch up from a snapshot when they reconnect.
            LogBroadcastFailed(ex, id);
        }
    }

    private async Task<MeetingSession> GetSessionAsync(int meetingId)
    {
        var lazy = _sessions.GetOrAdd(meetingId, id => new Lazy<Task<MeetingSession>>(() => LoadSessionAsync(id)));
        try
        {
            return await lazy.Value;
        }
        catch
        {
            _sessions.TryRemove(meetingId, out _);
            throw;
        }
    }

    private async Task<MeetingSession> LoadSessionAsync(int meetingId)
    {
        var (meeting, responders) = await LoadSetupAsync(meetingId) ?? throw new MeetingNotFoundException();
        await using var db = await dbFactory.CreateDbContextAsync();
        var rows = await db.MeetingActions.AsNoTracking().Where(a => a.MeetingId == meetingId).OrderBy(a => a.Seq).ToListAsync();
        var log = rows.Select(r => new LoggedAction(r.Seq, CommandJson.Deserialize(r.Kind, r.PayloadJson), r.AtMs, r.Actor, r.UndoesSeq));
        return new MeetingSession(meeting, responders, MeetingTimeline.Load(RulesSettings(meeting), log));
    }

    private async Task<(Meeting, IReadOnlyList<ResponderDto>)?> LoadSetupAsync(int meetingId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var meeting = await db.Meetings.AsNoTracking().Include(m => m.Agenda).FirstOrDefaultAsync(m => m.Id == meetingId);
        if (meeting is null) return null;
        var responders = await db.People.AsNoTracking()
            .Where(p => p.Role == Queue.PersonRole.Responder)
            .OrderBy(p => p.Name)
            .Select(p => new ResponderDto(p.Id, p.Name, p.Title, p.Affiliation))
            .ToListAsync();
        return (meeting, responders);
    }

    private static MeetingRulesSettings RulesSettings(Meeting m) =>
        new(m.StatementSeconds, m.AnswerSeconds, m.FollowUpSeconds, Math.Max(1, m.Agenda.Count));

    [LoggerMessage(Level = LogLevel.Information, Message = "Meeting {MeetingId} action {Seq} {Kind} by {Actor}")]
    private partial void LogCommand(int meetingId, int seq, string kind, string? actor);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Broadcast for meeting {MeetingId} failed")]
    private partial void LogBroadcastFailed(Exception ex, int meetingId);
}

public sealed class MeetingNotFoundException() : MeetingRuleException("Không tìm thấy hội nghị.");
