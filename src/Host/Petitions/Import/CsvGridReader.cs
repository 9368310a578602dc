using System.Text;

namespace MeetingAssist.Host.Petitions.Import;

/// <summary>
/// Reads a .csv as offices save it: UTF-8 with or without BOM, UTF-16 (Excel's "Unicode text"), or 8-bit bytes
/// (Windows-1258, or TCVN3/VNI fonts' bytes, left for <see cref="LegacyVietnamese"/>); separated by , ; or tab.
/// </summary>
internal static class CsvGridReader
{
    private static readonly char[] Separators = [';', ',', '\t'];

    public static SheetGrid Read(Stream stream, ImportLimits limits)
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        var text = Decode(buffer.ToArray());
        var separator = DetectSeparator(text);
        var grid = new SheetGrid { Name = "CSV" };
        var cells = new List<string>();
        var field = new StringBuilder();
        var record = 1;
        var inQuotes = false;
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? text[i] : '\n';
            if (inQuotes && i < text.Length)
            {
                if (c != '"') field.Append(c);
                else if (i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else inQuotes = false;
                continue;
            }
            if (c == '"' && field.Length == 0) inQuotes = true;
            else if (c == separator) EndField(cells, field, limits);
            else if (c is '\n' or '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                EndField(cells, field, limits);
                if (cells.Any(v => v.Length > 0))
                {
                    if (grid.Rows.Count >= limits.MaxRows + 100) { grid.Truncated = true; return grid; }
                    grid.Rows.Add(new SheetRow(record, [.. cells]));
                }
                cells.Clear();
                record++;
            }
            else field.Append(c);
        }
        return grid;
    }

    private static void EndField(List<string> cells, StringBuilder field, ImportLimits limits)
    {
        if (cells.Count < limits.MaxColumns) cells.Add(field.Length > limits.MaxCellChars ? field.ToString(0, limits.MaxCellChars) : field.ToString());
        field.Clear();
    }

    /// <summary>The file's text, its encoding found from the BOM, the zero bytes of UTF-16, UTF-8 validity, then which 8-bit reading makes Vietnamese words.</summary>
    public static string Decode(byte[] bytes)
    {
        if (bytes is [0xEF, 0xBB, 0xBF, ..]) return Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        if (bytes is [0xFF, 0xFE, ..]) return Encoding.Unicode.GetString(bytes, 2, bytes.Length - 2);
        if (bytes is [0xFE, 0xFF, ..]) return Encoding.BigEndianUnicode.GetString(bytes, 2, bytes.Length - 2);
        var sample = Math.Min(bytes.Length, 4096) & ~1;
        int zeroEven = 0, zeroOdd = 0;
        for (var i = 0; i < sample; i++)
            if (bytes[i] == 0) { if (i % 2 == 0) zeroEven++; else zeroOdd++; }
        if (zeroOdd > sample / 8 && zeroEven == 0) return Encoding.Unicode.GetString(bytes);
        if (zeroEven > sample / 8 && zeroOdd == 0) return Encoding.BigEndianUnicode.GetString(bytes);
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            // Not UTF-8: either Windows-1258 (Vietnamese with combining tones) or the bytes of a TCVN3/VNI font,
            // which Latin-1 keeps as the very characters a spreadsheet would show for them.
            var windows1258 = System.Text.CodePagesEncodingProvider.Instance.GetEncoding(1258)!.GetString(bytes).Normalize(NormalizationForm.FormC);
            var latin1 = Encoding.Latin1.GetString(bytes);
            var head = Math.Min(latin1.Length, 20_000);
            return VietnameseText.SyllableScore(windows1258[..Math.Min(windows1258.Length, head)]) > VietnameseText.SyllableScore(LegacyVietnamese.Repair(latin1[..head]))
                ? windows1258 : latin1;
        }
    }

    /// <summary>The separator that splits the first lines into the same number of fields most often.</summary>
    internal static char DetectSeparator(string text)
    {
        var lines = text.Split('\n', 40).Take(30).Where(l => l.Trim().Length > 0).ToList();
        var best = ',';
        var bestScore = (-1, -1);
        foreach (var separator in Separators)
        {
            var counts = lines.Select(l => CountOutsideQuotes(l, separator)).Where(n => n > 0).ToList();
            if (counts.Count == 0) continue;
            var mode = counts.GroupBy(n => n).OrderByDescending(g => g.Count()).ThenByDescending(g => g.Key).First();
            var score = (mode.Count(), mode.Key);
            if (score.CompareTo(bestScore) > 0) (best, bestScore) = (separator, score);
        }
        return best;
    }

    private static int CountOutsideQuotes(string line, char separator)
    {
        var count = 0;
        var inQuotes = false;
        foreach (var c in line)
        {
            if (c == '"') inQuotes = !inQuotes;
            else if (c == separator && !inQuotes) count++;
        }
        return count;
    }
}
