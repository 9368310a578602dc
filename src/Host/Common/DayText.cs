using System.Globalization;

namespace MeetingAssist.Host.Common;

/// <summary>
/// A day as a clerk types it: 31/12/2026 (or 31-12-2026, 31.12.2026, 1/2/2026), the way dates are written in
/// Vietnam, and also 2026-12-31 as pages and scripts send it. Years 1901–2099, the span the calendar computes.
/// </summary>
public static class DayText
{
    /// <summary>Said in every message about a date that could not be read.</summary>
    public const string Expected = "ngày/tháng/năm, ví dụ 31/12/2026";

    private static readonly string[] Formats = ["d/M/yyyy", "d-M-yyyy", "d.M.yyyy", "yyyy-MM-dd"];

    public static DateOnly? Parse(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) && day.Year is >= 1901 and <= 2099
            ? day : null;
}
