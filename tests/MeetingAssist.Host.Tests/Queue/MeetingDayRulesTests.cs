using MeetingAssist.Host.Queue;

namespace MeetingAssist.Host.Tests.Queue;

/// <summary>The rules a real meeting day needs: per-person undo, answers to several statements, identity by tone marks.</summary>
public class MeetingDayRulesTests
{
    private const string Chair = "chair";
    private const string Desk = "desk";

    private static TimelineHarness StartedWithStatements(out int a, out int b, out int c)
    {
        var (h, ra, rb, rc) = TimelineHarness.StartedWithThree();
        (a, b, c) = (ra, rb, rc);
        foreach (var _ in new[] { a, b })
        {
            h.Do(new GiveFloor(null), Chair);
            h.Advance(60_000);
            h.Do(new EndTurn(), Chair);
        }
        return h;
    }

    [Fact]
    public void Undo_ByTheChair_LeavesTheDesksLaterRegistration()
    {
        var (h, a, _, _) = TimelineHarness.StartedWithThree();
        h.Do(new GiveFloor(null), Chair);
        h.Do(new RegisterSpeaker(TimelineHarness.Citizen("Ngô Thị Mến"), "Đèn chiếu sáng hỏng", null, null), Desk);
        var registered = h.Timeline.Version;

        h.Do(new Undo(), Chair);

        Assert.Null(h.State.Floor);
        Assert.Equal(RequestStatus.Waiting, h.State.FindRequest(a)!.Status);
        Assert.Equal(RequestStatus.Waiting, h.State.FindRequest(registered)!.Status);
        Assert.Contains(registered, h.State.Queue);
    }

    [Fact]
    public void Undo_ByTheDesk_RevertsOnlyTheDesksOwnAction()
    {
        var (h, _, _, _) = TimelineHarness.StartedWithThree();
        h.Do(new RegisterSpeaker(TimelineHarness.Citizen("Ngô Thị Mến"), "Đèn chiếu sáng hỏng", null, null), Desk);
        var registered = h.Timeline.Version;
        h.Do(new GiveFloor(null), Chair);

        h.Do(new Undo(), Desk);

        Assert.NotNull(h.State.Floor);
        Assert.Null(h.State.FindRequest(registered));
        Assert.Contains("Không còn thao tác", h.Refused(new Undo(), Desk));
    }

    [Fact]
    public void Undo_OfARegistrationTheChairAlreadyCalled_IsRefused_AndSaysWhy()
    {
        var h = new TimelineHarness();
        h.Do(new StartMeeting(), Chair);
        h.Do(new RegisterSpeaker(TimelineHarness.Citizen("Ngô Thị Mến"), "Đèn chiếu sáng hỏng", null, null), Desk);
        h.Do(new GiveFloor(null), Chair);

        var message = h.Refused(new Undo(), Desk);

        Assert.Contains("Mời phát biểu: Ngô Thị Mến", message);
        Assert.Contains(MeetingAssist.Host.Access.Roles.Label(MeetingAssist.Host.Access.Roles.Chair), message);
    }

    [Fact]
    public void UndoOf_LetsTheChairChooseTheDesksLatestAction_ButNotAnOlderOne()
    {
        var (h, _, _, _) = TimelineHarness.StartedWithThree();
        h.Do(new RegisterSpeaker(TimelineHarness.Citizen("Ngô Thị Mến"), "Đèn chiếu sáng hỏng", null, null), Desk);
        var first = h.Timeline.Version;
        h.Do(new RegisterSpeaker(TimelineHarness.Citizen("Dương Văn Trường"), "Thái độ tiếp dân", null, null), Desk);
        var second = h.Timeline.Version;

        Assert.Contains("mới nhất", h.Refused(new Undo(first), Chair));
        var options = h.Timeline.UndoOptions();
        Assert.Equal([second], options.Where(o => o.Actor == Desk).Select(o => o.Seq));

        h.Do(new Undo(second), Chair);

        Assert.Null(h.State.FindRequest(second));
        Assert.NotNull(h.State.FindRequest(first));
        Assert.Equal(first, h.Timeline.LatestUndoableOf(Desk)!.Seq);
    }

