using MeetingAssist.Host.People;
using MeetingAssist.Host.Queue;

namespace MeetingAssist.Host.Tests.Queue;

/// <summary>Drives a timeline with an explicit clock, as the live service does with the real one.</summary>
internal sealed class TimelineHarness
{
    public static readonly MeetingRulesSettings Settings = new(StatementSeconds: 180, AnswerSeconds: 300, FollowUpSeconds: 60, AgendaItemCount: 3);

    public MeetingTimeline Timeline { get; } = new(Settings);

    public long Now { get; private set; } = 1_767_225_600_000; // 2026-01-01 00:00 UTC

    public MeetingState State => Timeline.State;

    public void Advance(int ms) => Now += ms;

    public MeetingState Do(MeetingCommand command, string actor = "test")
    {
        var prepared = Timeline.Prepare(command, Now, actor, actor);
        Timeline.Commit(prepared);
        return Timeline.State;
    }

    public string Refused(MeetingCommand command, string actor = "test")
    {
        var before = Timeline.State;
        var version = Timeline.Version;
        var ex = Assert.Throws<MeetingRuleException>(() => Timeline.Prepare(command, Now, actor, actor));
        Assert.Same(before, Timeline.State);
        Assert.Equal(version, Timeline.Version);
        return ex.Message;
    }

    public static SpeakerRef Citizen(string name, string hamlet = "Thôn Đông", int? id = null) => new(id, name, hamlet, PersonRole.Citizen);

    public static SpeakerRef Responder(string name) => new(100, name, "Phòng Kinh tế", PersonRole.Responder, "Trưởng phòng Kinh tế");

    public int Register(string name, string topic = "Đường liên thôn xuống cấp")
    {
        Do(new RegisterSpeaker(Citizen(name), topic, "Hạ tầng", null));
        return Timeline.Version;
    }

    /// <summary>A started meeting with three citizens waiting; returns their request ids.</summary>
    public static (TimelineHarness H, int A, int B, int C) StartedWithThree()
    {
        var h = new TimelineHarness();
        var a = h.Register("Nguyễn Văn Bình");
        var b = h.Register("Trần Thị Hương");
        var c = h.Register("Lê Văn Dũng");
        h.Do(new StartMeeting());
        return (h, a, b, c);
    }
}
