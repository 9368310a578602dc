using System.Collections.Immutable;

namespace MeetingAssist.Host.Queue;

/// <summary>One entry of a meeting's append-only action log.</summary>
/// <param name="Actor">The account that acted (null for the system and the phone page).</param>
/// <param name="ActorRole">That account's role at the time, so the undo list can say "bàn đăng ký" or "chủ trì".</param>
/// <param name="CommandKey">The client's key for this command: a retry after a cut is answered with this action instead of a second one.</param>
public sealed record LoggedAction(int Seq, MeetingCommand Command, long AtMs, string? Actor, int? UndoesSeq = null,
    string? ActorRole = null, string? CommandKey = null);

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
    ImmutableList<TurnCorrection> Corrections,
    IReadOnlyList<int>? About = null)
{
    /// <summary>The statements this turn belongs to (an answer may cover several).</summary>
    public IReadOnlyList<int> AboutRequests => About ?? (RequestId is { } id ? [id] : []);

    public long PausedMs(long nowMs) => Pauses.Sum(p => (p.ToMs ?? nowMs) - p.FromMs);
}

public enum TurnCorrectionKind { Voided, EndingUndone }

/// <summary>
/// A correction to a turn, kept as a fact (what, when on the server clock) so that every view words it in its own
/// language and time zone: <see cref="TurnCorrectionText"/>.
/// </summary>
/// <param name="UndoneEndMs">For an undone ending: when the turn had been ended.</param>
public sealed record TurnCorrection(TurnCorrectionKind Kind, long AtMs, long? UndoneEndMs = null);

/// <summary>The outcome of a command that passed the rules but is not yet stored.</summary>
/// <param name="NoLongerApplying">Earlier-logged actions that an undo leaves without effect (only when a stored log is replayed).</param>
public sealed record PreparedAction(LoggedAction Action, MeetingState State, ImmutableList<FloorTurnRecord> Turns,
    IReadOnlyList<FloorTurnRecord> ChangedTurns, IReadOnlyList<int>? NoLongerApplying = null);

/// <summary>
/// A meeting's action log with the state it implies. Undo is itself logged: the state becomes the
/// replay of every action not undone, so undo can be repeated and nothing is erased. Each person undoes
/// their own latest action; an undo that would take away the ground of someone else's later action is refused.
/// Replays start from the nearest checkpoint before the undone action, not from the first action.
/// </summary>
public sealed class MeetingTimeline
{
    /// <summary>How often the state is kept for later replays; 64 actions keep an undo's replay short and the memory small (states share structure).</summary>
    public const int DefaultCheckpointEvery = 64;

    private readonly int _checkpointEvery;

    private readonly List<LoggedAction> _log = [];
    private readonly HashSet<int> _undone = [];
    // Actions in the log that no longer change anything (an undo of a stored log took their ground away).
    private readonly HashSet<int> _noLongerApplying = [];
    // State after every action up to the key (the sequence number), given the undos made so far.
    private readonly SortedList<int, MeetingState> _checkpoints = [];
    private readonly Dictionary<string, int> _commandKeys = new(StringComparer.Ordinal);
    private MeetingRulesSettings _settings;

    /// <param name="checkpointEvery">int.MaxValue replays every undo from the first action (the benchmark's baseline).</param>
    public MeetingTimeline(MeetingRulesSettings settings, int checkpointEvery = DefaultCheckpointEvery)
    {
        _settings = settings;
        _checkpointEvery = checkpointEvery;
    }

    public MeetingState State { get; private set; } = MeetingState.Initial;

    public ImmutableList<FloorTurnRecord> Turns { get; private set; } = [];

    /// <summary>Grows by one with every stored action, so clients can order what they receive.</summary>
    public int Version => _log.Count;

    public MeetingRulesSettings Settings => _settings;

    public IReadOnlyList<LoggedAction> Log => _log;

