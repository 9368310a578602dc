using System.Collections.Immutable;

namespace MeetingAssist.Host.Queue;

/// <summary>One entry of a meeting's append-only action log.</summary>
public sealed record LoggedAction(int Seq, MeetingCommand Command, long AtMs, string? Actor, int? UndoesSeq = null);

/// <summary>A pause inside a turn; <see cref="ToMs"/> is null while it lasts.</summary>
public sealed record TurnPause(long FromMs, long? ToMs);

/// <summary>
/// What actually happened on the floor. Never deleted: an undone turn is marked void, an undone
/// ending is recorded as a correction, so the history matches what the hall saw.
/// </summary>
public sealed record FloorTurnRecord(
    int TurnId,
    TurnKind Kind,
    SpeakerRef Speaker,
    int? RequestId,
    long StartedAtMs,
    long? EndedAtMs,
    int AllottedMs,
    int ExtendedMs,
    ImmutableList<TurnPause> Pauses,
    bool Voided,
    ImmutableList<string> Corrections)
{
    public long PausedMs(long nowMs) => Pauses.Sum(p => (p.ToMs ?? nowMs) - p.FromMs);
}

/// <summary>The outcome of a command that passed the rules but is not yet stored.</summary>
public sealed record PreparedAction(LoggedAction Action, MeetingState State, ImmutableList<FloorTurnRecord> Turns, IReadOnlyList<FloorTurnRecord> ChangedTurns);

/// <summary>
/// A meeting's action log with the state it implies. Undo is itself logged: the state becomes the
/// replay of every action not undone, so undo can be repeated and nothing is erased.
/// </summary>
public sealed class MeetingTimeline
{
    private readonly List<LoggedAction> _log = [];
    private readonly HashSet<int> _undone = [];
    private MeetingRulesSettings _settings;

    public MeetingTimeline(MeetingRulesSettings settings) => _settings = settings;

    public MeetingState State { get; private set; } = MeetingState.Initial;

    public ImmutableList<FloorTurnRecord> Turns { get; private set; } = [];

    /// <summary>Grows by one with every stored action, so clients can order what they receive.</summary>
    public int Version => _log.Count;

    public MeetingRulesSettings Settings => _settings;

    public IReadOnlyList<LoggedAction> Log => _log;

    public void UpdateSettings(MeetingRulesSettings settings) => _settings = settings;

    /// <summary>The action the next undo would revert, if any.</summary>
    public LoggedAction? UndoCandidate
    {
        get
        {
            for (var i = _log.Count - 1; i >= 0; i--)
            {
                var a = _log[i];
                if (a.Command.Undoable && !_undone.Contains(a.Seq)) return a;
            }
            return null;
        }
    }

    /// <summary>Checks a command against the rules and computes its effect without changing anything.</summary>
    public PreparedAction Prepare(MeetingCommand command, long nowMs, string? actor)
    {
        var seq = _log.Count + 1;
        if (command is Undo)
        {
            var target = UndoCandidate ?? throw new MeetingRuleException("Không còn thao tác nào để hoàn tác.");
            var undone = new HashSet<int>(_undone) { target.Seq };
            var replayed = Replay(_log, undone, _settings);
            var action = new LoggedAction(seq, command, nowMs, actor, target.Seq);
            var (turns, changed) = TrackTurns(Turns, State.Floor, replayed.Floor, nowMs, voidedTurnId: target.Seq, isUndo: true);
            return new PreparedAction(action, replayed, turns, changed);
        }
        else
        {
            var next = FloorRules.Apply(State, command, nowMs, seq, _settings);
            var action = new LoggedAction(seq, command, nowMs, actor);
            var (turns, changed) = TrackTurns(Turns, State.Floor, next.Floor, nowMs, voidedTurnId: null, isUndo: false);
            return new PreparedAction(action, next, turns, changed);
        }
    }

    /// <summary>Makes a prepared action part of the timeline, once it is durably stored.</summary>
    public void Commit(PreparedAction prepared)
    {
        if (prepared.Action.Seq != _log.Count + 1)
            throw new InvalidOperationException("Prepared action is stale: another action was committed first.");
        _log.Add(prepared.Action);
        if (prepared.Action.UndoesSeq is { } undone) _undone.Add(undone);
        State = prepared.State;
        Turns = prepared.Turns;
    }

