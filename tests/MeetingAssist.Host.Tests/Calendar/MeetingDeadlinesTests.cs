using MeetingAssist.Host.Calendar;
using MeetingAssist.Host.Plans;

namespace MeetingAssist.Host.Tests.Calendar;

public class MeetingDeadlinesTests
{
    [Fact]
    public void AMeetingAfterTet_GetsEachDateFromThePlanRules()
    {
        var calendar = new WorkingCalendar(CalendarSeed.Year2026);
        // Thu 26 Feb 2026, just after Tết Bính Ngọ (off Sat 14 – Sun 22 Feb).
        var dates = MeetingDeadlines.For(new DateOnly(2026, 2, 26), new DeadlineRules(), calendar);
        Assert.Equal(
        [
            new DateOnly(2026, 2, 13), // 7 days before is Thu 19 Feb (Tết): moved earlier to Fri 13 Feb
            new DateOnly(2026, 2, 12), // 5 working days before: Wed 25, Tue 24, Mon 23, Fri 13, Thu 12
            new DateOnly(2026, 3, 12), // conclusion: 10 working days after
            new DateOnly(2026, 3, 19), // complex cases: 15
            new DateOnly(2026, 3, 23), // department answers: 7 working days after the conclusion deadline
            new DateOnly(2026, 3, 5),  // report up: 5 working days
        ], dates.Select(d => d.Date));
        Assert.Contains("Tết Nguyên đán", dates[0].Explanation);
        Assert.All(dates, d => Assert.Contains("Hạn:", d.Explanation));
    }

    [Fact]
    public void WorkingDayNotice_CountsOnlyWorkingDays()
    {
        var calendar = new WorkingCalendar(CalendarSeed.Year2026);
        var rules = new DeadlineRules { NoticeCountKind = DayCountKind.Working };
        // Mon 12 Jan 2026: Sat 10 (worked), Fri 9 – Mon 5 make six; Sun 4, Sat 3, Fri 2 (swapped) and Thu 1 Jan are off,
        // so the seventh working day before is Wed 31 Dec 2025.
        var notice = MeetingDeadlines.For(new DateOnly(2026, 1, 12), rules, calendar)[0];
        Assert.Equal(new DateOnly(2025, 12, 31), notice.Date);
        Assert.Contains("02/01/2026 (nghỉ theo điều chỉnh", notice.Explanation);
    }

    [Fact]
    public void RulesOutOfRange_AreRefusedInVietnamese()
    {
        var problems = MeetingDeadlines.Problems(new DeadlineRules { ConclusionWorkingDays = 0, ConclusionComplexWorkingDays = 0 }).ToList();
        Assert.Contains(problems, p => p.Contains("thông báo kết luận", StringComparison.Ordinal));
        Assert.Empty(MeetingDeadlines.Problems(new DeadlineRules()));
    }
}