    [Fact]
    public void GiveFloorToTheHead_IsStoredWithWhoItWas_SoAReplayNeverPicksSomeoneElse()
    {
        var (h, a, _, _) = TimelineHarness.StartedWithThree();
        h.Do(new GiveFloor(null), Chair);
        Assert.Equal(new GiveFloor(a), h.Timeline.Log[^1].Command);
    }

    [Fact]
    public void Answer_ByDefault_CoversEveryStatementSinceTheLastAnswer()
    {
        var h = StartedWithStatements(out var a, out var b, out _);

        h.Do(new CallResponder(TimelineHarness.Responder("Nguyễn Thị Minh")), Chair);

        Assert.Equal([a, b], h.State.Floor!.AboutRequests);
        Assert.Equal([a, b], h.Timeline.Turns[^1].AboutRequests);
        h.Do(new EndTurn(), Chair);
        Assert.Empty(h.State.SinceLastAnswer);
        Assert.Contains("nhiều ý kiến", h.Refused(new GiveFollowUp(), Chair));

        h.Do(new GiveFollowUp(b), Chair);
        Assert.Equal(TurnKind.FollowUp, h.State.Floor!.Kind);
        Assert.Equal("Trần Thị Hương", h.State.Floor.Speaker.Name);
        Assert.Equal(b, h.State.Floor.RequestId);
    }

    [Fact]
    public void Answer_CanBeLinkedToAnEarlierStatement_TheChairPicks()
    {
        var h = StartedWithStatements(out var a, out var b, out var c);

        h.Do(new CallResponder(TimelineHarness.Responder("Nguyễn Thị Minh"), [a]), Chair);
        h.Do(new EndTurn(), Chair);

        Assert.Equal([a], h.Timeline.Turns[^1].AboutRequests);
        Assert.Contains("chưa được trả lời", h.Refused(new GiveFollowUp(b), Chair));
        Assert.Contains("Chỉ trả lời được ý kiến đã trình bày", h.Refused(new CallResponder(TimelineHarness.Responder("R"), [c]), Chair));
        h.Do(new GiveFollowUp(), Chair);
        Assert.Equal(a, h.State.Floor!.RequestId);
    }

    [Fact]
    public void Undo_OfAJointAnswer_BringsBackTheStatementsItCovered()
    {
        var h = StartedWithStatements(out var a, out var b, out _);
        h.Do(new CallResponder(TimelineHarness.Responder("Nguyễn Thị Minh")), Chair);
        h.Do(new Undo(), Chair);
        Assert.Equal([a, b], h.State.SinceLastAnswer);
        Assert.True(h.Timeline.Turns[^1].Voided);
    }

    [Fact]
    public void Registration_ThatDiffersOnlyByAToneMark_IsAnotherPerson()
    {
        var h = new TimelineHarness();
        h.Do(new RegisterSpeaker(TimelineHarness.Citizen("Ngô Thị Hường"), "Nước sinh hoạt", null, null), Desk);
        h.Do(new RegisterSpeaker(TimelineHarness.Citizen("Ngô Thị Hương"), "Nước sinh hoạt", null, null), Desk);
        Assert.Equal(["Ngô Thị Hường", "Ngô Thị Hương"], h.State.Waiting.Select(r => r.Speaker.Name));
        Assert.False(FloorRules.SamePerson(TimelineHarness.Citizen("Ngô Thị Hương"), TimelineHarness.Citizen("Ngô Thị Hường")));
    }

