using System.Text;

namespace MeetingAssist.Host.Common;

/// <summary>
/// The one cleaning step for text people type (names, hamlets, topics, notes): trimmed, NFC, and without
/// control or bidirectional-override characters, which would let a name hide or reorder text on the projector
/// and in the minutes.
/// </summary>
public static class UserText
{
    /// <summary>A one-line value: every run of whitespace (newlines included) becomes one space. Null when nothing is left.</summary>
    public static string? Line(string? value) => Clean(value, multiline: false);

    /// <summary>A multi-line value (notes, rules): line breaks kept, other control characters removed.</summary>
    public static string? Text(string? value) => Clean(value, multiline: true);

    private static string? Clean(string? value, bool multiline)
    {
        if (string.IsNullOrEmpty(value)) return null;
        var normalized = value.Normalize(NormalizationForm.FormC);
        var sb = new StringBuilder(normalized.Length);
        var pendingSpace = false;
        foreach (var ch in normalized.Replace("\r\n", "\n"))
        {
            if (multiline && ch == '\n')
            {
                TrimEndSpaces(sb);
                sb.Append('\n');
                pendingSpace = false;
                continue;
            }
            if (char.IsWhiteSpace(ch))
            {
                pendingSpace = sb.Length > 0 && sb[^1] != '\n';
                continue;
            }
            if (IsInvisibleControl(ch)) continue;
            if (pendingSpace) sb.Append(' ');
            pendingSpace = false;
            sb.Append(ch);
        }
        var result = sb.ToString().Trim();
        return result.Length == 0 ? null : result;
    }

    private static void TrimEndSpaces(StringBuilder sb)
    {
        while (sb.Length > 0 && sb[^1] == ' ') sb.Length--;
    }

    /// <summary>C0/C1 controls, bidirectional embeddings/overrides/isolates, zero-width and byte-order marks.</summary>
    public static bool IsInvisibleControl(char ch) =>
        char.IsControl(ch)
        || ch is '\u200B' or '\u200E' or '\u200F' or '\u2028' or '\u2029' or '\uFEFF' or '\u061C'
        || ch is >= '\u202A' and <= '\u202E'
        || ch is >= '\u2066' and <= '\u2069';

    /// <summary>Whether two cleaned values are the same words, ignoring case but never tone marks.</summary>
    public static bool SameWords(string? a, string? b) =>
        string.Equals(Line(a) ?? "", Line(b) ?? "", StringComparison.OrdinalIgnoreCase);
}

/// <summary>The longest text accepted anywhere a person types it (people, slips, phone requests, notes).</summary>
public static class TextLimits
{
    /// <summary>Names, hamlets, titles, fields.</summary>
    public const int Short = 120;
    public const int Topic = 500;
    public const int Note = 1000;
}
