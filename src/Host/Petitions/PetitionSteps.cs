using MeetingAssist.Host.Calendar;
using MeetingAssist.Host.Plans;

namespace MeetingAssist.Host.Petitions;

/// <summary>What a step needs beyond the petition itself: the day, the calendar and the plan's rules for deadlines.</summary>
public sealed record StepContext(DateOnly Today, WorkingCalendar Calendar, DeadlineRules Rules);

/// <summary>What a walk gives the steps that need it when the petition has none yet: the department for "đã phân công", the answer for "đã có trả lời".</summary>
public sealed record WalkSupplies(string? Department, string? Answer);

/// <summary>
/// Moving a petition through <see cref="PetitionRules"/> one allowed step at a time. A mark made at the meeting
/// ("answered here") may find the petition several steps earlier; the walk is the shortest run of allowed steps,
/// each checked and applied exactly as a clerk's own transition would be. Pure: the caller stores the history.
/// </summary>
public static class PetitionSteps
{
    /// <summary>The allowed steps from <paramref name="from"/> to <paramref name="to"/>, shortest first; empty when already there, null when no path exists.</summary>
    public static IReadOnlyList<PetitionStatus>? PathTo(PetitionStatus from, PetitionStatus to)
    {
        if (from == to) return [];
        var previous = new Dictionary<PetitionStatus, PetitionStatus> { [from] = from };
        var frontier = new Queue<PetitionStatus>([from]);
        while (frontier.Count > 0)
        {
            var at = frontier.Dequeue();
            foreach (var next in PetitionRules.AllowedFrom(at))
            {
                if (!previous.TryAdd(next, at)) continue;
                if (next == to)
                {
                    var path = new List<PetitionStatus> { to };
                    for (var s = at; s != from; s = previous[s]) path.Add(s);
                    path.Reverse();
                    return path;
                }
                frontier.Enqueue(next);
            }
        }
        return null;
    }

    /// <summary>
    /// The refusal for a target that cannot be reached by allowed steps, worded like the registry's own
    /// (<see cref="PetitionRules.Check"/>).
    /// </summary>
    public static string Unreachable(PetitionStatus from, PetitionStatus to)
    {
        var allowed = PetitionRules.AllowedFrom(from);
        var hint = allowed.Count == 0
            ? "Kiến nghị đã giải quyết xong, không chuyển tiếp được."
            : "Từ trạng thái này chỉ có thể chuyển sang: " + string.Join(", ", allowed.Select(PetitionLabels.Of)) + ".";
        return $"Kiến nghị đang ở trạng thái «{PetitionLabels.Of(from)}», không thể chuyển sang «{PetitionLabels.Of(to)}». {hint}";
    }

    /// <summary>
    /// Applies one allowed step and what it brings (deadlines, answered and resolved dates), after the rules'
    /// check; throws <see cref="PetitionRuleException"/> when refused. Returns the state it left.
    /// </summary>
    public static PetitionStatus Apply(Petition petition, PetitionStatus to, string? answer, StepContext context)
    {
        PetitionRules.Check(petition, to, answer);
        var from = petition.Status;
        petition.Status = to;
        if (answer is not null) petition.Answer = answer;
        if (petition.Kind == PetitionKind.Request)
        {
            // A computed deadline starts when the department gets the petition, and again when a written answer is promised.
            if (to == PetitionStatus.Assigned && petition.DueDate is null)
                PetitionDeadlines.SetDue(petition, context.Today, context.Rules.DepartmentAnswerWorkingDays, context.Calendar, "Phòng ban trả lời kiến nghị");
            if (to == PetitionStatus.WrittenAnswerNeeded)
                PetitionDeadlines.SetDue(petition, context.Today, context.Rules.DepartmentAnswerWorkingDays, context.Calendar, "Trả lời bằng văn bản");
        }
        if (to == PetitionStatus.Answered) petition.AnsweredOn = context.Today;
        if (to == PetitionStatus.Resolved) petition.ResolvedOn = context.Today;
        return from;
    }

    /// <summary>
    /// Walks every missing step up to <paramref name="to"/>, each applied and checked as its own transition; returns
    /// the steps taken (none when already there). Throws <see cref="PetitionRuleException"/> when no allowed path
    /// exists or a step is refused; the caller then stores nothing.
    /// </summary>
    public static IReadOnlyList<(PetitionStatus From, PetitionStatus To)> Walk(Petition petition, PetitionStatus to, WalkSupplies supplies, StepContext context)
    {
        var path = PathTo(petition.Status, to) ?? throw new PetitionRuleException(Unreachable(petition.Status, to));
        var steps = new List<(PetitionStatus, PetitionStatus)>();
        foreach (var step in path)
        {
            if (step == PetitionStatus.Assigned && string.IsNullOrWhiteSpace(petition.Department)) petition.Department = supplies.Department;
            var answer = step == PetitionStatus.Answered && string.IsNullOrWhiteSpace(petition.Answer) ? supplies.Answer : null;
            steps.Add((Apply(petition, step, answer, context), step));
        }
        return steps;
    }
}
