using System.Globalization;
using System.Text;
using MeetingAssist.Transcribe;

namespace MeetingAssist.Host.Transcripts;

public enum ExportFormat { Srt, Vtt, Txt }

/// <summary>Writes segments as subtitle or plain-text files; pure functions shared by the API and the command line.</summary>
public static class TranscriptExport
{
    public static bool TryParse(string? value, out ExportFormat format)
    {
        format = default;
        // Letters only: Enum.TryParse would otherwise accept "1" as a format.
        return value is { Length: > 0 } && value.All(char.IsAsciiLetter) && Enum.TryParse(value, ignoreCase: true, out format);
    }

    public static string Extension(ExportFormat format) => format switch
    {
        ExportFormat.Srt => ".srt",
        ExportFormat.Vtt => ".vtt",
        ExportFormat.Txt => ".txt",
    };

    public static string ContentType(ExportFormat format) => format switch
    {
        ExportFormat.Srt => "application/x-subrip; charset=utf-8",
        ExportFormat.Vtt => "text/vtt; charset=utf-8",
        ExportFormat.Txt => "text/plain; charset=utf-8",
    };

    public static string Write(ExportFormat format, IEnumerable<TranscriptSegment> segments) => format switch
    {
        ExportFormat.Srt => ToSrt(segments),
        ExportFormat.Vtt => ToVtt(segments),
        ExportFormat.Txt => ToText(segments),
    };

    public static string ToSrt(IEnumerable<TranscriptSegment> segments)
    {
        var text = new StringBuilder();
        var number = 0;
        foreach (var s in Spoken(segments))
        {
            // SRT numbers cues from 1 and uses a comma before the milliseconds.
            text.Append(++number).Append('\n')
                .Append(Timestamp(s.Start, ',')).Append(" --> ").Append(Timestamp(s.End, ',')).Append('\n')
                .Append(s.Text).Append("\n\n");
        }
        return text.ToString();
    }

    public static string ToVtt(IEnumerable<TranscriptSegment> segments)
    {
        var text = new StringBuilder("WEBVTT\n\n");
        foreach (var s in Spoken(segments))
        {
            text.Append(Timestamp(s.Start, '.')).Append(" --> ").Append(Timestamp(s.End, '.')).Append('\n')
                .Append(s.Text).Append("\n\n");
        }
        return text.ToString();
    }

    /// <summary>One line per segment with its start time, the shape a secretary edits into minutes.</summary>
    public static string ToText(IEnumerable<TranscriptSegment> segments)
    {
        var text = new StringBuilder();
        foreach (var s in Spoken(segments))
            text.Append('[').Append(Clock(s.Start)).Append("] ").Append(s.Text).Append('\n');
        return text.ToString();
    }

    /// <summary><c>hh:mm:ss,mmm</c>; hours keep counting past 99 rather than wrapping.</summary>
    public static string Timestamp(TimeSpan t, char millisecondSeparator)
    {
        if (t < TimeSpan.Zero) t = TimeSpan.Zero;
        return string.Create(CultureInfo.InvariantCulture,
            $"{(long)t.TotalHours:00}:{t.Minutes:00}:{t.Seconds:00}{millisecondSeparator}{t.Milliseconds:000}");
    }

    public static string Clock(TimeSpan t)
    {
        if (t < TimeSpan.Zero) t = TimeSpan.Zero;
        return string.Create(CultureInfo.InvariantCulture, $"{(long)t.TotalHours:00}:{t.Minutes:00}:{t.Seconds:00}");
    }

    // Blank segments (silence the engine still timed) would make empty cues that players reject.
    private static IEnumerable<TranscriptSegment> Spoken(IEnumerable<TranscriptSegment> segments) =>
        segments.Select(s => s with { Text = OneLine(s.Text) }).Where(s => s.Text.Length > 0);

    // A blank line inside a cue ends it in SRT and VTT, so each segment becomes a single line.
    private static string OneLine(string text) =>
        string.Join(' ', text.Normalize(NormalizationForm.FormC).Split((char[])['\r', '\n', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));
}