    /// <summary>Rebuilds state and turn history from a stored log, exactly as they were when each action happened.</summary>
    public static MeetingTimeline Load(MeetingRulesSettings settings, IEnumerable<LoggedAction> log)
    {
        var timeline = new MeetingTimeline(settings);
        foreach (var action in log.OrderBy(a => a.Seq))
        {
            PreparedAction prepared;
            try
            {
                prepared = timeline.Prepare(action.Command, action.AtMs, action.Actor);
            }
            catch (MeetingRuleException)
            {
                // Settings may have changed since (fewer agenda items): keep the entry, leave state as it was.
                prepared = new PreparedAction(action, timeline.State, timeline.Turns, []);
            }
            timeline.Commit(prepared with { Action = action });
        }
        return timeline;
    }

    private static MeetingState Replay(IEnumerable<LoggedAction> log, HashSet<int> undone, MeetingRulesSettings settings)
    {
        var state = MeetingState.Initial;
        foreach (var a in log)
        {
            if (a.Command is Undo || undone.Contains(a.Seq)) continue;
            try
            {
                state = FloorRules.Apply(state, a.Command, a.AtMs, a.Seq, settings);
            }
            catch (MeetingRuleException)
            {
                // An action that depended on an undone one no longer applies; it stays in the log.
            }
        }
        return state;
    }

    private static (ImmutableList<FloorTurnRecord> All, IReadOnlyList<FloorTurnRecord> Changed) TrackTurns(
        ImmutableList<FloorTurnRecord> turns, Floor? before, Floor? after, long now, int? voidedTurnId, bool isUndo)
    {
        var changed = new List<FloorTurnRecord>();
        void Put(FloorTurnRecord record)
        {
            var index = turns.FindIndex(t => t.TurnId == record.TurnId);
            turns = index < 0 ? turns.Add(record) : turns.SetItem(index, record);
            changed.RemoveAll(c => c.TurnId == record.TurnId);
            changed.Add(record);
        }
        FloorTurnRecord? Find(int id) => turns.Find(t => t.TurnId == id);

        if (before is not null && before.TurnId != after?.TurnId && Find(before.TurnId) is { } closing)
        {
            var voided = isUndo && before.TurnId == voidedTurnId;
            var correction = voided ? $"Lượt này bị hủy bằng thao tác hoàn tác lúc {Clock(now)}." : null;
            Put(ClosePause(closing, now) with
            {
                EndedAtMs = now,
                Voided = voided,
                Corrections = correction is null ? closing.Corrections : closing.Corrections.Add(correction),
            });
        }

        if (after is not null)
        {
            var existing = Find(after.TurnId);
            if (existing is null)
            {
                Put(new FloorTurnRecord(after.TurnId, after.Kind, after.Speaker, after.RequestId, after.StartedAtMs,
                    null, after.AllottedMs, after.ExtendedMs, [], false, []));
            }
            else
            {
                var record = existing;
                if (existing.EndedAtMs is { } endedAt)
                {
                    // Undo of "end turn": the same turn goes on; the ending stays visible as a correction.
                    record = record with
                    {
                        EndedAtMs = null,
                        Corrections = record.Corrections.Add($"Kết thúc lúc {Clock(endedAt)} đã được hoàn tác lúc {Clock(now)}."),
                    };
                }
                if (after.IsPaused && !HasOpenPause(record))
                    record = record with { Pauses = record.Pauses.Add(new TurnPause(now, null)) };
                else if (!after.IsPaused && HasOpenPause(record))
                    record = ClosePause(record, now);
                if (record.ExtendedMs != after.ExtendedMs)
                    record = record with { ExtendedMs = after.ExtendedMs };
                if (record != existing) Put(record);
            }
        }
        return (turns, changed);
    }

    private static bool HasOpenPause(FloorTurnRecord r) => r.Pauses.Count > 0 && r.Pauses[^1].ToMs is null;

    private static FloorTurnRecord ClosePause(FloorTurnRecord r, long now) =>
        HasOpenPause(r) ? r with { Pauses = r.Pauses.SetItem(r.Pauses.Count - 1, r.Pauses[^1] with { ToMs = now }) } : r;

    private static string Clock(long ms) =>
        DateTimeOffset.FromUnixTimeMilliseconds(ms).ToOffset(TimeSpan.FromHours(7)).ToString("HH:mm:ss.fff");
}
