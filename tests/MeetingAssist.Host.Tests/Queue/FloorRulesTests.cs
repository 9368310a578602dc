using MeetingAssist.Host.People;
using MeetingAssist.Host.Queue;

namespace MeetingAssist.Host.Tests.Queue;

public class FloorRulesTests
{
    [Fact]
    public void Register_AddsToEndOfQueue_InOrder()
    {
        var (h, a, b, c) = TimelineHarness.StartedWithThree();
        Assert.Equal([a, b, c], h.State.Queue);
        Assert.All(h.State.Waiting, r => Assert.Equal(RequestStatus.Waiting, r.Status));
        Assert.Equal(RequestSource.Desk, h.State.FindRequest(a)!.Source);
    }

    [Fact]
    public void Register_NormalisesTextToNfc()
    {
        var h = new TimelineHarness();
        var decomposed = "Nguye\u0302\u0303n".Normalize(System.Text.NormalizationForm.FormD);
        h.Do(new RegisterSpeaker(TimelineHarness.Citizen("  " + decomposed + "  "), " Nội dung ", null, null));
        Assert.Equal("Nguyễn", h.State.Requests[0].Speaker.Name);
        Assert.True(h.State.Requests[0].Speaker.Name.IsNormalized(System.Text.NormalizationForm.FormC));
        Assert.Equal("Nội dung", h.State.Requests[0].Topic);
    }

    [Fact]
    public void Register_WithoutNameOrTopic_IsRefused()
    {
        var h = new TimelineHarness();
        Assert.Contains("họ và tên", h.Refused(new RegisterSpeaker(TimelineHarness.Citizen("  "), "Chủ đề", null, null)));
        Assert.Contains("nội dung", h.Refused(new RegisterSpeaker(TimelineHarness.Citizen("An"), " ", null, null)));
    }

    [Fact]
    public void Register_TooLongText_IsRefused()
    {
        var h = new TimelineHarness();
        Assert.Contains("dài quá", h.Refused(new RegisterSpeaker(TimelineHarness.Citizen(new string('a', 500)), "Chủ đề", null, null)));
        Assert.Contains("dài quá", h.Refused(new RegisterSpeaker(TimelineHarness.Citizen("An"), new string('x', 501), null, null)));
    }

    [Fact]
    public void Register_OnClosedList_IsRefused()
    {
        var (h, _, _, _) = TimelineHarness.StartedWithThree();
        h.Do(new CloseList());
        Assert.Contains("đã đóng", h.Refused(new RegisterSpeaker(TimelineHarness.Citizen("An"), "Chủ đề", null, null)));
        Assert.Contains("đã đóng", h.Refused(new SubmitPhoneRequest(TimelineHarness.Citizen("An"), "Chủ đề", null)));
        h.Do(new ReopenList());
        h.Do(new RegisterSpeaker(TimelineHarness.Citizen("An"), "Chủ đề", null, null));
        Assert.Equal(4, h.State.Queue.Count);
    }

    [Fact]
    public void CloseList_Twice_And_ReopenOpenList_AreRefused()
    {
        var h = new TimelineHarness();
        Assert.Contains("đang mở", h.Refused(new ReopenList()));
        h.Do(new CloseList());
        Assert.Contains("đã đóng", h.Refused(new CloseList()));
    }

    [Fact]
    public void PhoneRequest_WaitsForApproval_ThenJoinsQueue()
    {
        var (h, _, _, _) = TimelineHarness.StartedWithThree();
        h.Do(new SubmitPhoneRequest(TimelineHarness.Citizen("Phạm Thị Lan", "Thôn Nam"), "Chế độ người có công", "Chính sách xã hội"));
        var id = h.Timeline.Version;
        Assert.Equal(RequestStatus.PendingApproval, h.State.FindRequest(id)!.Status);
        Assert.DoesNotContain(id, h.State.Queue);
        Assert.Contains("không ở trong danh sách chờ", h.Refused(new GiveFloor(id)));

        h.Do(new ApproveRequest(id, PersonId: 42));
        Assert.Equal(id, h.State.Queue[^1]);
        Assert.Equal(42, h.State.FindRequest(id)!.Speaker.PersonId);
        Assert.Contains("không còn chờ duyệt", h.Refused(new ApproveRequest(id, null)));
        Assert.Contains("không còn chờ duyệt", h.Refused(new RejectRequest(id)));
    }

