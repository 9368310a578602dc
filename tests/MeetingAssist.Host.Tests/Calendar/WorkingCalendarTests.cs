using MeetingAssist.Host.Calendar;

namespace MeetingAssist.Host.Tests.Calendar;

public class WorkingCalendarTests
{
    private static readonly WorkingCalendar Seeded = new(CalendarSeed.Year2026);
    private static readonly WorkingCalendar LawOnly = new([]);

    private static DateOnly D(string text) => DateOnly.Parse(text);

    [Fact]
    public void Holidays2026_AreTheStatutoryDays_AndASundayHolidayGivesMonday()
    {
        var days = PublicHolidays.For(2026, LunarCalendar.Vietnam).Select(h => h.Date.ToString("yyyy-MM-dd")).ToList();
        Assert.Equal(
        [
            "2026-01-01", "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20",
            "2026-04-26", "2026-04-27", "2026-04-30", "2026-05-01", "2026-09-01", "2026-09-02",
        ], days);
        Assert.Contains("Giỗ Tổ Hùng Vương", Seeded.Describe(D("2026-04-27")).Reason);
        Assert.StartsWith("Nghỉ bù", Seeded.Describe(D("2026-04-27")).Reason);
    }

    [Fact]
    public void Holiday2027_HungKingsDayOnFriday_AndTetFromTheLastDayOfTheYear()
    {
        Assert.False(LawOnly.IsWorkingDay(D("2027-04-16")));
        Assert.False(LawOnly.IsWorkingDay(D("2027-02-05")));
        // Tết 2027 (Sat 6 Feb): mùng 1 on Saturday and mùng 2 on Sunday give Wed 10 and Thu 11 Feb off in their place.
        Assert.False(LawOnly.IsWorkingDay(D("2027-02-10")));
        Assert.False(LawOnly.IsWorkingDay(D("2027-02-11")));
        Assert.True(LawOnly.IsWorkingDay(D("2027-02-12")));
    }

    [Theory]
    [InlineData("2026-01-10")]
    [InlineData("2026-08-22")]
    public void SwappedSaturdays2026_AreWorked(string day)
    {
        Assert.True(Seeded.IsWorkingDay(D(day)));
        Assert.False(LawOnly.IsWorkingDay(D(day)));
        Assert.Contains("làm việc theo điều chỉnh", Seeded.Describe(D(day)).Reason);
    }

    [Theory]
    [InlineData("2026-01-02")]
    [InlineData("2026-08-31")]
    public void ExtraDaysOff2026_AreNotWorked(string day)
    {
        Assert.False(Seeded.IsWorkingDay(D(day)));
        Assert.True(LawOnly.IsWorkingDay(D(day)));
    }

    [Fact]
    public void WorkingDays_AcrossTet_SkipTheWholeHoliday()
    {
        // Thu 12 Feb 2026 + 5 working days: Fri 13, then Sat 14 – Sun 22 are off, then Mon 23 – Thu 26.
        var deadline = Seeded.After(D("2026-02-12"), 5, DayCountKind.Working, "Trả lời kiến nghị");
        Assert.Equal(D("2026-02-26"), deadline.Date);
        Assert.Equal(Enumerable.Range(14, 9).Select(d => new DateOnly(2026, 2, d)), deadline.Skipped.Select(s => s.Date));
        Assert.Contains("Tết Nguyên đán (mùng 1)", deadline.Explanation);
        Assert.Contains("Thứ Năm, 26/02/2026", deadline.Explanation);
    }

    [Fact]
    public void PlainDays_EndingOnTet_MoveToTheNextWorkingDay()
    {
        var deadline = Seeded.After(D("2026-02-10"), 7, DayCountKind.Plain, "Thông báo kết luận");
        Assert.Equal(D("2026-02-23"), deadline.Date);
        Assert.Contains("rơi vào 17/02/2026 là ngày nghỉ", deadline.Explanation);
    }

    [Fact]
    public void PlainDays_OnAWorkingDay_AreNotMoved()
    {
        var deadline = Seeded.After(D("2026-03-02"), 10, DayCountKind.Plain, "Thông báo kết luận");
        Assert.Equal(D("2026-03-12"), deadline.Date);
        Assert.Empty(deadline.Skipped);
    }

    [Fact]
    public void NoticeBeforeTheMeeting_OnADayOff_MovesEarlier()
    {
        // A meeting on Mon 23 Feb 2026: 7 days before is Mon 16 Feb (Tết), so the notice must go out by Fri 13 Feb.
        var deadline = Seeded.Before(D("2026-02-23"), 7, DayCountKind.Plain, "Thông báo công khai");
        Assert.Equal(D("2026-02-13"), deadline.Date);
        var working = Seeded.Before(D("2026-02-23"), 5, DayCountKind.Working, "Trả lời trước hội nghị");
        // Working days before Mon 23 Feb: Fri 13, Thu 12, Wed 11, Tue 10, Mon 9.
        Assert.Equal(D("2026-02-09"), working.Date);
    }

    [Fact]
    public void SwappedSaturday_CountsAsAWorkingDay()
    {
        // From Thu 8 Jan 2026, 2 working days: Fri 9 and the worked Sat 10 Jan.
        Assert.Equal(D("2026-01-10"), Seeded.After(D("2026-01-08"), 2, DayCountKind.Working, "r").Date);
        Assert.Equal(D("2026-01-12"), LawOnly.After(D("2026-01-08"), 2, DayCountKind.Working, "r").Date);
    }

    [Fact]
    public void AnOverride_MovesARunningDeadline()
    {
        // Wed 26 Aug 2026 + 3 working days: Thu 27, Fri 28, then Mon 31 Aug unless it is made a day off, when
        // Tue 1 and Wed 2 Sep (Quốc khánh) follow and the deadline is Thu 3 Sep.
        Assert.Equal(D("2026-08-31"), LawOnly.After(D("2026-08-26"), 3, DayCountKind.Working, "r").Date);
        var moved = Seeded.After(D("2026-08-26"), 3, DayCountKind.Working, "r");
        Assert.Equal(D("2026-09-03"), moved.Date);
        Assert.Contains("nghỉ theo điều chỉnh", moved.Explanation);
    }

    [Fact]
    public void ZeroDays_OnAWorkingDay_IsThatDay() =>
        Assert.Equal(D("2026-03-02"), Seeded.After(D("2026-03-02"), 0, DayCountKind.Working, "r").Date);
}
