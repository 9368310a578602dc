using System.Text.Json;

namespace MeetingAssist.Host.Minutes;

/// <summary>The small JSON lists the draft keeps in single columns.</summary>
public static class MinutesJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static IReadOnlyList<AttendanceCount> Attendance(string json) =>
        Read<List<AttendanceCount>>(json) ?? [];

    public static IReadOnlyList<string> Strings(string json) => Read<List<string>>(json) ?? [];

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    private static T? Read<T>(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(string.IsNullOrWhiteSpace(json) ? "null" : json, Options);
        }
        catch (JsonException)
        {
            return default;
        }
    }
}
