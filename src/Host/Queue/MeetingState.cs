using MeetingAssist.Host.People;
using System.Collections.Immutable;

namespace MeetingAssist.Host.Queue;

public enum MeetingStatus { Preparing, InProgress, Ended }

public enum RequestStatus { PendingApproval, Waiting, Speaking, Spoken, Withdrawn, Skipped, Rejected }

public enum RequestSource { Desk, Phone }

public enum TurnKind { Statement, Answer, FollowUp, Chair }


/// <summary>Who holds or asks for the floor, copied at the moment of the action so history never changes when a person is edited later.</summary>
public sealed record SpeakerRef(int? PersonId, string Name, string Affiliation, PersonRole Role, string? Title = null);

/// <summary>
/// A petition of the registry that a registration refers to, copied when the desk registers it (like
/// <see cref="SpeakerRef"/>), so the queue shows it without reading the registry and a replay never changes it.
/// </summary>
public sealed record PetitionRef(int Id, string Petitioner, string Content);

public sealed record SpeakerRequest(
    int Id,
    SpeakerRef Speaker,
    string Topic,
    string? Field,
    string? Note,
    RequestSource Source,
    RequestStatus Status,
    long CreatedAtMs,
    PetitionRef? Petition = null);

/// <summary>The turn in progress. The timer is stored as accumulated time plus the instant it last resumed, so any client can compute the same countdown.</summary>
public sealed record Floor(
    int TurnId,
    TurnKind Kind,
    SpeakerRef Speaker,
    int? RequestId,
    long StartedAtMs,
    int AllottedMs,
    int ExtendedMs,
    long AccumulatedMs,
    long? RunningSinceMs,
    IReadOnlyList<int>? About = null)
{
    /// <summary>The statements this turn belongs to: an answer may cover several; a statement or follow-up its own.</summary>
    public IReadOnlyList<int> AboutRequests => About ?? (RequestId is { } id ? [id] : []);

    public bool IsPaused => RunningSinceMs is null;

    public long ElapsedMs(long nowMs) => AccumulatedMs + (RunningSinceMs is { } since ? Math.Max(0, nowMs - since) : 0);

    /// <summary>Milliseconds left; negative once the speaker runs over. Null when the turn has no limit.</summary>
    public long? RemainingMs(long nowMs) => AllottedMs <= 0 ? null : AllottedMs + ExtendedMs - ElapsedMs(nowMs);
}

/// <summary>The statement that answers and follow-ups currently refer to.</summary>
public sealed record DialogueThread(int RequestId, SpeakerRef Citizen, string Topic, bool Answered);

public sealed record MeetingState(
    MeetingStatus Status,
    bool ListOpen,
    int AgendaIndex,
    ImmutableList<SpeakerRequest> Requests,
    ImmutableList<int> Queue,
    Floor? Floor,
    DialogueThread? Thread,
    bool CaptionsEnabled = false)
{
    public static MeetingState Initial { get; } = new(
        MeetingStatus.Preparing, ListOpen: true, AgendaIndex: 0,
        ImmutableList<SpeakerRequest>.Empty, ImmutableList<int>.Empty, Floor: null, Thread: null);

    /// <summary>Statements given the floor since the last answer began: what an answer covers unless the chair picks.</summary>
    public ImmutableList<int> SinceLastAnswer { get; init; } = [];

    /// <summary>The statements the latest answer covered, for the citizen's follow-up.</summary>
    public ImmutableList<int> LastAnswerAbout { get; init; } = [];

    /// <summary>Statements that have had at least one answer.</summary>
    public ImmutableHashSet<int> Answered { get; init; } = [];

    public SpeakerRequest? FindRequest(int id) => Requests.Find(r => r.Id == id);

    public IEnumerable<SpeakerRequest> Waiting => Queue.Select(id => Requests.Find(r => r.Id == id)!);
}

/// <summary>Meeting settings the rules need: time limits and how many agenda items exist.</summary>
public sealed record MeetingRulesSettings(int StatementSeconds, int AnswerSeconds, int FollowUpSeconds, int AgendaItemCount);
