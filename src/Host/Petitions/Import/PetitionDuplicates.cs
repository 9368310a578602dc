namespace MeetingAssist.Host.Petitions.Import;

/// <summary>A petition already in the registry, as far as duplicate detection needs it; the key says which one to the caller.</summary>
public sealed record ExistingPetition(string Key, string Name, string Address, string Content);

/// <summary>
/// Same person (name equal without diacritics and case; addresses equal or one missing) and similar content
/// (Jaccard similarity of character trigrams of the folded text) means the same petition sent twice — the usual
/// case when the Front's list and the office's own list are both imported.
/// </summary>
public static class PetitionDuplicates
{
    public const double DefaultThreshold = 0.6;

    public static IReadOnlyList<ImportDuplicate> WithinFile(IReadOnlyList<ImportedPetition> rows, double threshold = DefaultThreshold)
    {
        var found = new List<ImportDuplicate>();
        var byPerson = rows.Where(r => r.Content.Length > 0).GroupBy(r => VietnameseText.Fold(r.Name)).Where(g => g.Key.Length > 0 && g.Skip(1).Any());
        // Most people appear once: only the rows of someone who appears again are compared.
        foreach (var person in byPerson)
        {
            var earlier = new List<(ImportedPetition Row, string Address, HashSet<int> Trigrams)>();
            foreach (var row in person)
            {
                var address = VietnameseText.Fold(row.Address);
                var trigrams = Trigrams(row.Content);
                foreach (var other in earlier)
                {
                    if (!SamePlace(address, other.Address)) continue;
                    var similarity = Jaccard(trigrams, other.Trigrams);
                    if (similarity < threshold) continue;
                    found.Add(new ImportDuplicate(row.RowNumber, other.Row.RowNumber, null, similarity,
                        $"Dòng {row.RowNumber}: trùng với dòng {other.Row.RowNumber} (cùng người kiến nghị, nội dung giống {Percent(similarity)})."));
                    break;
                }
                earlier.Add((row, address, trigrams));
            }
        }
        found.Sort((a, b) => a.RowNumber.CompareTo(b.RowNumber));
        return found;
    }

    public static IReadOnlyList<ImportDuplicate> AgainstExisting(
        IReadOnlyList<ImportedPetition> rows, IEnumerable<ExistingPetition> existing, double threshold = DefaultThreshold)
    {
        var byPerson = existing.Where(e => e.Content.Length > 0).GroupBy(e => VietnameseText.Fold(e.Name))
            .Where(g => g.Key.Length > 0).ToDictionary(g => g.Key, g => g.ToList());
        var found = new List<ImportDuplicate>();
        var cache = new Dictionary<ExistingPetition, HashSet<int>>(ReferenceEqualityComparer.Instance);
        foreach (var row in rows)
        {
            if (!byPerson.TryGetValue(VietnameseText.Fold(row.Name), out var candidates) || row.Content.Length == 0) continue;
            var address = VietnameseText.Fold(row.Address);
            var trigrams = Trigrams(row.Content);
            ImportDuplicate? best = null;
            foreach (var candidate in candidates)
            {
                if (!SamePlace(address, VietnameseText.Fold(candidate.Address))) continue;
                if (!cache.TryGetValue(candidate, out var theirs)) cache[candidate] = theirs = Trigrams(candidate.Content);
                var similarity = Jaccard(trigrams, theirs);
                if (similarity >= threshold && similarity > (best?.Similarity ?? 0))
                    best = new ImportDuplicate(row.RowNumber, null, candidate.Key, similarity,
                        $"Dòng {row.RowNumber}: có thể đã có trong sổ theo dõi (cùng người kiến nghị, nội dung giống {Percent(similarity)}).");
            }
            if (best is not null) found.Add(best);
        }
        return found;
    }

    /// <summary>Jaccard similarity of the folded texts' character trigrams, 0 to 1.</summary>
    public static double Similarity(string a, string b) => Jaccard(Trigrams(a), Trigrams(b));

    private static bool SamePlace(string a, string b) => a.Length == 0 || b.Length == 0 || a == b || a.Contains(b, StringComparison.Ordinal) || b.Contains(a, StringComparison.Ordinal);

    /// <summary>Character trigrams of the folded text, each packed into an int (folded text is lower-case ASCII and digits, mostly).</summary>
    private static HashSet<int> Trigrams(string text)
    {
        var folded = " " + VietnameseText.Fold(text) + " ";
        var set = new HashSet<int>();
        for (var i = 0; i + 3 <= folded.Length; i++) set.Add(HashCode.Combine(folded[i], folded[i + 1], folded[i + 2]));
        return set;
    }

    private static double Jaccard(HashSet<int> a, HashSet<int> b)
    {
        if (a.Count == 0 && b.Count == 0) return 1;
        var (small, large) = a.Count <= b.Count ? (a, b) : (b, a);
        var common = 0;
        foreach (var gram in small) if (large.Contains(gram)) common++;
        return (double)common / (a.Count + b.Count - common);
    }

    private static string Percent(double similarity) => $"{Math.Round(similarity * 100)}%";
}
