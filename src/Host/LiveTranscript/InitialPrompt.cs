using System.Text;

namespace MeetingAssist.Host.LiveTranscript;

/// <summary>
/// The decoder's initial prompt, built from the meeting itself: registered speakers and their hamlets,
/// departments and their heads, agenda titles. Proper nouns are what Whisper gets wrong most.
/// </summary>
public static class InitialPrompt
{
    /// <summary>Whisper reads at most about 220 prompt tokens; Vietnamese runs roughly 3 characters a token.</summary>
    public const int MaxChars = 600;

    public static string Build(string title, IEnumerable<string> agenda, IEnumerable<(string Name, string Affiliation)> speakers,
        IEnumerable<(string Name, string Title)> responders, int maxChars = MaxChars)
    {
        var parts = new List<string>();
        void Add(string text)
        {
            text = text.Trim();
            if (text.Length > 0 && !parts.Contains(text)) parts.Add(text);
        }
        Add(title);
        foreach (var (name, t) in responders) Add(string.IsNullOrWhiteSpace(t) ? name : $"{name}, {t}");
        foreach (var (name, affiliation) in speakers) Add(string.IsNullOrWhiteSpace(affiliation) ? name : $"{name}, {affiliation}");
        foreach (var item in agenda) Add(item);

        var sb = new StringBuilder();
        foreach (var part in parts)
        {
            var piece = (sb.Length == 0 ? "" : ". ") + part;
            if (sb.Length + piece.Length > maxChars) break;
            sb.Append(piece);
        }
        if (sb.Length > 0) sb.Append('.');
        return sb.ToString().Normalize(NormalizationForm.FormC);
    }
}
