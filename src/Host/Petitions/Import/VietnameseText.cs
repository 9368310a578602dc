using System.Globalization;
using System.Text;

namespace MeetingAssist.Host.Petitions.Import;

/// <summary>Text helpers for Vietnamese: folding for comparison, and whether a word reads as a Vietnamese syllable.</summary>
public static class VietnameseText
{
    /// <summary>Lower case, without diacritics, đ → d, runs of anything but letters and digits → one space.</summary>
    public static string Fold(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        var pendingSpace = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            var folded = c is 'đ' or 'Đ' ? 'd' : char.ToLowerInvariant(c);
            if (char.IsLetterOrDigit(folded))
            {
                if (pendingSpace && builder.Length > 0) builder.Append(' ');
                pendingSpace = false;
                builder.Append(folded);
            }
            else pendingSpace = true;
        }
        return builder.ToString();
    }

    /// <summary>NFC, line ends as \n, spaces collapsed, trimmed; null for an empty cell.</summary>
    public static string Clean(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        if (IsClean(text)) return text;
        var normalized = text.Normalize(NormalizationForm.FormC).Replace("\r\n", "\n").Replace('\r', '\n');
        var builder = new StringBuilder(normalized.Length);
        var space = false;
        foreach (var c in normalized)
        {
            if (c == '\n')
            {
                while (builder.Length > 0 && builder[^1] == ' ') builder.Length--;
                if (builder.Length > 0 && builder[^1] != '\n') builder.Append('\n');
                space = false;
            }
            else if (char.IsWhiteSpace(c) || c == '\u00A0') space = true;
            else
            {
                if (space && builder.Length > 0 && builder[^1] != '\n') builder.Append(' ');
                space = false;
                builder.Append(c);
            }
        }
        return builder.ToString().Trim();
    }

    /// <summary>Whether <see cref="Clean"/> would return the text unchanged; most cells are, and then cost no copy.</summary>
    private static bool IsClean(string text)
    {
        if (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1])) return false;
        var beyondLatin = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is ' ' or '\n')
            {
                if (char.IsWhiteSpace(text[i + 1]) || (c == ' ' && text[i - 1] == '\n')) return false;
            }
            else if (char.IsWhiteSpace(c) || c == '\u00A0') return false;
            beyondLatin |= c >= '\u0300';
        }
        return !beyondLatin || text.IsNormalized(NormalizationForm.FormC);
    }

    private static readonly string[] Initials =
        ["ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr", "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", ""];

    private static readonly HashSet<string> Nuclei =
    [
        "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y",
        "ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia", "iê", "iu", "oa", "oă", "oe", "oi", "oo", "ôi", "ơi",
        "ua", "uâ", "uê", "ui", "uô", "uơ", "uy", "ưa", "ưi", "ươ", "ưu", "ya", "yê",
        "iêu", "yêu", "oai", "oay", "oeo", "uây", "uôi", "ươi", "ươu", "uya", "uyê", "uyu", "ưu",
    ];

    private static readonly string[] Finals = ["ch", "ng", "nh", "c", "m", "n", "p", "t", ""];

    /// <summary>
    /// Whether a word could be one Vietnamese syllable: initial consonant, a known vowel group carrying at most one
    /// tone, a final consonant. Used to tell legacy-encoded text from real text, so it is deliberately loose.
    /// </summary>
    public static bool IsSyllable(string word)
    {
        if (word.Length is 0 or > 8) return false;
        var decomposed = word.ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var tones = 0;
        var letters = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (c is '\u0300' or '\u0301' or '\u0303' or '\u0309' or '\u0323') tones++;
            else letters.Append(c);
        }
        if (tones > 1) return false;
        var bare = letters.ToString().Normalize(NormalizationForm.FormC);
        foreach (var initial in Initials)
        {
            if (!bare.StartsWith(initial, StringComparison.Ordinal)) continue;
            var rest = bare[initial.Length..];
            foreach (var final in Finals)
            {
                if (!rest.EndsWith(final, StringComparison.Ordinal) || rest.Length == final.Length) continue;
                if (Nuclei.Contains(rest[..^final.Length])) return true;
            }
        }
        return false;
    }

    /// <summary>How many words of the text read as Vietnamese syllables, less those that do not (ASCII-only words are not counted).</summary>
    public static int SyllableScore(string text) => SyllableScore(text, out _);

    public static int SyllableScore(string text, out int counted)
    {
        var score = 0;
        counted = 0;
        foreach (var word in Words(text))
        {
            var ascii = true;
            foreach (var c in word) if (c > 127) { ascii = false; break; }
            if (ascii) continue;
            counted++;
            score += IsSyllable(word) ? 1 : -1;
        }
        return score;
    }

    private static IEnumerable<string> Words(string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            // Latin-1 symbols count as letters: legacy-encoded text uses them as letters (TCVN3 "t¸c" is "tác").
            var inWord = i < text.Length && (char.IsLetter(text[i]) || text[i] is >= '\u00A1' and <= '\u00FF'
                || CharUnicodeInfo.GetUnicodeCategory(text[i]) == UnicodeCategory.NonSpacingMark);
            if (inWord && start < 0) start = i;
            else if (!inWord && start >= 0)
            {
                yield return text[start..i];
                start = -1;
            }
        }
    }
}
