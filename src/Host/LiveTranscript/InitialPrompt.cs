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

    /// <summary>
    /// Parts in order of how much they help: the meeting's title, the responders with their posts, the
    /// speakers with their hamlets, the agenda; each once and whole, stopping at the first that would pass
    /// <paramref name="maxChars"/> so a less useful part never displaces a more useful one.
    /// </summary>
    public static string Build(string title, IEnumerable<string> agenda, IEnumerable<(string Name, string Affiliation)> speakers,
        IEnumerable<(string Name, string Title)> responders, int maxChars = MaxChars)
    {
        var parts = new List<string>();
        Add(parts, title);
        foreach (var (name, t) in responders) Add(parts, string.IsNullOrWhiteSpace(t) ? name : $"{name}, {t}");
        foreach (var (name, affiliation) in speakers) Add(parts, string.IsNullOrWhiteSpace(affiliation) ? name : $"{name}, {affiliation}");
        foreach (var item in agenda) Add(parts, item);

        var sb = new StringBuilder();
        foreach (var part in parts)
        {
            var piece = (sb.Length == 0 ? "" : ". ") + part;
            if (sb.Length + piece.Length + 1 > maxChars) break; // + 1 for the closing full stop
            sb.Append(piece);
        }
        if (sb.Length > 0) sb.Append('.');
        return sb.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>
    /// The same words one by one, for the secretary's glossary: each name, hamlet, post and agenda title once, in
    /// the prompt's order of usefulness and without its length limit.
    /// </summary>
    public static IReadOnlyList<string> Terms(string title, IEnumerable<string> agenda, IEnumerable<(string Name, string Affiliation)> speakers,
        IEnumerable<(string Name, string Title)> responders)
    {
        var terms = new List<string>();
        Add(terms, title);
        foreach (var (name, t) in responders)
        {
            Add(terms, name);
            Add(terms, t);
        }
        foreach (var (name, affiliation) in speakers)
        {
            Add(terms, name);
            Add(terms, affiliation);
        }
        foreach (var item in agenda) Add(terms, item);
        return terms;
    }

    private static void Add(List<string> parts, string? text)
    {
        // A part's own full stop would double the separator.
        text = (text ?? "").Normalize(NormalizationForm.FormC).Trim().TrimEnd('.', ' ');
        if (text.Length > 0 && !parts.Contains(text)) parts.Add(text);
    }
}
