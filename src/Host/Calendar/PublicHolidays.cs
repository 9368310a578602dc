namespace MeetingAssist.Host.Calendar;

/// <summary>A day off by law: its name, and for a day given in place of a holiday on a weekend, which holiday.</summary>
public sealed record Holiday(DateOnly Date, string Name, bool InPlaceOfWeekend = false);

/// <summary>
/// The statutory public holidays (Labour Code 2019, art. 112) computed for a year:
/// 1 Jan; Tết — the last day of the lunar year and 1–4 of the first month (5 days); Hùng Kings' day (10/3 lunar);
/// 30 Apr; 1 May; 2 Sep and the day before it. A holiday on a Saturday or Sunday gives the next day that is neither
/// a weekend nor a holiday off. The days the government swaps each year are not rules: they are overrides.
/// </summary>
public static class PublicHolidays
{
    public static IReadOnlyList<Holiday> For(int year, LunarCalendar lunar)
    {
        var tet = lunar.NewYear(year);
        var days = new List<Holiday>
        {
            new(new DateOnly(year, 1, 1), "Tết Dương lịch"),
            new(tet.AddDays(-1), "Tết Nguyên đán (ngày cuối năm âm lịch)"),
            new(tet, "Tết Nguyên đán (mùng 1)"),
            new(tet.AddDays(1), "Tết Nguyên đán (mùng 2)"),
            new(tet.AddDays(2), "Tết Nguyên đán (mùng 3)"),
            new(tet.AddDays(3), "Tết Nguyên đán (mùng 4)"),
            new(lunar.ToSolar(year, 3, 10), "Giỗ Tổ Hùng Vương (10/3 âm lịch)"),
            new(new DateOnly(year, 4, 30), "Ngày Chiến thắng (30/4)"),
            new(new DateOnly(year, 5, 1), "Ngày Quốc tế Lao động (1/5)"),
            // The law gives 2 Sep "and one adjacent day"; 1 Sep by default, moved by an override when a year's decision differs.
            new(new DateOnly(year, 9, 1), "Quốc khánh (ngày liền kề 2/9)"),
            new(new DateOnly(year, 9, 2), "Quốc khánh (2/9)"),
        };
        days.Sort((a, b) => a.Date.CompareTo(b.Date));

        var taken = days.Select(d => d.Date).ToHashSet();
        var inPlace = new List<Holiday>();
        foreach (var holiday in days.Where(d => IsWeekend(d.Date)))
        {
            var day = holiday.Date.AddDays(1);
            while (IsWeekend(day) || taken.Contains(day)) day = day.AddDays(1);
            taken.Add(day);
            inPlace.Add(new Holiday(day, $"Nghỉ bù {holiday.Name} (trùng {WorkingCalendar.Weekday(holiday.Date)} {WorkingCalendar.Format(holiday.Date)})", true));
        }
        return [.. days.Concat(inPlace).OrderBy(d => d.Date)];
    }

    public static bool IsWeekend(DateOnly day) => day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
}
