using MeetingAssist.Host.Calendar;

namespace MeetingAssist.Host.Plans;

/// <summary>A yearly plan (<i>kế hoạch</i>) of dialogue meetings and the deadline rules its meetings follow.</summary>
public sealed class Plan
{
    public int Id { get; set; }
    public int Year { get; set; }
    public required string Title { get; set; }
    public string OrganisingBody { get; set; } = "";
    public DeadlineRules Rules { get; set; } = new();
}

/// <summary>A meeting belongs to at most one plan; kept apart so the meeting's own table is untouched.</summary>
public sealed class PlanMeeting
{
    public int PlanId { get; set; }
    public int MeetingId { get; set; }
}

/// <summary>
/// The deadlines a plan sets; defaults from the seed plans (DOMAIN.md): public notice at least 7 days before,
/// departments' answers 5 working days before (Hà Nam), conclusion notice within 10 working days and 15 for
/// complex cases (Tòa Đình), written answers within 7 working days of the notice (Tòa Đình), report to the upper
/// level within 5 working days (Mai Trung).
/// </summary>
public sealed class DeadlineRules
{
    public int NoticeDaysBefore { get; set; } = 7;
    public DayCountKind NoticeCountKind { get; set; } = DayCountKind.Plain;
    public int AnswersWorkingDaysBefore { get; set; } = 5;
    public int ConclusionWorkingDays { get; set; } = 10;
    public int ConclusionComplexWorkingDays { get; set; } = 15;
    public int DepartmentAnswerWorkingDays { get; set; } = 7;
    public int ReportWorkingDays { get; set; } = 5;
}

/// <summary>The dates of one meeting computed from its plan's rules, each with its explanation.</summary>
public static class MeetingDeadlines
{
    public static IReadOnlyList<Deadline> For(DateOnly meetingDay, DeadlineRules rules, WorkingCalendar calendar)
    {
        var conclusion = calendar.After(meetingDay, rules.ConclusionWorkingDays, DayCountKind.Working, "Thông báo kết luận");
        return
        [
            calendar.Before(meetingDay, rules.NoticeDaysBefore, rules.NoticeCountKind, "Thông báo công khai thời gian, địa điểm, nội dung"),
            calendar.Before(meetingDay, rules.AnswersWorkingDaysBefore, DayCountKind.Working, "Các phòng ban trả lời ý kiến, kiến nghị đã thu thập"),
            conclusion,
            calendar.After(meetingDay, rules.ConclusionComplexWorkingDays, DayCountKind.Working, "Thông báo kết luận (vụ việc phức tạp)"),
            calendar.After(conclusion.Date, rules.DepartmentAnswerWorkingDays, DayCountKind.Working, "Phòng ban trả lời bằng văn bản sau thông báo kết luận"),
            calendar.After(meetingDay, rules.ReportWorkingDays, DayCountKind.Working, "Báo cáo kết quả lên cấp trên"),
        ];
    }

    /// <summary>Checks a plan's rules; every problem is a Vietnamese sentence.</summary>
    public static IEnumerable<string> Problems(DeadlineRules rules)
    {
        if (rules.NoticeDaysBefore is < 0 or > 60) yield return "Số ngày thông báo trước phải từ 0 đến 60.";
        if (!Enum.IsDefined(rules.NoticeCountKind)) yield return "Cách tính ngày thông báo không hợp lệ.";
        if (rules.AnswersWorkingDaysBefore is < 0 or > 60) yield return "Số ngày làm việc trả lời trước hội nghị phải từ 0 đến 60.";
        if (rules.ConclusionWorkingDays is < 1 or > 60) yield return "Hạn thông báo kết luận phải từ 1 đến 60 ngày làm việc.";
        if (rules.ConclusionComplexWorkingDays < rules.ConclusionWorkingDays || rules.ConclusionComplexWorkingDays > 90)
            yield return "Hạn cho vụ việc phức tạp không được ngắn hơn hạn thông báo kết luận và không quá 90 ngày làm việc.";
        if (rules.DepartmentAnswerWorkingDays is < 1 or > 90) yield return "Hạn phòng ban trả lời phải từ 1 đến 90 ngày làm việc.";
        if (rules.ReportWorkingDays is < 1 or > 90) yield return "Hạn báo cáo cấp trên phải từ 1 đến 90 ngày làm việc.";
    }
}
