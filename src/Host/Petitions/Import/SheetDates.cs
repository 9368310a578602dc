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
        if (DayFirst(trimmed) is { } quick) return quick;
        // "ngày 05 tháng 01 năm 2024" as written in documents.
        if (trimmed.Length > 12 && char.IsLetter(trimmed[0]))
        {
            var folded = VietnameseText.Fold(trimmed);
            if (folded.StartsWith("ngay ", StringComparison.Ordinal) && folded.Contains(" thang ", StringComparison.Ordinal))
            {
                var numbers = folded.Split(' ').Where(p => p.Length > 0 && p.All(char.IsAsciiDigit)).ToArray();
                if (numbers.Length == 3) trimmed = $"{numbers[0]}/{numbers[1]}/{numbers[2]}";
            }
        }
        if (DateTime.TryParseExact(trimmed, Formats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var parsed))
            return DateOnly.FromDateTime(parsed);
        if (double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial >= 20_000)
            return FromSerial(serial);
        return null;
    }

    /// <summary>The common shapes without the general parser: d/M/yyyy, d-M-yy, d.M.yyyy and yyyy-M-d, nothing after.</summary>
    private static DateOnly? DayFirst(string text)
    {
        Span<int> parts = stackalloc int[3];
        Span<int> lengths = stackalloc int[3];
        var part = 0;
        var separator = '\0';
        foreach (var c in text)
        {
            if (c is >= '0' and <= '9')
            {
                parts[part] = parts[part] * 10 + (c - '0');
                if (++lengths[part] > 4) return null;
            }
            else if (c is '/' or '-' or '.' && (separator == '\0' || separator == c) && lengths[part] > 0 && part < 2)
            {
                separator = c;
                part++;
            }
            else return null;
        }
        if (part != 2 || lengths[2] == 0) return null;
        var (day, month, year) = lengths[0] == 4 ? (parts[2], parts[1], parts[0]) : (parts[0], parts[1], parts[2]);
        if (lengths[0] != 4 && lengths[2] is 2) year += year < 50 ? 2000 : 1900;
        else if (lengths[0] != 4 && lengths[2] != 4) return null;
        if (year < 1900 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)) return null;
        return new DateOnly(year, month, day);
    }
}