    [Fact]
    public void Registration_OfTheSamePersonWithTheSameTopic_IsRefusedWhileWaiting()
    {
        var h = new TimelineHarness();
        h.Do(new RegisterSpeaker(TimelineHarness.Citizen("Ngô Thị Mến", id: 7), "Đèn chiếu sáng hỏng", null, null), Desk);
        Assert.Contains("đã đăng ký nội dung này", h.Refused(new RegisterSpeaker(TimelineHarness.Citizen("Ngô Thị Mến", id: 7), " đèn chiếu  sáng hỏng ", null, null), Desk));
        Assert.Contains("đã đăng ký nội dung này", h.Refused(new SubmitPhoneRequest(TimelineHarness.Citizen("ngô thị mến"), "Đèn chiếu sáng hỏng", null), Desk));
        h.Do(new RegisterSpeaker(TimelineHarness.Citizen("Ngô Thị Mến", id: 7), "Rác thải đầu thôn", null, null), Desk);
        Assert.Equal(2, h.State.Queue.Count);
    }

    [Fact]
    public void UserText_LosesControlAndBidiCharacters_KeepsToneMarks()
    {
        var h = new TimelineHarness();
        h.Do(new RegisterSpeaker(TimelineHarness.Citizen("Ngô\u0000 Thị\u202E Hương\u0007"), "Nội\u200B dung\r\nhai dòng", null, "Dòng 1\r\nDòng 2\u0001"), Desk);
        var r = h.State.Requests[0];
        Assert.Equal("Ngô Thị Hương", r.Speaker.Name);
        Assert.Equal("Nội dung hai dòng", r.Topic);
        Assert.Equal("Dòng 1\nDòng 2", r.Note);
    }

    [Fact]
    public void Replay_FromCheckpoints_GivesTheSameStateAsIncrementalApplication_OverALongLogWithUndos()
    {
        var random = new Random(20261201);
        var h = new TimelineHarness();
        h.Do(new StartMeeting(), Chair);
        for (var i = 0; i < 1500; i++)
        {
            h.Advance(random.Next(1, 5_000));
            MeetingCommand command = random.Next(10) switch
            {
                0 or 1 => new RegisterSpeaker(TimelineHarness.Citizen($"Người {i}"), $"Nội dung {i}", null, null),
                2 => new GiveFloor(null),
                3 => new EndTurn(),
                4 => new CallResponder(TimelineHarness.Responder("Nguyễn Thị Minh")),
                5 => new PauseTimer(),
                6 => new ResumeTimer(),
                7 => new Undo(),
                _ => new GiveFollowUp(),
            };
            var actor = random.Next(3) == 0 ? Desk : Chair;
            try { h.Do(command, actor); } catch (MeetingRuleException) { }
        }
        Assert.True(h.Timeline.Log.Count(a => a.Command is Undo) > 50, "the log needs many undos to mean anything");

        var reloaded = MeetingTimeline.Load(TimelineHarness.Settings, h.Timeline.Log);

        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(h.State), System.Text.Json.JsonSerializer.Serialize(reloaded.State));
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(h.Timeline.Turns), System.Text.Json.JsonSerializer.Serialize(reloaded.Turns));
        Assert.Equal(h.Timeline.UndoOptions().Select(o => o.Seq), reloaded.UndoOptions().Select(o => o.Seq));
    }

    [Fact]
    public void APhoneRequestWithdrawnBeforeApproval_CannotBeRequeuedWithoutApproval()
    {
        var (h, _, _, _) = TimelineHarness.StartedWithThree();
        h.Do(new SubmitPhoneRequest(TimelineHarness.Citizen("Hà Thị Nga"), "Học phí", null), "phone");
        var phone = h.Timeline.Version;
        h.Do(new WithdrawRequest(phone, ByCitizen: true), "phone");

        Assert.Contains("trước khi được duyệt", h.Refused(new RequeueRequest(phone), Chair));
        Assert.DoesNotContain(h.Timeline.UndoOptions(), o => o.Actor == "phone");
    }
}
