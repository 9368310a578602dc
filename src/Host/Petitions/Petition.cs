using MeetingAssist.Host.Calendar;

namespace MeetingAssist.Host.Petitions;

/// <summary>An <i>ý kiến</i> is heard; only a <i>kiến nghị</i> asks for an answer and carries a deadline.</summary>
public enum PetitionKind { Opinion, Request }

public enum PetitionSource { FatherlandFront, Questionnaire, Letter, Email, AtMeeting, PublicPage, ExcelImport }

public enum AuthorityLevel { Commune, Province, Central }

public enum PetitionUrgency { Normal, Urgent }

public enum PetitionStatus { New, Assigned, Answered, AnsweredAtMeeting, WrittenAnswerNeeded, ForwardedUp, Resolved }

/// <summary>One opinion or petition, from collection to its resolution. Overdue is never stored: it is read from the due date and today.</summary>
public sealed class Petition
{
    public int Id { get; set; }
    public PetitionKind Kind { get; set; } = PetitionKind.Request;
    public required string Petitioner { get; set; }
    public string Address { get; set; } = "";
    public PetitionSource Source { get; set; }
    public string Field { get; set; } = "";
    public AuthorityLevel Level { get; set; }
    public PetitionUrgency Urgency { get; set; }
    public required string Content { get; set; }
    public string? Department { get; set; }
    public string? Answer { get; set; }
    public PetitionStatus Status { get; set; }
    public int? MeetingId { get; set; }
    public int? PlanId { get; set; }
    /// <summary>Seen by staff only, never printed.</summary>
    public string StaffNotes { get; set; } = "";
    public int? FloorTurnId { get; set; }
    public long? AudioMs { get; set; }

    /// <summary>The answer deadline; null for an opinion or a petition not yet given one.</summary>
    public DateOnly? DueDate { get; set; }
    /// <summary>
    /// How the due date was computed (<see cref="DueDays"/> days of <see cref="DueCountKind"/> after
    /// <see cref="DueFrom"/>), so a change to the calendar recomputes it. Null when the date was typed in.
    /// </summary>
    public DateOnly? DueFrom { get; set; }
    public int? DueDays { get; set; }
    public DayCountKind DueCountKind { get; set; } = DayCountKind.Working;
    public string? DueExplanation { get; set; }
    /// <summary>The reason of the latest extension; an extended petition is judged against its new date.</summary>
    public string? ExtensionReason { get; set; }

    /// <summary>
    /// The day the office received it, in hall time: the date a list's row carries, or the day it was entered. The
    /// reports count by it, so last year's list imported today still belongs to last year.
    /// </summary>
    public DateOnly ReceivedOn { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime UpdatedUtc { get; set; }
    /// <summary>When it reached a state with an answer (for the on-time rate).</summary>
    public DateOnly? AnsweredOn { get; set; }
    public DateOnly? ResolvedOn { get; set; }
}

/// <summary>One change of a petition: a transition, an assignment, an extension or a recomputed deadline.</summary>
public sealed class PetitionHistory
{
    public long Id { get; set; }
    public int PetitionId { get; set; }
    public DateTime AtUtc { get; set; }
    public required string By { get; set; }
    public PetitionStatus From { get; set; }
    public PetitionStatus To { get; set; }
    public string Note { get; set; } = "";
    /// <summary>The key the page made for the command behind this change, unique: a retry finds it and is not applied twice.</summary>
    public string? CommandKey { get; set; }
}

/// <summary>The answer a clerk starts from for a field (đất đai, môi trường, ...).</summary>
public sealed class AnswerTemplate
{
    public int Id { get; set; }
    public required string Field { get; set; }
    public required string Text { get; set; }
}

/// <summary>Which department a <c>department</c> account answers for; the account sees only what is assigned to it.</summary>
public sealed class DepartmentAccount
{
    public int UserId { get; set; }
    public required string Department { get; set; }
}

public enum OpinionReview { Pending, Approved, Rejected }

/// <summary>An opinion sent from the public page; it enters the registry only once staff approve it.</summary>
public sealed class PublicOpinion
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public string Address { get; set; } = "";
    public string Field { get; set; } = "";
    public required string Content { get; set; }
    public int? MeetingId { get; set; }
    public DateTime SubmittedUtc { get; set; }
    public OpinionReview Review { get; set; }
    public string? ReviewedBy { get; set; }
    public string? ReviewNote { get; set; }
    public int? PetitionId { get; set; }
}
