namespace MeetingAssist.Host.Transcripts;

public enum DiffKind { Same, Removed, Added }

/// <summary>A run of words that both texts share, only the current one has, or only the offered one has.</summary>
public sealed record DiffPart(DiffKind Kind, string Text);

/// <summary>Word-level difference of two texts (longest common subsequence), as the secretary reads an offer.</summary>
public static class WordDiff
{
    /// <summary>Above this many word pairs the texts are shown as replaced whole, so a huge turn cannot stall the server.</summary>
    public const long MaxCells = 4_000_000;

    public static IReadOnlyList<DiffPart> Compute(string before, string after)
    {
        var a = Words(before);
        var b = Words(after);
        if ((long)a.Length * b.Length > MaxCells) return Collapse([.. a.Select(w => (DiffKind.Removed, w)), .. b.Select(w => (DiffKind.Added, w))]);
        // lcs[i, j]: length of the common subsequence of a[i..] and b[j..].
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
            for (var j = b.Length - 1; j >= 0; j--)
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
        var steps = new List<(DiffKind, string)>();
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                steps.Add((DiffKind.Same, a[x]));
                x++;
                y++;
            }
            // On a tie the current word goes first, so a changed word reads "old → new".
            else if (y < b.Length && (x == a.Length || lcs[x, y + 1] > lcs[x + 1, y]))
            {
                steps.Add((DiffKind.Added, b[y++]));
            }
            else
            {
                steps.Add((DiffKind.Removed, a[x++]));
            }
        }
        return Collapse(steps);
    }

    private static string[] Words(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    private static List<DiffPart> Collapse(IEnumerable<(DiffKind Kind, string Word)> steps)
    {
        var parts = new List<DiffPart>();
        foreach (var (kind, word) in steps)
        {
            if (parts.Count > 0 && parts[^1].Kind == kind) parts[^1] = parts[^1] with { Text = parts[^1].Text + " " + word };
            else parts.Add(new DiffPart(kind, word));
        }
        return parts;
    }
}