    [Fact]
    public void PhoneRequest_Rejected_NeverEntersQueue()
    {
        var h = new TimelineHarness();
        h.Do(new SubmitPhoneRequest(TimelineHarness.Citizen("Spam"), "Quảng cáo", null));
        var id = h.Timeline.Version;
        h.Do(new RejectRequest(id));
        Assert.Equal(RequestStatus.Rejected, h.State.FindRequest(id)!.Status);
        Assert.Empty(h.State.Queue);
    }

    [Fact]
    public void GiveFloor_BeforeStart_IsRefused()
    {
        var h = new TimelineHarness();
        h.Register("An");
        Assert.Contains("chưa bắt đầu", h.Refused(new GiveFloor(null)));
    }

    [Fact]
    public void GiveFloor_Next_TakesHeadOfQueue_AndStartsTimer()
    {
        var (h, a, b, _) = TimelineHarness.StartedWithThree();
        h.Do(new GiveFloor(null));
        var floor = h.State.Floor!;
        Assert.Equal(a, floor.RequestId);
        Assert.Equal(TurnKind.Statement, floor.Kind);
        Assert.Equal(180_000, floor.AllottedMs);
        Assert.Equal(h.Now, floor.RunningSinceMs);
        Assert.Equal(RequestStatus.Speaking, h.State.FindRequest(a)!.Status);
        Assert.Equal(b, h.State.Queue[0]);
        h.Advance(10_000);
        Assert.Equal(170_000, floor.RemainingMs(h.Now));
    }

    [Fact]
    public void GiveFloor_ToChosenPerson_SkipsTheLine()
    {
        var (h, a, b, c) = TimelineHarness.StartedWithThree();
        h.Do(new GiveFloor(c));
        Assert.Equal(c, h.State.Floor!.RequestId);
        Assert.Equal([a, b], h.State.Queue);
    }

    [Fact]
    public void GiveFloor_WhileSomeoneSpeaks_IsRefused_NeverTwoPeopleWithTheFloor()
    {
        var (h, _, b, _) = TimelineHarness.StartedWithThree();
        h.Do(new GiveFloor(null));
        var message = h.Refused(new GiveFloor(b));
        Assert.Contains("Nguyễn Văn Bình đang giữ quyền phát biểu", message);
        h.Refused(new CallResponder(TimelineHarness.Responder("Nguyễn Thị Minh")));
        h.Refused(new ChairTakesFloor(TimelineHarness.Citizen("Chủ tịch")));
        h.Refused(new GiveFollowUp());
    }

    [Fact]
    public void GiveFloor_EmptyQueue_IsRefused()
    {
        var h = new TimelineHarness();
        h.Do(new StartMeeting());
        Assert.Contains("Không còn ai", h.Refused(new GiveFloor(null)));
    }

    [Fact]
    public void CallResponder_WhenNobodySpoke_IsRefused()
    {
        var (h, _, _, _) = TimelineHarness.StartedWithThree();
        Assert.Contains("Chưa có ý kiến nào để trả lời", h.Refused(new CallResponder(TimelineHarness.Responder("Nguyễn Thị Minh"))));
    }

