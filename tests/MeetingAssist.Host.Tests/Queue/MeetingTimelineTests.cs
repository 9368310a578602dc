using MeetingAssist.Host.Queue;

namespace MeetingAssist.Host.Tests.Queue;

public class MeetingTimelineTests
{
    [Fact]
    public void Undo_RepeatedThreeTimes_WalksBackThroughEachAction()
    {
        var (h, a, b, c) = TimelineHarness.StartedWithThree();
        var afterStart = h.State;
        h.Do(new MoveRequest(c, 0));
        h.Do(new GiveFloor(null));
        h.Advance(5_000);
        h.Do(new PauseTimer());

        h.Do(new Undo());
        Assert.False(h.State.Floor!.IsPaused);
        h.Do(new Undo());
        Assert.Null(h.State.Floor);
        Assert.Equal([c, a, b], h.State.Queue);
        h.Do(new Undo());
        Assert.Equal(afterStart.Queue, h.State.Queue);
        Assert.Equal(MeetingStatus.InProgress, h.State.Status);
    }

    [Fact]
    public void Undo_WithNothingLeft_IsRefused()
    {
        var h = new TimelineHarness();
        Assert.Contains("Không còn thao tác", h.Refused(new Undo()));
        h.Do(new StartMeeting());
        h.Do(new Undo());
        Assert.Equal(MeetingStatus.Preparing, h.State.Status);
        Assert.Contains("Không còn thao tác", h.Refused(new Undo()));
    }

    [Fact]
    public void Undo_IsLogged_VersionKeepsGrowing()
    {
        var (h, _, _, _) = TimelineHarness.StartedWithThree();
        var version = h.Timeline.Version;
        h.Do(new GiveFloor(null));
        h.Do(new Undo());
        Assert.Equal(version + 2, h.Timeline.Version);
    }

    [Fact]
    public void Undo_SkipsPhoneSubmissions_WhichStayPending()
    {
        var (h, a, _, _) = TimelineHarness.StartedWithThree();
        h.Do(new SkipRequest(a));
        h.Do(new SubmitPhoneRequest(TimelineHarness.Citizen("Phạm Thị Lan"), "Chế độ chính sách", null));
        var phoneId = h.Timeline.Version;
        Assert.Equal(new SkipRequest(a), h.Timeline.LatestUndoableOf("test")!.Command);
        h.Do(new Undo());
        Assert.Equal(RequestStatus.Waiting, h.State.FindRequest(a)!.Status);
        Assert.Equal(RequestStatus.PendingApproval, h.State.FindRequest(phoneId)!.Status);
    }

    [Fact]
    public void Undo_OfEndMeeting_ReopensTheMeeting()
    {
        var (h, _, _, _) = TimelineHarness.StartedWithThree();
        h.Do(new EndMeeting());
        h.Do(new Undo());
        Assert.Equal(MeetingStatus.InProgress, h.State.Status);
        Assert.True(h.State.ListOpen);
    }

    [Fact]
    public void Undo_OfGiveFloor_VoidsTheTurn_ButKeepsItInHistory()
    {
        var (h, a, b, c) = TimelineHarness.StartedWithThree();
        h.Do(new GiveFloor(b));
        var turnId = h.State.Floor!.TurnId;
        h.Advance(3_000);
        h.Do(new Undo());

        var turn = Assert.Single(h.Timeline.Turns);
        Assert.Equal(turnId, turn.TurnId);
        Assert.True(turn.Voided);
        Assert.Equal(h.Now, turn.EndedAtMs);
        Assert.Equal(new TurnCorrection(TurnCorrectionKind.Voided, h.Now), Assert.Single(turn.Corrections));
        Assert.Equal([a, b, c], h.State.Queue);
    }

    [Fact]
    public void Undo_OfEndTurn_ReopensTheSameTurn_WithACorrection()
    {
        var (h, _, _, _) = TimelineHarness.StartedWithThree();
        h.Do(new GiveFloor(null));
        var started = h.Now;
        h.Advance(40_000);
        h.Do(new EndTurn());
        h.Advance(2_000);
        h.Do(new Undo());

        Assert.NotNull(h.State.Floor);
        var turn = Assert.Single(h.Timeline.Turns);
        Assert.Null(turn.EndedAtMs);
        Assert.False(turn.Voided);
        Assert.Equal(started, turn.StartedAtMs);
        var correction = Assert.Single(turn.Corrections);
        Assert.Equal(TurnCorrectionKind.EndingUndone, correction.Kind);
        Assert.Equal(started + 40_000, correction.UndoneEndMs);
        Assert.Equal(h.Now, correction.AtMs);
        // The turn never stopped for the hall: the countdown continues from the original start.
        Assert.Equal(180_000 - 42_000, h.State.Floor.RemainingMs(h.Now));
    }

    [Fact]
    public void TurnHistory_RecordsStartEndPausesAndExtensions_AtMillisecondPrecision()
    {
        var (h, a, _, _) = TimelineHarness.StartedWithThree();
        var start = h.Now;
        h.Do(new GiveFloor(null));
        h.Advance(10_001);
        h.Do(new PauseTimer());
        h.Advance(5_002);
        h.Do(new ResumeTimer());
        h.Do(new ExtendTime(30));
        h.Advance(1_003);
        h.Do(new EndTurn());

        var turn = Assert.Single(h.Timeline.Turns);
        Assert.Equal(a, turn.RequestId);
        Assert.Equal(start, turn.StartedAtMs);
        Assert.Equal(start + 16_006, turn.EndedAtMs);
        Assert.Equal(new TurnPause(start + 10_001, start + 15_003), Assert.Single(turn.Pauses));
        Assert.Equal(30_000, turn.ExtendedMs);
        Assert.Equal(5_002, turn.PausedMs(h.Now));
    }

    [Fact]
    public void Load_ReplaysTheLog_ToTheSameStateAndTurns()
    {
        var (h, _, b, _) = TimelineHarness.StartedWithThree();
        h.Do(new GiveFloor(b));
        h.Advance(1_000);
        h.Do(new EndTurn());
        h.Do(new CallResponder(TimelineHarness.Responder("Nguyễn Thị Minh")));
        h.Advance(500);
        h.Do(new Undo());
        h.Do(new SubmitPhoneRequest(TimelineHarness.Citizen("Phạm Thị Lan"), "Chủ đề", null));

        var stored = h.Timeline.Log.ToList();
        var loaded = MeetingTimeline.Load(TimelineHarness.Settings, stored);

        Assert.Equal(h.Timeline.Version, loaded.Version);
        Assert.Equal(h.State.Queue, loaded.State.Queue);
        Assert.Equal(h.State.Floor, loaded.State.Floor);
        Assert.Equal(h.State.Requests.Select(r => (r.Id, r.Status)), loaded.State.Requests.Select(r => (r.Id, r.Status)));
        Assert.Equal(h.Timeline.Turns.Count, loaded.Turns.Count);
        Assert.Equal(h.Timeline.Turns.Select(t => (t.TurnId, t.EndedAtMs, t.Voided)), loaded.Turns.Select(t => (t.TurnId, t.EndedAtMs, t.Voided)));
    }
}
