using System.Globalization;
using Microsoft.Extensions.Options;

namespace MeetingAssist.Host.Meetings;

public sealed class HallOptions
{
    /// <summary>The hall's time zone (IANA id); every time a person sees or types is in it, whatever the server's own zone.</summary>
    public string TimeZone { get; set; } = "Asia/Ho_Chi_Minh";
}

/// <summary>
/// Converts between stored instants (UTC) and the hall's wall clock. The server may run in UTC or any zone;
/// the hall is in Vietnam.
/// </summary>
public sealed class HallClock
{
    public const string InputFormat = "yyyy-MM-dd'T'HH:mm";

    public HallClock(IOptions<HallOptions> options)
    {
        Zone = TimeZoneInfo.TryFindSystemTimeZoneById(options.Value.TimeZone, out var zone)
            ? zone
            // Without the tz database, Vietnam's offset has been a fixed +07:00 since 1975.
            : TimeZoneInfo.CreateCustomTimeZone(options.Value.TimeZone, TimeSpan.FromHours(7), options.Value.TimeZone, options.Value.TimeZone);
    }

    public TimeZoneInfo Zone { get; }

    public DateTime ToHall(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    public DateTime ToUtc(DateTime hallLocal) => TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(hallLocal, DateTimeKind.Unspecified), Zone);

    /// <summary>Today in the hall, as a UTC instant at the hall's midnight.</summary>
    public DateTime HallMidnightUtc(DateTime utcNow) => ToUtc(ToHall(utcNow).Date);

    /// <summary>"08:00 ngày 05/12/2026" in the hall's time.</summary>
    public string Long(DateTime utc) => ToHall(utc).ToString("HH:mm 'ngày' dd/MM/yyyy", CultureInfo.InvariantCulture);

    /// <summary>The form's value: "2026-12-05T08:00" in the hall's time.</summary>
    public string Input(DateTime utc) => ToHall(utc).ToString(InputFormat, CultureInfo.InvariantCulture);

    /// <summary>
    /// Reads a start time typed in the hall: "yyyy-MM-ddTHH:mm" is hall time; a value with an offset or Z is an
    /// instant. Null when the text is not a complete, real date and time.
    /// </summary>
    public DateTime? ParseInput(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        text = text.Trim();
        if (DateTime.TryParseExact(text, [InputFormat, "yyyy-MM-dd'T'HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            return ToUtc(local);
        if (DateTimeOffset.TryParseExact(text, ["yyyy-MM-dd'T'HH:mmzzz", "yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", "yyyy-MM-dd'T'HH:mm'Z'", "yyyy-MM-dd'T'HH:mm:ss'Z'"],
                CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
            return instant.UtcDateTime;
        return null;
    }
}