    [Fact]
    public void Dialogue_StatementAnswerFollowUp_AllBelongToTheCitizensRequest()
    {
        var (h, a, _, _) = TimelineHarness.StartedWithThree();
        h.Do(new GiveFloor(null));
        h.Do(new EndTurn());
        Assert.Equal(RequestStatus.Spoken, h.State.FindRequest(a)!.Status);
        Assert.Contains("chưa được trả lời", h.Refused(new GiveFollowUp()));

        h.Do(new CallResponder(TimelineHarness.Responder("Nguyễn Thị Minh")));
        Assert.Equal(TurnKind.Answer, h.State.Floor!.Kind);
        Assert.Equal(a, h.State.Floor.RequestId);
        Assert.Equal(300_000, h.State.Floor.AllottedMs);
        h.Do(new EndTurn());

        h.Do(new GiveFollowUp());
        Assert.Equal(TurnKind.FollowUp, h.State.Floor!.Kind);
        Assert.Equal("Nguyễn Văn Bình", h.State.Floor.Speaker.Name);
        Assert.Equal(a, h.State.Floor.RequestId);
        Assert.Equal(60_000, h.State.Floor.AllottedMs);
        h.Do(new EndTurn());

        Assert.Equal(RequestStatus.Spoken, h.State.FindRequest(a)!.Status);
        Assert.Equal([TurnKind.Statement, TurnKind.Answer, TurnKind.FollowUp], h.Timeline.Turns.Select(t => t.Kind));
        Assert.All(h.Timeline.Turns, t => Assert.Equal(a, t.RequestId));
    }

    [Fact]
    public void ChairTakesFloor_HasNoTimeLimit_AndCannotBeExtended()
    {
        var (h, _, _, _) = TimelineHarness.StartedWithThree();
        h.Do(new ChairTakesFloor(new SpeakerRef(null, "Phạm Văn Hùng", "UBND xã", PersonRole.Chair, "Chủ tịch UBND xã")));
        Assert.Equal(TurnKind.Chair, h.State.Floor!.Kind);
        Assert.Null(h.State.Floor.RemainingMs(h.Now));
        Assert.Contains("không giới hạn", h.Refused(new ExtendTime(60)));
    }

    [Fact]
    public void Timer_PauseResumeExtend_CountsOnlyRunningTime()
    {
        var (h, _, _, _) = TimelineHarness.StartedWithThree();
        h.Do(new GiveFloor(null));
        h.Advance(30_000);
        h.Do(new PauseTimer());
        Assert.Contains("đang tạm dừng", h.Refused(new PauseTimer()));
        h.Advance(60_000);
        Assert.Equal(150_000, h.State.Floor!.RemainingMs(h.Now));
        h.Do(new ResumeTimer());
        Assert.Contains("đang chạy", h.Refused(new ResumeTimer()));
        h.Advance(20_000);
        h.Do(new ExtendTime(60));
        Assert.Equal(190_000, h.State.Floor!.RemainingMs(h.Now));
        h.Advance(200_000);
        Assert.Equal(-10_000, h.State.Floor!.RemainingMs(h.Now));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(601)]
    public void ExtendTime_OutOfRange_IsRefused(int seconds)
    {
        var (h, _, _, _) = TimelineHarness.StartedWithThree();
        h.Do(new GiveFloor(null));
        Assert.Contains("gia hạn", h.Refused(new ExtendTime(seconds)));
    }

    [Fact]
    public void TimerCommands_WithoutFloor_AreRefused()
    {
        var (h, _, _, _) = TimelineHarness.StartedWithThree();
        foreach (var command in new MeetingCommand[] { new PauseTimer(), new ResumeTimer(), new ExtendTime(30), new EndTurn() })
            Assert.Contains("không có ai đang phát biểu", h.Refused(command));
    }

    [Fact]
    public void Move_ReordersToAnyPosition()
    {
        var (h, a, b, c) = TimelineHarness.StartedWithThree();
        h.Do(new MoveRequest(c, 0));
        Assert.Equal([c, a, b], h.State.Queue);
        h.Do(new MoveRequest(c, 2));
        Assert.Equal([a, b, c], h.State.Queue);
        Assert.Contains("Vị trí mới", h.Refused(new MoveRequest(a, 3)));
        Assert.Contains("Vị trí mới", h.Refused(new MoveRequest(a, -1)));
        Assert.Contains("Không tìm thấy", h.Refused(new MoveRequest(999, 0)));
    }

