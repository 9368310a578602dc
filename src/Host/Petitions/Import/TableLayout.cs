using System.Globalization;
using System.Text.RegularExpressions;

namespace MeetingAssist.Host.Petitions.Import;

/// <summary>
/// Finds where the table sits in a sheet an office made: the header row (or two rows, under a merged group
/// header) below the titles, section rows that name a field, and the total or signature rows that end it.
/// </summary>
internal static partial class TableLayout
{
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    // Signature block openings. "Tổng"/"Cộng" are matched apart, whole: "Tống Văn Sơn" folds to "tong van son".
    private static readonly string[] SignatureMarkers =
    [
        "nguoi lap bieu", "nguoi lap", "nguoi tong hop", "tm ", "t m ", "kt ", "ktm ", "chu tich", "pho chu tich",
        "thu truong", "xac nhan", "noi nhan", "lanh dao", "truong ban",
    ];

    public sealed record Header(int FirstDataIndex, Dictionary<PetitionColumn, int> Columns, List<ImportColumn> Found);

    /// <summary>The header among the first rows: the row, or pair of rows, whose cells name the most meanings, content among them.</summary>
    public static Header? FindHeader(SheetGrid grid)
    {
        Header? best = null;
        var bestScore = 1;
        for (var i = 0; i < Math.Min(grid.Rows.Count, 40); i++)
        {
            var top = Filled(grid, grid.Rows[i]);
            var single = Match(top, null);
            if (single.Count > bestScore && single.ContainsKey(PetitionColumn.Content))
                (best, bestScore) = (Build(single, top, null, i + 1), single.Count);
            if (i + 1 >= grid.Rows.Count || grid.Rows[i + 1].Number != grid.Rows[i].Number + 1) continue;
            var below = Filled(grid, grid.Rows[i + 1]);
            var pair = Match(top, below);
            if (pair.Count > bestScore && pair.ContainsKey(PetitionColumn.Content))
                (best, bestScore) = (Build(pair, top, below, i + 2), pair.Count);
        }
        if (best is not null && best.FirstDataIndex < grid.Rows.Count && IsColumnNumbering(grid.Rows[best.FirstDataIndex]))
            best = best with { FirstDataIndex = best.FirstDataIndex + 1 };
        return best;
    }

    /// <summary>A row's cells with each merged area's text copied across the columns it spans.</summary>
    private static string[] Filled(SheetGrid grid, SheetRow row)
    {
        var cells = row.Cells.ToList();
        foreach (var area in grid.Merges)
        {
            if (area.FirstRow != row.Number || area.LastColumn <= area.FirstColumn || area.LastColumn > 200) continue;
            while (cells.Count <= area.LastColumn) cells.Add("");
            for (var c = area.FirstColumn + 1; c <= area.LastColumn; c++) cells[c] = cells[area.FirstColumn];
        }
        return [.. cells];
    }

    /// <summary>Column meanings: in a two-row header the lower cell names the column, the upper one only where the lower is empty.</summary>
    private static Dictionary<PetitionColumn, int> Match(string[] top, string[]? below)
    {
        var found = new Dictionary<PetitionColumn, int>();
        for (var c = 0; c < Math.Max(top.Length, below?.Length ?? 0); c++)
        {
            var lower = below is not null && c < below.Length ? below[c] : "";
            var meaning = lower.Length > 0 ? HeaderMatcher.Match(lower) : null;
            if (meaning is null && c < top.Length) meaning = HeaderMatcher.Match(top[c]);
            if (meaning is { } m) found.TryAdd(m, c);
        }
        return found;
    }

    private static Header Build(Dictionary<PetitionColumn, int> columns, string[] top, string[]? below, int firstData) =>
        new(firstData, columns, columns.OrderBy(p => p.Value).Select(p =>
        {
            var lower = below is not null && p.Value < below.Length ? below[p.Value] : "";
            return new ImportColumn(HeaderMatcher.Label(p.Key), lower.Length > 0 ? lower : top[p.Value], p.Value);
        }).ToList());

