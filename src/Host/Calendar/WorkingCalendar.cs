using System.Collections.Concurrent;
using System.Globalization;

namespace MeetingAssist.Host.Calendar;

/// <summary>A day the admin changed for one year: an extra day off, or a Saturday/Sunday worked in exchange.</summary>
public sealed record DayOverride(DateOnly Date, bool IsDayOff, string Reason);

/// <summary>Whether a day is worked, and why not.</summary>
public sealed record DayStatus(DateOnly Date, bool IsWorkingDay, string Reason);

/// <summary>
/// Working days: Monday to Friday, less the statutory holidays (<see cref="PublicHolidays"/>), with the year's
/// overrides applied last (a day off added, a weekend day worked). Pure: the overrides are given to it.
/// </summary>
public sealed class WorkingCalendar
{
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");
    private readonly LunarCalendar _lunar;
    private readonly Dictionary<DateOnly, DayOverride> _overrides;
    private readonly ConcurrentDictionary<int, IReadOnlyDictionary<DateOnly, Holiday>> _holidays = new();

    public WorkingCalendar(IEnumerable<DayOverride> overrides, LunarCalendar? lunar = null)
    {
        _lunar = lunar ?? LunarCalendar.Vietnam;
        _overrides = overrides.ToDictionary(o => o.Date);
    }

    public IReadOnlyList<DayOverride> Overrides => [.. _overrides.Values.OrderBy(o => o.Date)];

    public IReadOnlyDictionary<DateOnly, Holiday> HolidaysOf(int year) =>
        _holidays.GetOrAdd(year, y => PublicHolidays.For(y, _lunar).ToDictionary(h => h.Date));

    public bool IsWorkingDay(DateOnly day) => Describe(day).IsWorkingDay;

    public DayStatus Describe(DateOnly day)
    {
        if (_overrides.TryGetValue(day, out var change))
            return new DayStatus(day, !change.IsDayOff, change.IsDayOff ? $"nghỉ theo điều chỉnh: {change.Reason}" : $"làm việc theo điều chỉnh: {change.Reason}");
        if (HolidaysOf(day.Year).TryGetValue(day, out var holiday)) return new DayStatus(day, false, holiday.Name);
        if (PublicHolidays.IsWeekend(day)) return new DayStatus(day, false, Weekday(day));
        return new DayStatus(day, true, "ngày làm việc");
    }

    /// <summary>The days of a year that differ from an ordinary Monday-to-Friday week, with their reasons.</summary>
    public IReadOnlyList<DayStatus> ExceptionsOf(int year)
    {
        var days = HolidaysOf(year).Keys.Concat(_overrides.Keys.Where(d => d.Year == year)).Distinct().Order();
        return [.. days.Select(Describe)];
    }

    /// <summary>
    /// A deadline <paramref name="count"/> days after an event, counted from the next day. In working days the
    /// count only steps on working days; in plain days a deadline that falls on a day off moves to the next working day.
    /// </summary>
    public Deadline After(DateOnly eventDay, int count, DayCountKind kind, string rule)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var skipped = new List<DayStatus>();
        DateOnly day;
        string how;
        if (kind == DayCountKind.Working)
        {
            day = eventDay;
            for (var counted = 0; counted < count;)
            {
                day = day.AddDays(1);
                var status = Describe(day);
                if (status.IsWorkingDay) counted++;
                else skipped.Add(status);
            }
            if (count == 0) day = NextWorkingDayFrom(eventDay, skipped);
            how = $"{count} ngày làm việc kể từ ngày sau {Format(eventDay)}";
        }
        else
        {
            var plain = eventDay.AddDays(count);
            day = NextWorkingDayFrom(plain, skipped);
            how = $"{count} ngày kể từ ngày sau {Format(eventDay)}" +
                  (day == plain ? "" : $", rơi vào {Format(plain)} là ngày nghỉ nên chuyển sang ngày làm việc tiếp theo");
        }
        return new Deadline(day, rule, Explain(rule, how, day, skipped), skipped);
    }

    /// <summary>
    /// The latest day that is still <paramref name="count"/> days before an event. A day off there moves the
    /// deadline earlier (to the previous working day), never later, so the rule "at least N days before" still holds.
    /// </summary>
    public Deadline Before(DateOnly eventDay, int count, DayCountKind kind, string rule)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var skipped = new List<DayStatus>();
        DateOnly day;
        string how;
        if (kind == DayCountKind.Working)
        {
            day = eventDay;
            for (var counted = 0; counted < count;)
            {
                day = day.AddDays(-1);
                var status = Describe(day);
                if (status.IsWorkingDay) counted++;
                else skipped.Add(status);
            }
            if (count == 0) day = PreviousWorkingDayFrom(eventDay, skipped);
            how = $"{count} ngày làm việc trước {Format(eventDay)}";
        }
        else
        {
            var plain = eventDay.AddDays(-count);
            day = PreviousWorkingDayFrom(plain, skipped);
            how = $"{count} ngày trước {Format(eventDay)}" +
                  (day == plain ? "" : $", rơi vào {Format(plain)} là ngày nghỉ nên chuyển lên ngày làm việc liền trước");
        }
        return new Deadline(day, rule, Explain(rule, how, day, skipped), skipped);
    }

    private DateOnly NextWorkingDayFrom(DateOnly day, List<DayStatus> skipped)
    {
        for (var status = Describe(day); !status.IsWorkingDay; status = Describe(day))
        {
            skipped.Add(status);
            day = day.AddDays(1);
        }
        return day;
    }

    private DateOnly PreviousWorkingDayFrom(DateOnly day, List<DayStatus> skipped)
    {
        for (var status = Describe(day); !status.IsWorkingDay; status = Describe(day))
        {
            skipped.Add(status);
            day = day.AddDays(-1);
        }
        return day;
    }

    private static string Explain(string rule, string how, DateOnly day, IReadOnlyList<DayStatus> skipped)
    {
        var text = $"{rule}: {how}. Hạn: {Weekday(day)}, {Format(day)}.";
        if (skipped.Count > 0)
            text += " Không tính các ngày nghỉ: " + string.Join("; ", skipped.OrderBy(s => s.Date).Select(s => $"{Format(s.Date)} ({s.Reason})")) + ".";
        return text;
    }

    public static string Format(DateOnly day) => day.ToString("dd/MM/yyyy", Vietnamese);

    public static string Weekday(DateOnly day) => day.DayOfWeek switch
    {
        DayOfWeek.Monday => "Thứ Hai",
        DayOfWeek.Tuesday => "Thứ Ba",
        DayOfWeek.Wednesday => "Thứ Tư",
        DayOfWeek.Thursday => "Thứ Năm",
        DayOfWeek.Friday => "Thứ Sáu",
        DayOfWeek.Saturday => "Thứ Bảy",
        _ => "Chủ nhật",
    };
}

public enum DayCountKind
{
    /// <summary>Calendar days (<i>ngày</i>).</summary>
    Plain,
    /// <summary>Working days (<i>ngày làm việc</i>).</summary>
    Working,
}

/// <summary>A computed date with the rule it comes from, the days off it stepped over and a sentence that says why.</summary>
public sealed record Deadline(DateOnly Date, string Rule, string Explanation, IReadOnlyList<DayStatus> Skipped);