    [Fact]
    public void SkipWithdrawRequeue_OnlyForTheRightStatuses()
    {
        var (h, a, b, c) = TimelineHarness.StartedWithThree();
        h.Do(new SkipRequest(a));
        h.Do(new WithdrawRequest(b));
        Assert.Equal([c], h.State.Queue);
        Assert.Equal(RequestStatus.Skipped, h.State.FindRequest(a)!.Status);
        Assert.Equal(RequestStatus.Withdrawn, h.State.FindRequest(b)!.Status);
        Assert.Contains("đã bị bỏ qua", h.Refused(new SkipRequest(a)));
        Assert.Contains("Chỉ đưa lại", h.Refused(new RequeueRequest(c)));
        h.Do(new RequeueRequest(a));
        Assert.Equal([c, a], h.State.Queue);

        h.Do(new GiveFloor(c));
        Assert.Contains("đang phát biểu", h.Refused(new WithdrawRequest(c)));
    }

    [Fact]
    public void NextAgendaItem_StopsAtTheLastItem()
    {
        var (h, _, _, _) = TimelineHarness.StartedWithThree();
        h.Do(new NextAgendaItem());
        h.Do(new NextAgendaItem());
        Assert.Equal(2, h.State.AgendaIndex);
        Assert.Contains("cuối cùng", h.Refused(new NextAgendaItem()));
    }

    [Fact]
    public void StartTwice_AndEndBeforeStart_AreRefused()
    {
        var h = new TimelineHarness();
        Assert.Contains("chưa bắt đầu", h.Refused(new EndMeeting()));
        h.Do(new StartMeeting());
        Assert.Contains("đã bắt đầu", h.Refused(new StartMeeting()));
    }

    [Fact]
    public void EndMeeting_WhileSomeoneSpeaks_IsRefused()
    {
        var (h, _, _, _) = TimelineHarness.StartedWithThree();
        h.Do(new GiveFloor(null));
        Assert.Contains("trước khi kết thúc hội nghị", h.Refused(new EndMeeting()));
    }

    [Fact]
    public void EndedMeeting_RefusesEveryCommand()
    {
        var (h, a, _, _) = TimelineHarness.StartedWithThree();
        h.Do(new EndMeeting());
        Assert.False(h.State.ListOpen);
        MeetingCommand[] commands =
        [
            new StartMeeting(), new EndMeeting(), new RegisterSpeaker(TimelineHarness.Citizen("An"), "x", null, null),
            new SubmitPhoneRequest(TimelineHarness.Citizen("An"), "x", null), new ApproveRequest(a, null), new RejectRequest(a),
            new MoveRequest(a, 0), new GiveFloor(null), new ChairTakesFloor(TimelineHarness.Citizen("C")),
            new CallResponder(TimelineHarness.Responder("R")), new GiveFollowUp(), new PauseTimer(), new ResumeTimer(),
            new ExtendTime(30), new EndTurn(), new SkipRequest(a), new RequeueRequest(a), new WithdrawRequest(a),
            new CloseList(), new ReopenList(), new NextAgendaItem(), new SetCaptions(true),
        ];
        foreach (var command in commands)
            Assert.Contains("Hội nghị đã kết thúc", h.Refused(command));
    }

    [Fact]
    public void Captions_ToggleOnAndOff_AndRefuseTheSameStateTwice()
    {
        var h = new TimelineHarness();
        Assert.False(h.State.CaptionsEnabled);
        Assert.Contains("đang tắt", h.Refused(new SetCaptions(false)));
        h.Do(new SetCaptions(true));
        Assert.True(h.State.CaptionsEnabled);
        Assert.Contains("đang bật", h.Refused(new SetCaptions(true)));
        h.Do(new Undo());
        Assert.False(h.State.CaptionsEnabled);
    }
}
