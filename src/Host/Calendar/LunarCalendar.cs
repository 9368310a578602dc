using System.Collections.Concurrent;

namespace MeetingAssist.Host.Calendar;

/// <summary>A day of the lunisolar calendar; <see cref="Year"/> is the Gregorian year in which that lunar year's Tết falls.</summary>
public readonly record struct LunarDate(int Year, int Month, int Day, bool IsLeapMonth)
{
    public override string ToString() => $"{Day}/{Month}{(IsLeapMonth ? " nhuận" : "")}/{Year} âm lịch";
}

/// <summary>One lunar month: its number (1–12), whether it is the year's leap month, its first day and length.</summary>
public sealed record LunarMonth(int Number, bool IsLeap, DateOnly Start, int Length);

/// <summary>
/// The Vietnamese lunisolar calendar computed from the astronomy, for a given clock (UTC+7 for Vietnam; UTC+8 gives
/// the Chinese calendar, which is how the two differ in years such as 1985 and 2007):
/// - a month starts on the civil day of the new moon;
/// - month 11 is the month that contains the day of the winter solstice (sun at 270°);
/// - when 13 new moons start between one month 11 and the next, the first month after month 11 in which the sun
///   reaches no multiple of 30° (no major solar term, <i>trung khí</i>) is a leap month and repeats the number
///   of the month before it.
/// </summary>
public sealed class LunarCalendar(double utcOffsetHours = 7)
{
    public static readonly LunarCalendar Vietnam = new(7);

    public double UtcOffsetHours { get; } = utcOffsetHours;

    /// <summary>The months from one month 11 up to, not including, the next; keyed by the year of the second solstice.</summary>
    private readonly ConcurrentDictionary<int, IReadOnlyList<LunarMonth>> _solsticeYears = new();

    /// <summary>The first day of the lunar year whose new year falls in Gregorian <paramref name="year"/> (Tết).</summary>
    public DateOnly NewYear(int year) => SolsticeYear(year).First(m => m.Number == 1 && !m.IsLeap).Start;

    /// <summary>The months of a lunar year, from month 1 to the last month before the next Tết (12 or 13 months).</summary>
    public IReadOnlyList<LunarMonth> MonthsOf(int year)
    {
        var months = SolsticeYear(year).Concat(SolsticeYear(year + 1)).ToList();
        var first = months.FindIndex(m => m.Number == 1 && !m.IsLeap);
        var next = months.FindIndex(first + 1, m => m.Number == 1 && !m.IsLeap);
        return months.GetRange(first, next - first);
    }

    /// <summary>The number of the leap month of a lunar year, or null in a year of 12 months.</summary>
    public int? LeapMonthOf(int year) => MonthsOf(year).FirstOrDefault(m => m.IsLeap)?.Number;

    public LunarDate ToLunar(DateOnly date)
    {
        var year = date < NewYear(date.Year) ? date.Year - 1 : date.Year;
        var month = MonthsOf(year).Last(m => m.Start <= date);
        return new LunarDate(year, month.Number, date.DayNumber - month.Start.DayNumber + 1, month.IsLeap);
    }

    public DateOnly ToSolar(int year, int month, int day, bool leapMonth = false)
    {
        var found = MonthsOf(year).FirstOrDefault(m => m.Number == month && m.IsLeap == leapMonth)
            ?? throw new ArgumentOutOfRangeException(nameof(month), $"Năm âm lịch {year} không có tháng {month}{(leapMonth ? " nhuận" : "")}.");
        if (day < 1 || day > found.Length)
            throw new ArgumentOutOfRangeException(nameof(day), $"Tháng {month} năm âm lịch {year} có {found.Length} ngày.");
        return found.Start.AddDays(day - 1);
    }

    private IReadOnlyList<LunarMonth> SolsticeYear(int year) => _solsticeYears.GetOrAdd(year, BuildSolsticeYear);

    private IReadOnlyList<LunarMonth> BuildSolsticeYear(int year)
    {
        var first = Month11Lunation(year - 1);
        var next = Month11Lunation(year);
        var starts = Enumerable.Range(first, next - first + 1).Select(k => LocalDay(Astronomy.NewMoon(k))).ToArray();
        var hasLeap = next - first == 13;
        var leapFound = false;
        var number = 11;
        var months = new List<LunarMonth>();
        for (var i = 0; i < next - first; i++)
        {
            var isLeap = false;
            if (i > 0)
            {
                if (hasLeap && !leapFound && !ContainsMajorTerm(starts[i], starts[i + 1]))
                {
                    isLeap = true;
                    leapFound = true;
                }
                else
                {
                    number = number % 12 + 1;
                }
            }
            months.Add(new LunarMonth(number, isLeap, DateOnly.FromDayNumber(starts[i]), starts[i + 1] - starts[i]));
        }
        return months;
    }

    /// <summary>The new moon number that starts the month containing the winter solstice of Gregorian <paramref name="year"/>.</summary>
    private int Month11Lunation(int year)
    {
        var guess = new DateOnly(year, 12, 21).DayNumber + Astronomy.JulianDayOfDayNumberZero;
        var solsticeDay = LocalDay(Astronomy.SunReaches(270, guess));
        var k = Astronomy.NearestLunation(solsticeDay + Astronomy.JulianDayOfDayNumberZero);
        while (LocalDay(Astronomy.NewMoon(k)) > solsticeDay) k--;
        while (LocalDay(Astronomy.NewMoon(k + 1)) <= solsticeDay) k++;
        return k;
    }

    /// <summary>Whether the sun passes a multiple of 30° between the local midnights that start the two days.</summary>
    private bool ContainsMajorTerm(int startDay, int nextStartDay) => MajorTermAt(startDay) != MajorTermAt(nextStartDay);

    private int MajorTermAt(int dayNumber) =>
        (int)Math.Floor(Astronomy.SunLongitude(dayNumber + Astronomy.JulianDayOfDayNumberZero - UtcOffsetHours / 24) / 30);

    /// <summary>The civil day (DateOnly.DayNumber) on this calendar's clock of an instant given as a Julian day (UT).</summary>
    private int LocalDay(double julianDayUt) =>
        (int)Math.Floor(julianDayUt + UtcOffsetHours / 24 - Astronomy.JulianDayOfDayNumberZero);
}
