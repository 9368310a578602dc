using MeetingAssist.Host.Calendar;
using MeetingAssist.Host.Petitions;

namespace MeetingAssist.Host.Tests.Petitions;

public class PetitionRulesTests
{
    private static readonly (PetitionStatus From, PetitionStatus To)[] Allowed =
    [
        (PetitionStatus.New, PetitionStatus.Assigned),
        (PetitionStatus.Assigned, PetitionStatus.Answered),
        (PetitionStatus.Answered, PetitionStatus.AnsweredAtMeeting),
        (PetitionStatus.Answered, PetitionStatus.WrittenAnswerNeeded),
        (PetitionStatus.Answered, PetitionStatus.ForwardedUp),
        (PetitionStatus.AnsweredAtMeeting, PetitionStatus.Resolved),
        (PetitionStatus.WrittenAnswerNeeded, PetitionStatus.Resolved),
        (PetitionStatus.ForwardedUp, PetitionStatus.Resolved),
    ];

    private static Petition In(PetitionStatus status) =>
        new() { Petitioner = "Nguyễn Văn An", Content = "Đường thôn Đông hỏng", Status = status, Department = "Phòng Kinh tế", Answer = "Đã có kế hoạch sửa." };

    [Fact]
    public void EveryPairOfStates_IsAllowedOnlyAlongTheLifecycle()
    {
        var checkedPairs = 0;
        foreach (var from in Enum.GetValues<PetitionStatus>())
        foreach (var to in Enum.GetValues<PetitionStatus>())
        {
            checkedPairs++;
            var petition = In(from);
            if (Allowed.Contains((from, to)))
            {
                PetitionRules.Check(petition, to, null);
                continue;
            }
            var refused = Assert.Throws<PetitionRuleException>(() => PetitionRules.Check(petition, to, null));
            Assert.Contains($"Không thể chuyển từ «{PetitionLabels.Of(from)}» sang «{PetitionLabels.Of(to)}»", refused.Message);
        }
        Assert.Equal(49, checkedPairs);
    }

    [Fact]
    public void Assignment_NeedsADepartment_AndAnswered_NeedsAnAnswer()
    {
        var unassigned = In(PetitionStatus.New);
        unassigned.Department = null;
        Assert.Contains("phòng ban", Assert.Throws<PetitionRuleException>(() => PetitionRules.Check(unassigned, PetitionStatus.Assigned, null)).Message);
        var unanswered = In(PetitionStatus.Assigned);
        unanswered.Answer = null;
        Assert.Contains("nội dung trả lời", Assert.Throws<PetitionRuleException>(() => PetitionRules.Check(unanswered, PetitionStatus.Answered, " ")).Message);
        PetitionRules.Check(unanswered, PetitionStatus.Answered, "Phòng Kinh tế trả lời: đã sửa xong.");
    }

    [Fact]
    public void Overdue_IsDerivedFromTheDueDateAndTheState()
    {
        var today = new DateOnly(2026, 3, 10);
        var petition = In(PetitionStatus.Assigned);
        petition.DueDate = today.AddDays(-1);
        Assert.True(PetitionRules.IsOverdue(petition, today));
        petition.DueDate = today;
        Assert.False(PetitionRules.IsOverdue(petition, today));
        petition.DueDate = today.AddDays(-1);
        petition.Status = PetitionStatus.Answered;
        Assert.False(PetitionRules.IsOverdue(petition, today));
        petition.Status = PetitionStatus.WrittenAnswerNeeded;
        Assert.True(PetitionRules.IsOverdue(petition, today));
        petition.Kind = PetitionKind.Opinion;
        Assert.False(PetitionRules.IsOverdue(petition, today));
    }

    [Fact]
    public void AnExtension_MovesTheDueDate_SoThePetitionIsNoLongerOverdue()
    {
        var calendar = new WorkingCalendar(CalendarSeed.Year2026);
        var today = new DateOnly(2026, 3, 10);
        var petition = In(PetitionStatus.Assigned);
        PetitionDeadlines.SetDue(petition, new DateOnly(2026, 2, 20), 5, calendar, "Phòng ban trả lời");
        Assert.Equal(new DateOnly(2026, 2, 27), petition.DueDate);
        Assert.True(PetitionRules.IsOverdue(petition, today));
        PetitionDeadlines.SetDue(petition, petition.DueDate!.Value, 10, calendar, "Gia hạn trả lời");
        Assert.Equal(new DateOnly(2026, 3, 13), petition.DueDate);
        Assert.False(PetitionRules.IsOverdue(petition, today));
    }

    [Fact]
    public void ACalendarChange_RecomputesRunningDeadlines_AndSaysWhichMoved()
    {
        var lawOnly = new WorkingCalendar([]);
        var running = In(PetitionStatus.Assigned);
        running.Id = 1;
        PetitionDeadlines.SetDue(running, new DateOnly(2026, 8, 26), 3, lawOnly, "Phòng ban trả lời");
        var answered = In(PetitionStatus.Answered);
        answered.Id = 2;
        PetitionDeadlines.SetDue(answered, new DateOnly(2026, 8, 26), 3, lawOnly, "Phòng ban trả lời");
        var typed = In(PetitionStatus.Assigned);
        typed.Id = 3;
        PetitionDeadlines.SetFixedDue(typed, new DateOnly(2026, 8, 31));
        Assert.Equal(new DateOnly(2026, 8, 31), running.DueDate);

        var moved = PetitionDeadlines.Recompute([running, answered, typed], new WorkingCalendar(CalendarSeed.Year2026));

        var only = Assert.Single(moved);
        Assert.Equal((1, new DateOnly(2026, 8, 31), new DateOnly(2026, 9, 3)), (only.PetitionId, only.From, only.To));
        Assert.Equal(new DateOnly(2026, 9, 3), running.DueDate);
        Assert.Equal(new DateOnly(2026, 8, 31), answered.DueDate);
        Assert.Equal(new DateOnly(2026, 8, 31), typed.DueDate);
    }
}
