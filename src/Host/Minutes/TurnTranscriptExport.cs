using System.Globalization;
using System.Text;

namespace MeetingAssist.Host.Minutes;

/// <summary>The corrected transcript, one block per floor turn with the speaker's name: TXT, SRT and WebVTT.</summary>
public static class TurnTranscriptExport
{
    public static readonly string[] Formats = ["txt", "srt", "vtt"];

    public static string ContentType(string format) => format switch
    {
        "srt" => "application/x-subrip; charset=utf-8",
        "vtt" => "text/vtt; charset=utf-8",
        _ => "text/plain; charset=utf-8",
    };

    public static string Write(string format, MinutesInput input, MinutesClock clock)
    {
        var turns = input.RecordedTurns.Where(t => input.VerbatimOf(t.TurnId).Length > 0).ToList();
        // Cue times run on the meeting clock: from the start of the meeting (or its first turn).
        var origin = input.StartedAtMs ?? (turns.Count > 0 ? turns[0].StartedAtMs : 0);
        var text = new StringBuilder(format == "vtt" ? "WEBVTT\n\n" : "");
        var number = 0;
        foreach (var t in turns)
        {
            var speaker = t.SpeakerName + (t.Affiliation.Length > 0 ? $" ({t.Affiliation})" : "");
            var words = input.VerbatimOf(t.TurnId);
            var from = TimeSpan.FromMilliseconds(Math.Max(0, t.StartedAtMs - origin));
            var to = TimeSpan.FromMilliseconds(Math.Max(0, (t.EndedAtMs ?? t.StartedAtMs) - origin));
            switch (format)
            {
                case "srt":
                    text.Append(++number).Append('\n').Append(Stamp(from, ',')).Append(" --> ").Append(Stamp(to, ',')).Append('\n')
                        .Append(speaker).Append(": ").Append(words).Append("\n\n");
                    break;
                case "vtt":
                    // A voice tag names the speaker the way players show it.
                    text.Append(Stamp(from, '.')).Append(" --> ").Append(Stamp(to, '.')).Append('\n')
                        .Append("<v ").Append(VttSafe(speaker)).Append('>').Append(VttSafe(words)).Append("\n\n");
                    break;
                default:
                    text.Append('[').Append(clock.Short(t.StartedAtMs)).Append("] ").Append(input.HeaderOf(t)).Append('\n').Append(words).Append("\n\n");
                    break;
            }
        }
        return text.ToString();
    }

    private static string Stamp(TimeSpan t, char separator) =>
        string.Create(CultureInfo.InvariantCulture, $"{(long)t.TotalHours:00}:{t.Minutes:00}:{t.Seconds:00}{separator}{t.Milliseconds:000}");

    /// <summary>WebVTT reads "&lt;" as a tag and "-->" as a timing line; text keeps its meaning with entities.</summary>
    private static string VttSafe(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
