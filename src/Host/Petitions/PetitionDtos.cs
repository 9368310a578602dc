namespace MeetingAssist.Host.Petitions;

public sealed record PetitionInput(
    PetitionKind? Kind, string? Petitioner, string? Address, PetitionSource? Source, string? Field, AuthorityLevel? Level,
    PetitionUrgency? Urgency, string? Content, string? Department, string? Answer, string? DueDate, int? MeetingId, int? PlanId,
    string? StaffNotes, int? FloorTurnId, long? AudioMs, string? ReceivedOn = null);

public sealed record PetitionItem(
    int Id, PetitionKind Kind, string KindLabel, string Petitioner, string Address, PetitionSource Source, string SourceLabel,
    string Field, AuthorityLevel Level, string LevelLabel, PetitionUrgency Urgency, string UrgencyLabel, string Content,
    string? Department, PetitionStatus Status, string StatusLabel, DateOnly? DueDate, bool Overdue, bool Extended, int? MeetingId, DateOnly ReceivedOn);

public sealed record HistoryItem(DateTime AtUtc, string By, string From, string To, string Note);

public sealed record TransitionOption(PetitionStatus Status, string Label);

public sealed record PetitionDetail(
    PetitionItem Petition, string? Answer, string? StaffNotes, int? PlanId, int? FloorTurnId, long? AudioMs,
    string? DueExplanation, string? ExtensionReason, IReadOnlyList<HistoryItem> History, IReadOnlyList<TransitionOption> Transitions);

public sealed record PetitionPage(int Total, int Page, int PageSize, IReadOnlyList<PetitionItem> Items);

public sealed record TransitionInput(PetitionStatus? To, string? Note, string? Answer);

public sealed record BulkAssignInput(int[]? Ids, string? Department);

public sealed record ExtensionInput(int? Days, string? Reason);

public sealed record PetitionFilter(
    string? Field, string? Department, PetitionStatus? Status, DateOnly? DueBefore, bool? Overdue, int? MeetingId,
    PetitionSource? Source, string? Q, int? Page, int? PageSize);
