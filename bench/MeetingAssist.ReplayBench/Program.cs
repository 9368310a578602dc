using MeetingAssist.Host.People;
// Start-up and undo cost of a long meeting log: loads the same log with checkpoints and, as the baseline in the
// same run, with every undo replayed from the first action (how the server worked before checkpoints).
// Usage: dotnet run -c Release --project bench/MeetingAssist.ReplayBench [-- ACTIONS UNDO_EVERY]
using System.Diagnostics;
using MeetingAssist.Host.Queue;

var actions = args.Length > 0 ? int.Parse(args[0]) : 9_368;
var undoEvery = args.Length > 1 ? int.Parse(args[1]) : 10;
var settings = new MeetingRulesSettings(180, 300, 60, 4);
var log = BuildLog(actions, undoEvery, settings);
Console.WriteLine($"Log: {log.Count} actions, {log.Count(a => a.Command is Undo)} undos");

var withCheckpoints = Time(() => MeetingTimeline.Load(settings, log), warmUp: true);
// The baseline takes minutes; one run of it, after the JIT has warmed up on the first measurement.
var baseline = Time(() => MeetingTimeline.Load(settings, log, checkpointEvery: int.MaxValue), warmUp: false);
Console.WriteLine($"Load, every undo replayed from the start (baseline): {baseline.TotalMilliseconds,9:F0} ms");
Console.WriteLine($"Load, undo replayed from the nearest checkpoint:     {withCheckpoints.TotalMilliseconds,9:F0} ms");
Console.WriteLine($"Ratio: {withCheckpoints.TotalMilliseconds / baseline.TotalMilliseconds:F4}");

var loaded = MeetingTimeline.Load(settings, log);
var sw = Stopwatch.StartNew();
var undo = loaded.Prepare(new Undo(), log[^1].AtMs + 1000, "chair", "chair");
Console.WriteLine($"One more undo at the end of the log: {sw.Elapsed.TotalMilliseconds:F2} ms ({(undo.Action.UndoesSeq is null ? "none" : "prepared")})");

static TimeSpan Time(Action action, bool warmUp)
{
    if (warmUp) action();
    var sw = Stopwatch.StartNew();
    action();
    return sw.Elapsed;
}

// A meeting as the desk and chair run it; every so often the person who just acted undoes it (the usual slip of a
// finger). Only accepted actions enter the log.
static List<LoggedAction> BuildLog(int count, int undoEvery, MeetingRulesSettings settings)
{
    var timeline = new MeetingTimeline(settings);
    var random = new Random(7);
    var now = 1_796_000_000_000L;
    var i = 0;
    var lastActor = "chair";
    while (timeline.Version < count)
    {
        now += random.Next(200, 20_000);
        i++;
        var undo = i % undoEvery == 0;
        var actor = undo ? lastActor : random.Next(3) == 0 ? "desk" : "chair";
        MeetingCommand command = timeline.Version == 0 ? new StartMeeting()
            : undo ? new Undo()
            : random.Next(8) switch
            {
                0 or 1 => new RegisterSpeaker(new SpeakerRef(null, $"Người dân {i}", "Thôn Đông", PersonRole.Citizen), $"Nội dung {i}", "Đất đai", null),
                2 => new GiveFloor(null),
                3 => new EndTurn(),
                4 => new CallResponder(new SpeakerRef(100, "Nguyễn Thị Minh", "Phòng Kinh tế", PersonRole.Responder, "Trưởng phòng")),
                5 => new PauseTimer(),
                6 => new ResumeTimer(),
                _ => new GiveFollowUp(),
            };
        try
        {
            timeline.Commit(timeline.Prepare(command, now, actor, actor));
            lastActor = actor;
        }
        catch (MeetingRuleException)
        {
        }
    }
    return timeline.Log.ToList();
}
