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
        var seen = new Dictionary<string, List<(ImportedPetition Row, string Address, HashSet<string> Trigrams)>>();
        foreach (var row in rows)
        {
            var person = VietnameseText.Fold(row.Name);
            if (person.Length == 0 || row.Content.Length == 0) continue;
            var address = VietnameseText.Fold(row.Address);
            var trigrams = Trigrams(row.Content);
            if (!seen.TryGetValue(person, out var earlier)) seen[person] = earlier = [];
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
        return found;
    }

    public static IReadOnlyList<ImportDuplicate> AgainstExisting(
        IReadOnlyList<ImportedPetition> rows, IEnumerable<ExistingPetition> existing, double threshold = DefaultThreshold)
    {
        var byPerson = existing.Where(e => e.Content.Length > 0).GroupBy(e => VietnameseText.Fold(e.Name))
            .Where(g => g.Key.Length > 0).ToDictionary(g => g.Key, g => g.ToList());
        var found = new List<ImportDuplicate>();
        var cache = new Dictionary<ExistingPetition, HashSet<string>>(ReferenceEqualityComparer.Instance);
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

    private static HashSet<string> Trigrams(string text)
    {
        var folded = " " + VietnameseText.Fold(text) + " ";
        var set = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i + 3 <= folded.Length; i++) set.Add(folded.Substring(i, 3));
        return set;
    }

    private static double Jaccard(HashSet<string> a, HashSet<string> b)
    {
        if (a.Count == 0 && b.Count == 0) return 1;
        var (small, large) = a.Count <= b.Count ? (a, b) : (b, a);
        var common = 0;
        foreach (var gram in small) if (large.Contains(gram)) common++;
        return (double)common / (a.Count + b.Count - common);
    }

    private static string Percent(double similarity) => $"{Math.Round(similarity * 100)}%";
}
