using MeetingAssist.Host.Calendar;

namespace MeetingAssist.Host.Tests.Calendar;

/// <summary>The lunar calendar against dates published by the Vietnamese and Chinese authorities.</summary>
public class LunarCalendarTests
{
    private static readonly LunarCalendar Vietnam = LunarCalendar.Vietnam;
    private static readonly LunarCalendar China = new(8);

    [Theory]
    [InlineData(2000, "2000-02-05")]
    [InlineData(2020, "2020-01-25")]
    [InlineData(2023, "2023-01-22")]
    [InlineData(2024, "2024-02-10")]
    [InlineData(2025, "2025-01-29")]
    [InlineData(2026, "2026-02-17")]
    [InlineData(2027, "2027-02-06")]
    [InlineData(1985, "1985-01-21")]
    [InlineData(2007, "2007-02-17")]
    public void Tet_IsTheFirstDayOfTheFirstMonth(int year, string expected)
    {
        Assert.Equal(DateOnly.Parse(expected), Vietnam.NewYear(year));
        Assert.Equal(new LunarDate(year, 1, 1, false), Vietnam.ToLunar(DateOnly.Parse(expected)));
    }

    [Theory]
    [InlineData(1985, "1985-02-20")]
    [InlineData(2007, "2007-02-18")]
    [InlineData(2024, "2024-02-10")]
    [InlineData(2026, "2026-02-17")]
    public void OnTheChineseClock_TheSameCodeGivesTheChineseNewYear(int year, string expected) =>
        Assert.Equal(DateOnly.Parse(expected), China.NewYear(year));

    [Theory]
    [InlineData(2026, "2026-04-26")]
    [InlineData(2027, "2027-04-16")]
    [InlineData(2024, "2024-04-18")]
    [InlineData(2025, "2025-04-07")]
    public void HungKingsDay_IsThe10thOfThe3rdMonth(int year, string expected) =>
        Assert.Equal(DateOnly.Parse(expected), Vietnam.ToSolar(year, 3, 10));

    [Theory]
    [InlineData(2020, 4, "2020-05-23")]
    [InlineData(2023, 2, "2023-03-22")]
    [InlineData(2025, 6, "2025-07-25")]
    public void LeapMonth_FollowsTheMonthWithoutAMajorSolarTerm(int year, int month, string start)
    {
        Assert.Equal(month, Vietnam.LeapMonthOf(year));
        Assert.Equal(13, Vietnam.MonthsOf(year).Count);
        Assert.Equal(DateOnly.Parse(start), Vietnam.ToSolar(year, month, 1, leapMonth: true));
        Assert.Equal(new LunarDate(year, month, 1, true), Vietnam.ToLunar(DateOnly.Parse(start)));
    }

    [Theory]
    [InlineData(2024)]
    [InlineData(2026)]
    [InlineData(2027)]
    public void YearsWithoutLeapMonth_HaveTwelveMonths(int year)
    {
        Assert.Null(Vietnam.LeapMonthOf(year));
        Assert.Equal(Enumerable.Range(1, 12), Vietnam.MonthsOf(year).Select(m => m.Number));
    }

    [Theory]
    [InlineData("2024-09-17", 2024, 8, 15)] // Tết Trung thu
    [InlineData("2026-02-16", 2025, 12, 29)] // last day of Ất Tỵ: month 12 has 29 days
    [InlineData("2025-01-28", 2024, 12, 29)]
    public void ToLunar_KnownDays(string date, int year, int month, int day) =>
        Assert.Equal(new LunarDate(year, month, day, false), Vietnam.ToLunar(DateOnly.Parse(date)));

    [Fact]
    public void EveryDayOfTwoCenturies_RoundTrips()
    {
        // A month is 29 or 30 days and consecutive days map to consecutive lunar days.
        for (var year = 1901; year < 2100; year++)
        {
            var months = Vietnam.MonthsOf(year);
            Assert.InRange(months.Count, 12, 13);
            foreach (var month in months) Assert.InRange(month.Length, 29, 30);
            Assert.Equal(Vietnam.NewYear(year + 1), months[^1].Start.AddDays(months[^1].Length));
        }
        var day = new DateOnly(2026, 1, 1);
        for (var i = 0; i < 800; i++, day = day.AddDays(1))
        {
            var lunar = Vietnam.ToLunar(day);
            Assert.Equal(day, Vietnam.ToSolar(lunar.Year, lunar.Month, lunar.Day, lunar.IsLeapMonth));
        }
    }
}
