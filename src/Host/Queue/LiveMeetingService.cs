// Longer than 300 lines on purpose: the command path (check, store, apply, publish) and the hall's on-screen
// meeting share one lock per meeting and one session cache, which must not be reachable from two classes. What can
// stand alone already does: the rules (FloorRules), the log and checkpoints (MeetingTimeline), the push
// (BoundedHubLifetimeManager).
using System.Collections.Concurrent;
using MeetingAssist.Host.Common;
using MeetingAssist.Host.Data;
using MeetingAssist.Host.Meetings;
using MeetingAssist.Host.People;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MeetingAssist.Host.Queue;

/// <summary>Who issues a command: the account name and its role, as the action log records them.</summary>
public sealed record Actor(string? Name, string? Role)
{
    public static readonly Actor System = new(null, null);
}

/// <summary>
/// The single way a live meeting changes: a command is checked by the rules, stored durably (with any person
/// it creates, in the same transaction), then applied in memory and published. Nothing is shown that is not on
/// disk. Publishing never happens under the meeting's lock and never waits for a client: screens read the latest
/// published snapshot, and pushes go through per-connection bounded queues (<see cref="BoundedHubLifetimeManager{THub}"/>).
/// </summary>
public sealed partial class LiveMeetingService(
    IDbContextFactory<MeetingDbContext> dbFactory,
    IHubContext<MeetingHub, IMeetingClient> hub,
    IOptions<JsonHubProtocolOptions> hubJson,
    HallClock hallClock,
    TimeProvider clock,
    IPetitionReferences petitionReferences,
    ILogger<LiveMeetingService> logger) : IPeopleChanges
{
    public const string OnScreenSettingKey = "Hall.OnScreenMeeting";
    public const string HallGroup = "hall";

    private readonly ConcurrentDictionary<int, Lazy<Task<MeetingSession>>> _sessions = new();
    private int? _onScreen;
    private bool _onScreenLoaded;

    private sealed class MeetingSession(MeetingSetupView setup, MeetingTimeline timeline, SnapshotPush push)
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);
        public SnapshotPush Push { get; } = push;
        /// <summary>Publishes so far (under <see cref="Gate"/>); see <see cref="MeetingSnapshot.Revision"/>.</summary>
        public int Revisions { get; set; }
        public MeetingSetupView Setup { get; set; } = setup;
        public MeetingTimeline Timeline { get; } = timeline;
        /// <summary>The latest snapshots, rebuilt after each change; readers never take the gate.</summary>
        public volatile Published? Latest;
    }

    private sealed record Published(MeetingSnapshot Staff, MeetingSnapshot Public);

    public static string PublicGroup(int meetingId) => $"meeting-{meetingId}-public";

    public static string StaffGroup(int meetingId) => $"meeting-{meetingId}-staff";

    /// <summary>Every staff screen of a meeting, whether it takes whole snapshots or only changes.</summary>
    public static IReadOnlyList<string> StaffScreens(int meetingId) => [StaffGroup(meetingId), SnapshotPush.StaffChangesGroup(meetingId)];

    /// <summary>Every public screen (projectors, phones) of a meeting, whether it takes whole snapshots or only changes.</summary>
    public static IReadOnlyList<string> PublicScreens(int meetingId) => [PublicGroup(meetingId), SnapshotPush.PublicChangesGroup(meetingId)];

    public long NowMs => clock.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>The latest snapshot, without waiting for a command in progress.</summary>
    public async Task<MeetingSnapshot> SnapshotAsync(int meetingId, bool staff)
    {
        var session = await GetSessionAsync(meetingId);
        var latest = session.Latest ?? await PublishUnderGateAsync(session);
        return (staff ? latest.Staff : latest.Public) with { ServerNowMs = NowMs };
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

    /// <summary>
    /// Runs one command; returns the new version. Throws <see cref="MeetingRuleException"/> when refused.
    /// A command whose key was already stored is not applied again: the retry gets the version it had.
    /// </summary>
    public async Task<int> ExecuteAsync(int meetingId, MeetingCommand command, Actor? actor = null, string? commandKey = null)
    {
        actor ??= Actor.System;
        commandKey = CleanKey(commandKey);
        var session = await GetSessionAsync(meetingId);
        Published published;
        int version;
        await session.Gate.WaitAsync();
        try
        {
            if (commandKey is not null && session.Timeline.ActionForKey(commandKey) is { } done)
                return done.Seq;
            await using var db = await dbFactory.CreateDbContextAsync();
            await using var tx = await db.Database.BeginTransactionAsync();
            command = await ResolvePeopleAsync(db, session, command);
            if (command is RegisterSpeaker { Petition: { } petition } registration)
                command = registration with { Petition = await petitionReferences.ResolveAsync(db, meetingId, petition.Id) };
            var prepared = session.Timeline.Prepare(command, NowMs, actor.Name, actor.Role, commandKey);
            await PersistAsync(db, meetingId, prepared);
            await tx.CommitAsync();
            session.Timeline.Commit(prepared);
            LogCommand(meetingId, prepared.Action.Seq, CommandJson.KindOf(prepared.Action.Command), actor.Name);
            published = Publish(session);
            version = session.Timeline.Version;
        }
        finally
        {
            session.Gate.Release();
        }
        await BroadcastAsync(session, published);
        return version;
    }

    /// <summary>Re-reads a meeting's setup after it was edited and tells every screen.</summary>
    public async Task SetupChangedAsync(int meetingId)
    {
        if (!_sessions.ContainsKey(meetingId)) return;
        var session = await GetSessionAsync(meetingId);
        await session.Gate.WaitAsync();
        try
        {
            var setup = await LoadSetupAsync(meetingId) ?? throw new MeetingNotFoundException();
            session.Setup = setup;
            session.Timeline.UpdateSettings(RulesSettings(setup));
        }
        finally
        {
            session.Gate.Release();
        }
        await ExecuteAsync(meetingId, new SetupChanged());
    }

    /// <summary>People were edited (names, titles of responders): refresh every loaded meeting.</summary>
    public async Task PeopleChangedAsync()
    {
        foreach (var id in _sessions.Keys.ToList())
            await SetupChangedAsync(id);
    }

    // ---- The hall's on-screen meeting ---------------------------------------------------------------

    /// <summary>The meeting chosen for the hall's screens, if one was chosen and still exists.</summary>
    public async Task<int?> OnScreenAsync()
    {
        if (_onScreenLoaded) return _onScreen;
        await using var db = await dbFactory.CreateDbContextAsync();
        var value = await db.Settings.AsNoTracking().Where(s => s.Key == OnScreenSettingKey).Select(s => s.Value).FirstOrDefaultAsync();
        _onScreen = int.TryParse(value, out var id) ? id : null;
        _onScreenLoaded = true;
        return _onScreen;
    }

    /// <summary>
    /// The meeting screens open when the address names none: the one put on screen, else the one in progress,
    /// else the next one, else the latest. Null when there is no meeting at all.
    /// </summary>
    public async Task<int?> CurrentMeetingIdAsync()
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        if (await OnScreenAsync() is { } chosen && await db.Meetings.AnyAsync(m => m.Id == chosen && !m.Archived)) return chosen;
        var started = await db.MeetingActions.AsNoTracking().Where(a => a.Kind == nameof(StartMeeting))
            .Select(a => a.MeetingId).Distinct().ToListAsync();
        foreach (var id in started.OrderDescending())
            if (await db.Meetings.AnyAsync(m => m.Id == id && !m.Archived) && (await SnapshotAsync(id, staff: false)).Status == nameof(MeetingStatus.InProgress))
                return id;
        var today = hallClock.HallMidnightUtc(clock.GetUtcNow().UtcDateTime);
        var upcoming = await db.Meetings.AsNoTracking().Where(m => !m.Archived && m.ScheduledStart >= today)
            .OrderBy(m => m.ScheduledStart).Select(m => m.Id).FirstOrDefaultAsync();
        if (upcoming != 0) return upcoming;
        var latest = await db.Meetings.AsNoTracking().Where(m => !m.Archived).OrderByDescending(m => m.ScheduledStart).Select(m => m.Id).FirstOrDefaultAsync();
        return latest != 0 ? latest : null;
    }

    /// <summary>Puts a meeting on the hall's screens: every screen that follows the hall switches to it at once.</summary>
    public async Task PutOnScreenAsync(int meetingId)
    {
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            var meeting = await db.Meetings.AsNoTracking().FirstOrDefaultAsync(m => m.Id == meetingId) ?? throw new MeetingNotFoundException();
            if (meeting.Archived) throw new MeetingRuleException("Hội nghị này đã được lưu trữ; hãy bỏ lưu trữ trước khi đưa lên màn hình.");
            var row = await db.Settings.FindAsync(OnScreenSettingKey);
            if (row is null) db.Settings.Add(new AppSetting { Key = OnScreenSettingKey, Value = meetingId.ToString() });
            else row.Value = meetingId.ToString();
            await db.SaveChangesAsync();
        }
        var previous = await OnScreenAsync();
        _onScreen = meetingId;
        foreach (var id in new[] { previous, meetingId }.OfType<int>().Distinct())
            if (_sessions.ContainsKey(id)) await RepublishAsync(id);
        await hub.Clients.Group(HallGroup).OnScreen(meetingId);
    }

    /// <summary>Forgets the on-screen choice when that meeting is archived or deleted.</summary>
    public async Task ClearOnScreenIfAsync(int meetingId)
    {
        if (await OnScreenAsync() != meetingId) return;
        await using var db = await dbFactory.CreateDbContextAsync();
        await db.Settings.Where(s => s.Key == OnScreenSettingKey).ExecuteDeleteAsync();
        _onScreen = null;
        if (await CurrentMeetingIdAsync() is { } next) await hub.Clients.Group(HallGroup).OnScreen(next);
    }

    /// <summary>Drops a deleted meeting from memory.</summary>
    public void Unload(int meetingId) => _sessions.TryRemove(meetingId, out _);

    // ---- Internals ----------------------------------------------------------------------------------

    private static string? CleanKey(string? key) =>
        key is null ? null
        : key.Length is > 0 and <= 64 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') ? key
        : throw new MeetingRuleException("Mã thao tác không hợp lệ. Hãy tải lại trang rồi thử lại.");

    /// <summary>
    /// Links a command to the person it names: a registration by name finds the person with exactly that name and
    /// hamlet (tone marks included) or creates one; a responder must be one of this meeting's. Runs inside the
    /// command's transaction, so a refused command leaves no person behind.
    /// </summary>
    private static async Task<MeetingCommand> ResolvePeopleAsync(MeetingDbContext db, MeetingSession session, MeetingCommand command)
    {
        switch (command)
        {
            case RegisterSpeaker { Speaker.PersonId: { } personId } c:
            {
                var person = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == personId && !p.Archived)
                    ?? throw new MeetingRuleException("Không tìm thấy người này trong danh sách.");
                return c with { Speaker = person.ToSpeaker() };
            }
            case RegisterSpeaker c when UserText.Line(c.Speaker.Name) is not null && UserText.Line(c.Topic) is not null:
            {
                var person = await PersonDirectory.FindOrAddCitizenAsync(db, c.Speaker.Name, c.Speaker.Affiliation);
                return c with { Speaker = person.ToSpeaker() };
            }
            case ApproveRequest { PersonId: null } c when session.Timeline.State.FindRequest(c.RequestId) is { Status: RequestStatus.PendingApproval } request:
            {
                var person = await PersonDirectory.FindOrAddCitizenAsync(db, request.Speaker.Name, request.Speaker.Affiliation);
                return c with { PersonId = person.Id };
            }
            case CallResponder c:
            {
                var responder = session.Setup.Responders.FirstOrDefault(r => r.PersonId == c.Responder.PersonId)
                    ?? throw new MeetingRuleException("Người này không có trong danh sách trả lời của hội nghị. Hãy thêm trong trang Thiết lập.");
                var person = await db.People.AsNoTracking().FirstAsync(p => p.Id == responder.PersonId);
                return c with { Responder = person.ToSpeaker() };
            }
            default:
                return command;
        }
    }

    private static async Task PersistAsync(MeetingDbContext db, int meetingId, PreparedAction prepared)
    {
        var a = prepared.Action;
        db.MeetingActions.Add(new MeetingActionRow
        {
            MeetingId = meetingId,
            Seq = a.Seq,
            Kind = CommandJson.KindOf(a.Command),
            PayloadJson = CommandJson.Serialize(a.Command),
            AtMs = a.AtMs,
            Actor = a.Actor,
            ActorRole = a.ActorRole,
            UndoesSeq = a.UndoesSeq,
            CommandKey = a.CommandKey,
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
            row.AboutJson = CommandJson.SerializeValue(turn.AboutRequests);
            row.StartedAtMs = turn.StartedAtMs;
            row.EndedAtMs = turn.EndedAtMs;
            row.AllottedMs = turn.AllottedMs;
            row.ExtendedMs = turn.ExtendedMs;
            row.PausesJson = CommandJson.SerializeValue(turn.Pauses);
            row.Voided = turn.Voided;
            row.CorrectionsJson = CommandJson.SerializeValue(turn.Corrections);
        }
        await db.SaveChangesAsync();
    }

    /// <summary>Builds both views once per change; every join and push reuses them.</summary>
    private Published Publish(MeetingSession session)
    {
        var now = NowMs;
        var onScreen = _onScreen == session.Setup.MeetingId;
        var revision = ++session.Revisions;
        var published = new Published(
            SnapshotBuilder.Build(session.Setup, session.Timeline, staff: true, now, onScreen) with { Revision = revision },
            SnapshotBuilder.Build(session.Setup, session.Timeline, staff: false, now, onScreen) with { Revision = revision });
        session.Latest = published;
        return published;
    }

    private async Task<Published> PublishUnderGateAsync(MeetingSession session)
    {
        await session.Gate.WaitAsync();
        try
        {
            return Publish(session);
        }
        finally
        {
            session.Gate.Release();
        }
    }

    private async Task RepublishAsync(int meetingId)
    {
        var session = await GetSessionAsync(meetingId);
        await BroadcastAsync(session, await PublishUnderGateAsync(session));
    }

    /// <summary>
    /// Queues the snapshots for every screen. The hub's lifetime manager hands each connection its own bounded
    /// queue, so this returns without waiting for any client; one that falls behind is dropped and resyncs on join.
    /// </summary>
    private async Task BroadcastAsync(MeetingSession session, Published published)
    {
        try
        {
            await session.Push.SendAsync(hub.Clients, published.Staff, published.Public);
        }
        catch (Exception ex)
        {
            // The command is already stored; clients catch up from a snapshot when they reconnect.
            LogBroadcastFailed(ex, session.Setup.MeetingId);
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
        var setup = await LoadSetupAsync(meetingId) ?? throw new MeetingNotFoundException();
        await OnScreenAsync();
        await using var db = await dbFactory.CreateDbContextAsync();
        var rows = await db.MeetingActions.AsNoTracking().Where(a => a.MeetingId == meetingId).OrderBy(a => a.Seq).ToListAsync();
        var log = rows.Select(r => new LoggedAction(r.Seq, CommandJson.Deserialize(r.Kind, r.PayloadJson), r.AtMs, r.Actor, r.UndoesSeq, r.ActorRole, r.CommandKey));
        var session = new MeetingSession(setup, MeetingTimeline.Load(RulesSettings(setup), log), new SnapshotPush(setup.MeetingId, hubJson.Value.PayloadSerializerOptions));
        Publish(session);
        return session;
    }

    private async Task<MeetingSetupView?> LoadSetupAsync(int meetingId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var m = await db.Meetings.AsNoTracking().Include(m => m.Agenda).Include(m => m.Responders).FirstOrDefaultAsync(m => m.Id == meetingId);
        if (m is null) return null;
        var responderIds = m.Responders.Select(r => r.PersonId).ToList();
        var responders = await db.People.AsNoTracking()
            .Where(p => responderIds.Contains(p.Id))
            .OrderBy(p => p.Name)
            .Select(p => new ResponderDto(p.Id, p.Name, p.Title, p.Affiliation))
            .ToListAsync();
        var info = new MeetingInfoDto(m.Title, MeetingKindLabels.Label(m.Kind), m.OrganisingBody, m.ChairName,
            m.ChairTitle, m.SecretaryName, m.Place, hallClock.Long(m.ScheduledStart),
            m.AudienceGroup, m.RulesText, m.StatementSeconds, m.AnswerSeconds, m.FollowUpSeconds, m.NextSpeakersShown);
        var agenda = m.Agenda.OrderBy(a => a.Order).Select(a => a.Title).ToList();
        return new MeetingSetupView(m.Id, info, agenda, responders);
    }

    private static MeetingRulesSettings RulesSettings(MeetingSetupView setup) =>
        new(setup.Info.StatementSeconds, setup.Info.AnswerSeconds, setup.Info.FollowUpSeconds, Math.Max(1, setup.Agenda.Count));

    [LoggerMessage(Level = LogLevel.Information, Message = "Meeting {MeetingId} action {Seq} {Kind} by {Actor}")]
    private partial void LogCommand(int meetingId, int seq, string kind, string? actor);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Broadcast for meeting {MeetingId} failed")]
    private partial void LogBroadcastFailed(Exception ex, int meetingId);
}

public sealed class MeetingNotFoundException() : MeetingRuleException("Không tìm thấy hội nghị.");
