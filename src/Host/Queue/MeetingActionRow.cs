using MeetingAssist.Host.People;

namespace MeetingAssist.Host.Queue;

/// <summary>One row per accepted command, never updated or deleted: the meeting's source of truth.</summary>
public sealed class MeetingActionRow
{
    public long Id { get; set; }
    public int MeetingId { get; set; }
    public int Seq { get; set; }
    public required string Kind { get; set; }
    public required string PayloadJson { get; set; }
    public long AtMs { get; set; }
    public string? Actor { get; set; }
    public string? ActorRole { get; set; }
    public int? UndoesSeq { get; set; }
    /// <summary>The client's key for the command, unique per meeting: a retry after a cut finds it and is not applied twice.</summary>
    public string? CommandKey { get; set; }
}

/// <summary>The floor turns derived from the action log, stored so minutes and transcripts can query them.</summary>
public sealed class FloorTurnRow
{
    public int MeetingId { get; set; }
    public int TurnId { get; set; }
    public TurnKind Kind { get; set; }
    public int? PersonId { get; set; }
    public required string SpeakerName { get; set; }
    public string SpeakerAffiliation { get; set; } = "";
    public PersonRole SpeakerRole { get; set; }
    public string? SpeakerTitle { get; set; }
    public int? RequestId { get; set; }
    /// <summary>The statements the turn belongs to, as a JSON array (an answer may cover several).</summary>
    public string AboutJson { get; set; } = "[]";
    public long StartedAtMs { get; set; }
    public long? EndedAtMs { get; set; }
    public int AllottedMs { get; set; }
    public int ExtendedMs { get; set; }
    public string PausesJson { get; set; } = "[]";
    public bool Voided { get; set; }
    public string CorrectionsJson { get; set; } = "[]";
}
