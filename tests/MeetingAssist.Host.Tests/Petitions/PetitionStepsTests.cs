using MeetingAssist.Host.Calendar;
using MeetingAssist.Host.Petitions;
using MeetingAssist.Host.Plans;

namespace MeetingAssist.Host.Tests.Petitions;

/// <summary>The walk a chair's mark takes through the registry's status machine: only allowed steps, each one checked.</summary>
public class PetitionStepsTests
{
    // Monday 5 January 2026, a working day.
    private static readonly StepContext Context = new(new DateOnly(2026, 1, 5), new WorkingCalendar([]), new DeadlineRules());

    private static Petition In(PetitionStatus status, string? department = null, string? answer = null) =>
        new() { Petitioner = "Lê Thị Hoa", Content = "Đường liên thôn xuống cấp", Status = status, Department = department, Answer = answer };

    [Theory]
    [InlineData(PetitionStatus.New, PetitionStatus.AnsweredAtMeeting, new[] { PetitionStatus.Assigned, PetitionStatus.Answered, PetitionStatus.AnsweredAtMeeting })]
    [InlineData(PetitionStatus.Assigned, PetitionStatus.ForwardedUp, new[] { PetitionStatus.Answered, PetitionStatus.ForwardedUp })]
    [InlineData(PetitionStatus.Answered, PetitionStatus.WrittenAnswerNeeded, new[] { PetitionStatus.WrittenAnswerNeeded })]
    [InlineData(PetitionStatus.New, PetitionStatus.Resolved, new[] { PetitionStatus.Assigned, PetitionStatus.Answered, PetitionStatus.AnsweredAtMeeting, PetitionStatus.Resolved })]
    [InlineData(PetitionStatus.ForwardedUp, PetitionStatus.ForwardedUp, new PetitionStatus[0])]
    public void PathTo_IsTheShortestRunOfAllowedSteps(PetitionStatus from, PetitionStatus to, PetitionStatus[] expected)
    {
        var path = PetitionSteps.PathTo(from, to);
        Assert.NotNull(path);
        Assert.Equal(expected, path);
        var at = from;
        foreach (var step in path)
        {
            Assert.True(PetitionRules.IsAllowed(at, step), $"{at} → {step}");
            at = step;
        }
    }

    [Theory]
    [InlineData(PetitionStatus.AnsweredAtMeeting, PetitionStatus.WrittenAnswerNeeded)]
    [InlineData(PetitionStatus.WrittenAnswerNeeded, PetitionStatus.ForwardedUp)]
    [InlineData(PetitionStatus.Resolved, PetitionStatus.AnsweredAtMeeting)]
    [InlineData(PetitionStatus.Answered, PetitionStatus.New)]
    public void PathTo_BackwardsOrAcrossOutcomes_IsNull(PetitionStatus from, PetitionStatus to) =>
        Assert.Null(PetitionSteps.PathTo(from, to));

    [Fact]
    public void Walk_FromNew_AssignsAndAnswersWithWhatTheMeetingSupplies_StepByStep()
    {
        var petition = In(PetitionStatus.New);

        var steps = PetitionSteps.Walk(petition, PetitionStatus.AnsweredAtMeeting, new WalkSupplies("Phòng Kinh tế", "Đã trả lời tại hội nghị."), Context);

        Assert.Equal(
            [(PetitionStatus.New, PetitionStatus.Assigned), (PetitionStatus.Assigned, PetitionStatus.Answered), (PetitionStatus.Answered, PetitionStatus.AnsweredAtMeeting)],
            steps);
        Assert.Equal(PetitionStatus.AnsweredAtMeeting, petition.Status);
        Assert.Equal("Phòng Kinh tế", petition.Department);
        Assert.Equal("Đã trả lời tại hội nghị.", petition.Answer);
        Assert.Equal(Context.Today, petition.AnsweredOn);
        // Assignment started the department's deadline, as a clerk's own assignment does.
        Assert.NotNull(petition.DueDate);
    }

    [Fact]
    public void Walk_KeepsTheRegistrysOwnDepartmentAndAnswer()
    {
        var petition = In(PetitionStatus.New, "Phòng Tài nguyên và Môi trường", "Phòng TN&MT đã trả lời trước hội nghị.");

        PetitionSteps.Walk(petition, PetitionStatus.ForwardedUp, new WalkSupplies("Phòng Kinh tế", "Câu trả lời khác"), Context);

        Assert.Equal("Phòng Tài nguyên và Môi trường", petition.Department);
        Assert.Equal("Phòng TN&MT đã trả lời trước hội nghị.", petition.Answer);
    }

    [Fact]
    public void Walk_ToWrittenAnswer_StartsTheWrittenAnswerDeadline()
    {
        var petition = In(PetitionStatus.Answered, "Phòng Kinh tế", "Sẽ trả lời bằng văn bản.");

        var steps = PetitionSteps.Walk(petition, PetitionStatus.WrittenAnswerNeeded, new WalkSupplies(null, null), Context);

        Assert.Single(steps);
        Assert.Equal(Context.Today, petition.DueFrom);
        Assert.Equal(new DeadlineRules().DepartmentAnswerWorkingDays, petition.DueDays);
    }

    [Fact]
    public void Walk_AcrossOutcomes_IsRefusedInVietnamese_AndChangesNothing()
    {
        var petition = In(PetitionStatus.AnsweredAtMeeting, "Phòng Kinh tế", "Đã trả lời.");

        var refused = Assert.Throws<PetitionRuleException>(() =>
            PetitionSteps.Walk(petition, PetitionStatus.WrittenAnswerNeeded, new WalkSupplies(null, null), Context));

        Assert.Equal("Kiến nghị đang ở trạng thái «Trả lời tại hội nghị», không thể chuyển sang «Cần trả lời bằng văn bản». " +
                     "Từ trạng thái này chỉ có thể chuyển sang: Đã giải quyết.", refused.Message);
        Assert.Equal(PetitionStatus.AnsweredAtMeeting, petition.Status);
    }

    [Fact]
    public void Walk_FromResolved_SaysItIsClosed()
    {
        var refused = Assert.Throws<PetitionRuleException>(() =>
            PetitionSteps.Walk(In(PetitionStatus.Resolved), PetitionStatus.ForwardedUp, new WalkSupplies("Phòng Kinh tế", "x"), Context));
        Assert.Contains("đã giải quyết xong", refused.Message);
    }

    [Fact]
    public void Walk_WithoutAnyDepartment_IsRefusedAtTheAssignmentStep()
    {
        var petition = In(PetitionStatus.New);

        var refused = Assert.Throws<PetitionRuleException>(() =>
            PetitionSteps.Walk(petition, PetitionStatus.AnsweredAtMeeting, new WalkSupplies(null, "Đã trả lời."), Context));

        Assert.Contains("phòng ban", refused.Message);
        Assert.Equal(PetitionStatus.New, petition.Status);
    }
}