    public void UpdateSettings(MeetingRulesSettings settings) => _settings = settings;

    /// <summary>The action stored for a client's command key, if that command was already applied.</summary>
    public LoggedAction? ActionForKey(string commandKey) =>
        _commandKeys.TryGetValue(commandKey, out var seq) ? _log[seq - 1] : null;

    /// <summary>The latest action of this actor that an undo would revert, if any.</summary>
    public LoggedAction? LatestUndoableOf(string? actor)
    {
        for (var i = _log.Count - 1; i >= 0; i--)
        {
            var a = _log[i];
            if (a.Actor == actor && IsUndoable(a)) return a;
        }
        return null;
    }

    /// <summary>For each person who acted, their latest undoable action; newest first.</summary>
    public IReadOnlyList<LoggedAction> UndoOptions()
    {
        var actors = new HashSet<string?>();
        var options = new List<LoggedAction>();
        for (var i = _log.Count - 1; i >= 0; i--)
            if (IsUndoable(_log[i]) && actors.Add(_log[i].Actor)) options.Add(_log[i]);
        return options;
    }

    private bool IsUndoable(LoggedAction a) => a.Command.Undoable && !_undone.Contains(a.Seq) && !_noLongerApplying.Contains(a.Seq);

    /// <summary>Checks a command against the rules and computes its effect without changing anything.</summary>
    public PreparedAction Prepare(MeetingCommand command, long nowMs, string? actor, string? actorRole = null, string? commandKey = null)
    {
        var seq = _log.Count + 1;
        if (command is Undo undo)
        {
            var target = UndoTarget(undo, actor);
            return PrepareUndo(new LoggedAction(seq, command, nowMs, actor, target.Seq, actorRole, commandKey), enforceDependencies: true);
        }
        var resolved = Resolve(command, State);
        var next = FloorRules.Apply(State, resolved, nowMs, seq, _settings);
        var (turns, changed) = TrackTurns(Turns, State.Floor, next.Floor, nowMs, voidedTurnId: null, isUndo: false);
        return new PreparedAction(new LoggedAction(seq, resolved, nowMs, actor, null, actorRole, commandKey), next, turns, changed);
    }

    /// <summary>Makes a prepared action part of the timeline, once it is durably stored.</summary>
    public void Commit(PreparedAction prepared)
    {
        var action = prepared.Action;
        if (action.Seq != _log.Count + 1)
            throw new InvalidOperationException("Prepared action is stale: another action was committed first.");
        _log.Add(action);
        if (action.UndoesSeq is { } undone)
        {
            _undone.Add(undone);
            // Every checkpoint from the undone action on included its effect.
            while (_checkpoints.Count > 0 && _checkpoints.Keys[^1] >= undone) _checkpoints.RemoveAt(_checkpoints.Count - 1);
        }
        foreach (var seq in prepared.NoLongerApplying ?? []) _noLongerApplying.Add(seq);
        if (action.CommandKey is { } key) _commandKeys[key] = action.Seq;
        State = prepared.State;
        Turns = prepared.Turns;
        if (action.Seq % _checkpointEvery == 0) _checkpoints[action.Seq] = State;
    }

    /// <summary>Rebuilds state and turn history from a stored log, exactly as they were when each action happened.</summary>
    public static MeetingTimeline Load(MeetingRulesSettings settings, IEnumerable<LoggedAction> log, int checkpointEvery = DefaultCheckpointEvery)
    {
        var timeline = new MeetingTimeline(settings, checkpointEvery);
        foreach (var action in log.OrderBy(a => a.Seq))
        {
            PreparedAction prepared;
            try
            {
                prepared = action.UndoesSeq is not null
                    ? timeline.PrepareUndo(action, enforceDependencies: false)
                    : timeline.Prepare(action.Command, action.AtMs, action.Actor, action.ActorRole, action.CommandKey);
            }
            catch (MeetingRuleException)
            {
                // Settings may have changed since (fewer agenda items): keep the entry, leave state as it was.
                prepared = new PreparedAction(action, timeline.State, timeline.Turns, [], action.UndoesSeq is null ? [action.Seq] : null);
            }
            timeline.Commit(prepared with { Action = action });
        }
        return timeline;
    }

