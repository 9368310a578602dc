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
    /// <summary>An instant (UTC); shown and typed in the hall's time zone (<see cref="HallClock"/>).</summary>
    public DateTime ScheduledStart { get; set; }
    public string AudienceGroup { get; set; } = "";
    public string RulesText { get; set; } = "";
    public int StatementSeconds { get; set; } = 180;
    public int AnswerSeconds { get; set; } = 300;
    public int FollowUpSeconds { get; set; } = 60;
    /// <summary>How many next speakers the projector lists.</summary>
    public int NextSpeakersShown { get; set; } = 5;
    /// <summary>Archived meetings leave the lists and pickers; their record stays.</summary>
    public bool Archived { get; set; }
    public List<AgendaItem> Agenda { get; set; } = [];
    /// <summary>The department heads and officials who may be called to answer at this meeting.</summary>
    public List<MeetingResponder> Responders { get; set; } = [];
}

public sealed class MeetingResponder
{
    public int MeetingId { get; set; }
    public int PersonId { get; set; }
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
