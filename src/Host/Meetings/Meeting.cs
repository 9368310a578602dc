namespace MeetingAssist.Host.Meetings;

public enum MeetingKind { Periodic, Thematic, AdHoc }

public sealed class Meeting
{
    public int Id { get; set; }
    public required string Title { get; set; }
    public MeetingKind Kind { get; set; }
    public string OrganisingBody { get; set; } = "";
    public string ChairName { get; set; } = "";
    public string ChairTitle { get; set; } = "";
    public string SecretaryName { get; set; } = "";
    public string Place { get; set; } = "";
    /// <summary>Local time in Vietnam (UTC+7); stored without offset because the hall has one time zone.</summary>
    public DateTime ScheduledStart { get; set; }
    public string AudienceGroup { get; set; } = "";
    public string RulesText { get; set; } = "";
    public int StatementSeconds { get; set; } = 180;
    public int AnswerSeconds { get; set; } = 300;
    public int FollowUpSeconds { get; set; } = 60;
    public List<AgendaItem> Agenda { get; set; } = [];
}

public sealed class AgendaItem
{
    public int Id { get; set; }
    public int MeetingId { get; set; }
    public int Order { get; set; }
    public required string Title { get; set; }
}

public static class MeetingKindLabels
{
    public static string Label(MeetingKind kind) => kind switch
    {
        MeetingKind.Periodic => "Định kỳ",
        MeetingKind.Thematic => "Chuyên đề",
        MeetingKind.AdHoc => "Đột xuất",
    };
}
