using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;

namespace MeetingAssist.Host.Petitions.Import;

/// <summary>
/// Reads the first visible sheet of an .xlsx straight from its XML parts, streaming: cached formula results,
/// shared and inline strings, date-formatted numbers as dd/MM/yyyy, merged areas. No workbook object model is
/// built, so 10,000 rows cost a few megabytes, and every part is inflated through <see cref="ZipGuard"/>.
/// </summary>
internal static class XlsxGridReader
{
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, CloseInput = true, IgnoreComments = true,
    };

    public static SheetGrid Read(Stream stream, ImportLimits limits)
    {
        ZipGuard.CheckSignature(stream);
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException)
        {
            throw new ImportRejectedException("Tệp .xlsx bị hỏng hoặc không phải bảng tính Excel. Hãy mở bằng Excel, lưu lại rồi thử lại.");
        }
        using (zip)
        {
            var guard = new ZipGuard(limits);
            guard.CheckDeclaredSizes(zip);
            var workbookPath = Target(zip, guard, "_rels/.rels", "", id: null, typeSuffix: "/officeDocument") ?? "xl/workbook.xml";
            var folder = workbookPath.Contains('/') ? workbookPath[..(workbookPath.LastIndexOf('/') + 1)] : "";
            var (sheetName, sheetRelId, date1904) = FirstSheet(zip, guard, workbookPath);
            var relsPath = folder + "_rels/" + workbookPath[folder.Length..] + ".rels";
            var sheetPath = Target(zip, guard, relsPath, folder, sheetRelId, typeSuffix: null)
                ?? throw new ImportRejectedException("Không tìm thấy trang tính trong tệp Excel.");
            var strings = SharedStrings(zip, guard, folder + "sharedStrings.xml");
            var styles = Styles(zip, guard, folder + "styles.xml");
            var grid = new SheetGrid { Name = sheetName };
            ReadSheet(Open(zip, guard, sheetPath) ?? throw new ImportRejectedException("Không đọc được trang tính trong tệp Excel."),
                grid, strings, styles, date1904, limits);
            return grid;
        }
    }

    private static XmlReader? Open(ZipArchive zip, ZipGuard guard, string path)
    {
        var entry = zip.GetEntry(path) ?? zip.Entries.FirstOrDefault(e => string.Equals(e.FullName, path, StringComparison.OrdinalIgnoreCase));
        return entry is null ? null : XmlReader.Create(guard.Open(entry), Settings);
    }

    private static string? Target(ZipArchive zip, ZipGuard guard, string relsPath, string folder, string? id, string? typeSuffix)
    {
        using var reader = Open(zip, guard, relsPath);
        if (reader is null) return null;
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "Relationship") continue;
            var matches = id is not null ? reader.GetAttribute("Id") == id : reader.GetAttribute("Type")?.EndsWith(typeSuffix!, StringComparison.Ordinal) == true;
            if (!matches) continue;
            var target = reader.GetAttribute("Target") ?? "";
            return target.StartsWith('/') ? target[1..] : folder + target;
        }
        return null;
    }

    private static (string Name, string? RelId, bool Date1904) FirstSheet(ZipArchive zip, ZipGuard guard, string workbookPath)
    {
        using var reader = Open(zip, guard, workbookPath) ?? throw new ImportRejectedException("Tệp Excel thiếu phần mô tả bảng tính (workbook).");
        var date1904 = false;
        (string, string?)? first = null;
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element) continue;
            if (reader.LocalName == "workbookPr") date1904 = reader.GetAttribute("date1904") is "1" or "true";
            else if (reader.LocalName == "sheet" && reader.GetAttribute("state") is null or "visible")
            {
                first ??= (reader.GetAttribute("name") ?? "", reader.GetAttribute("id", "http://schemas.openxmlformats.org/officeDocument/2006/relationships"));
            }
        }
        if (first is null) throw new ImportRejectedException("Tệp Excel không có trang tính nào.");
        return (first.Value.Item1, first.Value.Item2, date1904);
    }

    private static List<string> SharedStrings(ZipArchive zip, ZipGuard guard, string path)
    {
        var strings = new List<string>();
        using var reader = Open(zip, guard, path);
        if (reader is null) return strings;
        reader.MoveToContent();
        while (!reader.EOF)
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "si")
            {
                strings.Add(reader.IsEmptyElement ? "" : RichText(reader));
                continue;
            }
            reader.Read();
        }
        return strings;
    }

    /// <summary>The text of an &lt;si&gt; or &lt;is&gt; element: its runs joined, phonetic guides left out. Leaves the reader after it.</summary>
    private static string RichText(XmlReader reader)
    {
        var depth = reader.Depth;
        var text = new StringBuilder();
        reader.Read();
        while (!reader.EOF && reader.Depth > depth)
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "rPh") reader.Skip();
            else if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "t") text.Append(reader.ReadElementContentAsString());
            else reader.Read();
        }
        if (reader.NodeType == XmlNodeType.EndElement) reader.Read();
        return text.ToString();
    }

    /// <summary>Indexes of the cell formats that show a number as a date, and of those in a TCVN3 capitals font.</summary>
    private sealed record CellStyles(HashSet<int> Dates, HashSet<int> Tcvn3Capitals);

    private static CellStyles Styles(ZipArchive zip, ZipGuard guard, string path)
    {
        var styles = new CellStyles([], []);
        using var reader = Open(zip, guard, path);
        if (reader is null) return styles;
        var customDates = new HashSet<int>();
        var capitalFonts = new HashSet<int>();
        var section = "";
        var (index, font) = (0, -1);
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.EndElement && reader.LocalName is "cellXfs" or "fonts") section = "";
            if (reader.NodeType != XmlNodeType.Element) continue;
            switch (reader.LocalName)
            {
                case "numFmt" when IsDateFormat(reader.GetAttribute("formatCode")):
                    customDates.Add(int.Parse(reader.GetAttribute("numFmtId") ?? "0", CultureInfo.InvariantCulture));
                    break;
                case "cellXfs" or "fonts":
                    section = reader.LocalName;
                    break;
                case "font" when section == "fonts":
                    font++;
                    break;
                // The ABC fonts for capitals (.VnTimeH, .VnArialH...) draw the lower-case TCVN3 codes as capitals.
                case "name" when section == "fonts" && reader.GetAttribute("val") is { } name
                    && name.StartsWith(".Vn", StringComparison.OrdinalIgnoreCase) && name.EndsWith('H'):
                    capitalFonts.Add(font);
                    break;
                case "xf" when section == "cellXfs":
                    var format = int.Parse(reader.GetAttribute("numFmtId") ?? "0", CultureInfo.InvariantCulture);
                    if (format is >= 14 and <= 22 or >= 27 and <= 36 or >= 45 and <= 47 or >= 50 and <= 58 || customDates.Contains(format)) styles.Dates.Add(index);
                    if (capitalFonts.Contains(int.Parse(reader.GetAttribute("fontId") ?? "0", CultureInfo.InvariantCulture))) styles.Tcvn3Capitals.Add(index);
                    index++;
                    break;
            }
        }
        return styles;
    }

    private static bool IsDateFormat(string? code)
    {
        if (code is null) return false;
        var inQuotes = false;
        var inBrackets = false;
        foreach (var c in code)
        {
            if (c == '"') inQuotes = !inQuotes;
            else if (!inQuotes && c == '[') inBrackets = true;
            else if (!inQuotes && c == ']') inBrackets = false;
            else if (!inQuotes && !inBrackets && c is 'd' or 'D' or 'y' or 'Y') return true;
        }
        return false;
    }

    private static void ReadSheet(XmlReader reader, SheetGrid grid, List<string> strings, CellStyles styles, bool date1904, ImportLimits limits)
    {
        using var _ = reader;
        var rowNumber = 0;
        var cells = new List<string>();
        var column = -1;
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.EndElement && reader.LocalName == "row")
            {
                AddRow(grid, rowNumber, cells, limits);
                if (grid.Truncated) return;
                continue;
            }
            if (reader.NodeType != XmlNodeType.Element) continue;
            switch (reader.LocalName)
            {
                case "row":
                    rowNumber = int.TryParse(reader.GetAttribute("r"), CultureInfo.InvariantCulture, out var r) ? r : rowNumber + 1;
                    cells.Clear();
                    column = -1;
                    break;
                case "c":
                    column = ColumnOf(reader.GetAttribute("r")) ?? column + 1;
                    var style = int.TryParse(reader.GetAttribute("s"), CultureInfo.InvariantCulture, out var s) ? s : 0;
                    var text = CellText(reader, strings, styles.Dates.Contains(style), date1904);
                    if (styles.Tcvn3Capitals.Contains(style) && LegacyVietnamese.Repair(text, out var found) is var repaired && found == LegacyEncoding.Tcvn3)
                    {
                        text = repaired.ToUpper(Vietnamese);
                        grid.LegacyCellsConverted++;
                    }
                    if (column < limits.MaxColumns && text.Length > 0)
                    {
                        while (cells.Count <= column) cells.Add("");
                        cells[column] = text.Length > limits.MaxCellChars ? text[..limits.MaxCellChars] : text;
                    }
                    break;
                case "mergeCell":
                    if (Area(reader.GetAttribute("ref")) is { } area) grid.Merges.Add(area);
                    break;
            }
        }
    }

    private static void AddRow(SheetGrid grid, int number, List<string> cells, ImportLimits limits)
    {
        if (cells.Count == 0) return;
        // Title and header rows come on top of the data rows; a little room for them before refusing.
        if (grid.Rows.Count >= limits.MaxRows + 100)
        {
            grid.Truncated = true;
            return;
        }
        grid.Rows.Add(new SheetRow(number, [.. cells]));
    }

    private static string CellText(XmlReader reader, List<string> strings, bool isDate, bool date1904)
    {
        var type = reader.GetAttribute("t");
        if (reader.IsEmptyElement) return "";
        string? value = null, inline = null;
        var depth = reader.Depth;
        reader.Read();
        while (!reader.EOF && reader.Depth > depth)
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "v") value = reader.ReadElementContentAsString();
            else if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "is") inline = RichText(reader);
            else if (reader.NodeType == XmlNodeType.Element) reader.Skip();
            else reader.Read();
        }
        return type switch
        {
            "s" => int.TryParse(value, CultureInfo.InvariantCulture, out var i) && i >= 0 && i < strings.Count ? strings[i] : "",
            "inlineStr" => inline ?? "",
            "b" => value == "1" ? "Đúng" : "Sai",
            "str" or "e" => value ?? "",
            "d" => DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) : value ?? "",
            _ => Number(value, isDate, date1904),
        };
    }

    private static string Number(string? value, bool isDate, bool date1904)
    {
        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)) return value ?? "";
        if (isDate && SheetDates.FromSerial(number, date1904) is { } date) return date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
        return number.ToString("0.##########", CultureInfo.InvariantCulture);
    }

    private static int? ColumnOf(string? reference)
    {
        if (string.IsNullOrEmpty(reference)) return null;
        var column = 0;
        foreach (var c in reference)
        {
            if (c is >= 'A' and <= 'Z') column = column * 26 + (c - 'A' + 1);
            else break;
        }
        return column == 0 ? null : column - 1;
    }

    private static MergedArea? Area(string? reference)
    {
        var parts = reference?.Split(':');
        if (parts is not { Length: 2 }) return null;
        var (firstColumn, lastColumn) = (ColumnOf(parts[0]), ColumnOf(parts[1]));
        var (firstRow, lastRow) = (RowOf(parts[0]), RowOf(parts[1]));
        return firstColumn is null || lastColumn is null || firstRow is null || lastRow is null
            ? null : new MergedArea(firstRow.Value, firstColumn.Value, lastRow.Value, lastColumn.Value);
    }

    private static int? RowOf(string reference)
    {
        var digits = reference.AsSpan().TrimStart("ABCDEFGHIJKLMNOPQRSTUVWXYZ$");
        return int.TryParse(digits, CultureInfo.InvariantCulture, out var row) ? row : null;
    }
}