    private LoggedAction UndoTarget(Undo undo, string? actor)
    {
        if (undo.TargetSeq is not { } seq)
            return LatestUndoableOf(actor) ?? throw new MeetingRuleException("Không còn thao tác nào của bạn để hoàn tác.");
        if (seq < 1 || seq > _log.Count) throw new MeetingRuleException("Không tìm thấy thao tác cần hoàn tác.");
        var target = _log[seq - 1];
        if (!IsUndoable(target))
            throw new MeetingRuleException("Thao tác này không hoàn tác được hoặc đã được hoàn tác.");
        if (LatestUndoableOf(target.Actor)?.Seq != seq)
            throw new MeetingRuleException("Người đó đã làm thao tác khác sau thao tác này; chỉ hoàn tác được thao tác mới nhất của mỗi người.");
        return target;
    }

    /// <summary>
    /// Commands whose target depends on the moment ("the next in the queue", "the statements so far") are stored with
    /// the target they had, so replaying the log after an undo never gives the floor to someone else.
    /// </summary>
    private static MeetingCommand Resolve(MeetingCommand command, MeetingState s) => command switch
    {
        GiveFloor { RequestId: null } when !s.Queue.IsEmpty => new GiveFloor(s.Queue[0]),
        CallResponder { About: null or { Count: 0 } } c when !s.SinceLastAnswer.IsEmpty => c with { About = s.SinceLastAnswer },
        GiveFollowUp { RequestId: null } when s.LastAnswerAbout.Count == 1 => new GiveFollowUp(s.LastAnswerAbout[0]),
        _ => command,
    };

    private PreparedAction PrepareUndo(LoggedAction action, bool enforceDependencies)
    {
        var targetSeq = action.UndoesSeq!.Value;
        var checkpoint = LastCheckpointBefore(targetSeq);
        var state = checkpoint.State;
        var noLongerApplying = new List<int>();
        for (var i = checkpoint.Seq; i < _log.Count; i++)
        {
            var a = _log[i];
            if (a.Command is Undo || a.Seq == targetSeq || _undone.Contains(a.Seq)) continue;
            try
            {
                state = FloorRules.Apply(state, a.Command, a.AtMs, a.Seq, _settings);
            }
            catch (MeetingRuleException)
            {
                if (_noLongerApplying.Contains(a.Seq)) continue;
                if (enforceDependencies)
                    throw new MeetingRuleException(
                        $"Không hoàn tác được: thao tác sau đó «{ActionLabels.Describe(a, State, Turns)}»{ActionLabels.By(a)} dựa vào thao tác này. Hãy hoàn tác thao tác đó trước.");
                noLongerApplying.Add(a.Seq);
            }
        }
        var (turns, changed) = TrackTurns(Turns, State.Floor, state.Floor, action.AtMs, voidedTurnId: targetSeq, isUndo: true);
        return new PreparedAction(action, state, turns, changed, noLongerApplying);
    }

    private (int Seq, MeetingState State) LastCheckpointBefore(int seq)
    {
        for (var i = _checkpoints.Count - 1; i >= 0; i--)
            if (_checkpoints.Keys[i] < seq) return (_checkpoints.Keys[i], _checkpoints.Values[i]);
        return (0, MeetingState.Initial);
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
            var correction = voided ? new TurnCorrection(TurnCorrectionKind.Voided, now) : null;
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
                    null, after.AllottedMs, after.ExtendedMs, [], false, [], after.About));
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
                        Corrections = record.Corrections.Add(new TurnCorrection(TurnCorrectionKind.EndingUndone, now, endedAt)),
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
}
