using System.Globalization;

namespace MeetingAssist.Host.Petitions.Import;

/// <summary>Dates as offices type them (day first) or as Excel stores them (serial day numbers).</summary>
public static class SheetDates
{
    private static readonly string[] Formats =
    [
        "d/M/yyyy", "d/M/yy", "d-M-yyyy", "d-M-yy", "d.M.yyyy", "d.M.yy", "yyyy-M-d", "d/M/yyyy H:mm", "d/M/yyyy H:mm:ss", "yyyy-MM-ddTHH:mm:ss",
    ];

    /// <summary>
    /// An Excel day number. The 1900 system counts 1 as 1 Jan 1900 and keeps Lotus's false 29 Feb 1900 (serial 60),
    /// so serials from 61 on are days since 30 Dec 1899; the 1904 system counts from 1 Jan 1904.
    /// </summary>
    public static DateOnly? FromSerial(double serial, bool date1904 = false)
    {
        if (double.IsNaN(serial) || serial < 1 || serial >= 2_958_466) return null;
        var days = (int)Math.Floor(serial);
        if (date1904) return new DateOnly(1904, 1, 1).AddDays(days);
        if (days == 60) return null;
        return days < 60 ? new DateOnly(1899, 12, 31).AddDays(days) : new DateOnly(1899, 12, 30).AddDays(days);
    }

    /// <summary>A date cell's text: dd/MM/yyyy and its variants, or a bare serial number.</summary>
    public static DateOnly? Parse(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0) return null;
        // "ngày 05 tháng 01 năm 2024" as written in documents.
        var folded = VietnameseText.Fold(trimmed);
        if (folded.StartsWith("ngay ", StringComparison.Ordinal) && folded.Contains(" thang ", StringComparison.Ordinal))
        {
            var numbers = folded.Split(' ').Where(p => p.All(char.IsAsciiDigit) && p.Length > 0).ToArray();
            if (numbers.Length == 3) trimmed = $"{numbers[0]}/{numbers[1]}/{numbers[2]}";
        }
        if (DateTime.TryParseExact(trimmed, Formats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var parsed))
            return DateOnly.FromDateTime(parsed);
        if (double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial >= 20_000)
            return FromSerial(serial);
        return null;
    }
}