    /// <summary>The "(1) (2) (3)" row many offices put under the header.</summary>
    private static bool IsColumnNumbering(SheetRow row)
    {
        var filled = row.Cells.Where(c => c.Length > 0).ToList();
        return filled.Count >= 3 && filled.All(c => ColumnNumber().IsMatch(c));
    }

    /// <summary>The field a section row names ("I. LĨNH VỰC ĐẤT ĐAI" → "Đất đai"), or null for any other row.</summary>
    public static string? SectionField(SheetRow row, int contentColumn)
    {
        var filled = row.Cells.Select((text, column) => (text, column)).Where(c => c.text.Length > 0).ToList();
        if (filled.Count is 0 or > 3) return null;
        string? text = null;
        var first = filled[0].text;
        var numbered = RomanHeading().Match(first);
        if (RomanAlone().IsMatch(first) && filled.Count >= 2) text = filled[1].text;
        else if (numbered.Success) text = first[numbered.Length..];
        else if (VietnameseText.Fold(first).StartsWith("linh vuc ", StringComparison.Ordinal)) text = first;
        if (text is null) return null;
        // Anything else on the row that is not the heading makes it a data row after all.
        if (filled.Count(c => c.text != text && c.text != first) > 0) return null;
        if (filled.Any(c => c.column == contentColumn) && filled.Count > 2) return null;
        return FieldName(text);
    }

    private static string FieldName(string heading)
    {
        var text = heading.Trim();
        if (VietnameseText.Fold(text).StartsWith("linh vuc", StringComparison.Ordinal))
        {
            var words = text.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
            text = words.Length == 3 ? words[2] : "";
        }
        text = text.Trim(' ', ':', '-', '–', '.');
        if (text.Length == 0) return "";
        // Headings are usually in capitals; the field is kept in sentence case.
        if (text.ToUpper(Vietnamese) == text) text = text.ToLower(Vietnamese);
        return char.ToUpper(text[0], Vietnamese) + text[1..];
    }

    /// <summary>A total row, a signature block or the "Kiến Minh, ngày … tháng … năm …" line: the table has ended.</summary>
    public static bool EndsTable(SheetRow row, int contentColumn)
    {
        var filled = row.Cells.Select((text, column) => (text, column)).Where(c => c.text.Length > 0).ToList();
        if (filled.Count == 0) return false;
        var first = filled[0];
        var folded = VietnameseText.Fold(first.text);
        if (TotalRow().IsMatch(folded)) return true;
        // A petition row has its content elsewhere; only a row with nothing beside its first text can be a signature.
        if (row.Cell(contentColumn).Length > 0 && first.column != contentColumn) return false;
        folded += " ";
        if (SignatureMarkers.Any(m => folded.StartsWith(m.EndsWith(' ') ? m : m + " ", StringComparison.Ordinal))) return true;
        return folded.Contains(" ngay ", StringComparison.Ordinal) && folded.Contains(" thang ", StringComparison.Ordinal)
            && folded.Contains(" nam ", StringComparison.Ordinal) && filled.Count <= 2 && folded.Length < 80;
    }

    [GeneratedRegex(@"^(tong cong|tong so|tong|cong)( \d.*| y kien.*| kien nghi.*)?$")]
    private static partial Regex TotalRow();

    [GeneratedRegex(@"^\(?\d{1,2}\)?$")]
    private static partial Regex ColumnNumber();

    [GeneratedRegex(@"^(X{0,3})(IX|IV|V?I{0,3})[\.\):]?$")]
    private static partial Regex RomanAlone();

    [GeneratedRegex(@"^(?=[IVX])(X{0,3})(IX|IV|V?I{0,3})\s*[\.\):\-–]\s*")]
    private static partial Regex RomanHeading();
}
