using System.Globalization;
using ClosedXML.Excel;

namespace MeetingAssist.Host.Petitions.Import;

/// <summary>One petition as the office's list shows it; words, not codes, since the sheet is read by people.</summary>
/// <param name="Received">The day the office received it; read back as the list's date when the sheet is imported.</param>
public sealed record PetitionExportRow(
    string Name, string Address, string Content, string Field, string Department, string Answer, DateOnly? Due, string Status,
    DateOnly? Received = null);

/// <summary>What stands above and below the table: the agency, the title, and optionally place, date and signer.</summary>
public sealed record PetitionExportTitle(string Agency, string Title, string? Subtitle = null, string? PlaceAndDate = null, string? Signer = null);

/// <summary>
/// Writes petitions as .xlsx in the layout offices use: national motto beside the agency, title, one header row,
/// a Roman-numbered section row per field, Times New Roman 13, wrapped text with borders, A4 landscape, the header
/// repeated on every printed page. <see cref="PetitionSheetReader"/> reads it back.
/// </summary>
public static class PetitionSheetWriter
{
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    private static readonly (string Header, double Width)[] Columns =
    [
        ("STT", 6), ("Họ và tên", 22), ("Địa chỉ", 18), ("Nội dung", 50), ("Lĩnh vực", 14),
        ("Cơ quan trả lời", 18), ("Trả lời", 40), ("Ngày nhận", 12), ("Hạn", 12), ("Trạng thái", 14),
    ];

    private const int HeaderRow = 7;

    public static void Write(Stream output, IReadOnlyList<PetitionExportRow> rows, PetitionExportTitle title)
    {
        using var workbook = new XLWorkbook();
        workbook.Style.Font.FontName = "Times New Roman";
        workbook.Style.Font.FontSize = 13;
        var sheet = workbook.AddWorksheet("Danh sách");
        var last = Columns.Length;
        for (var c = 0; c < last; c++) sheet.Column(c + 1).Width = Columns[c].Width;

        Title(sheet.Range(1, 1, 1, 3), title.Agency.ToUpper(Vietnamese), bold: true);
        Title(sheet.Range(1, 5, 1, last), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold: true);
        Title(sheet.Range(2, 5, 2, last), "Độc lập - Tự do - Hạnh phúc", bold: true);
        if (title.PlaceAndDate is { Length: > 0 } placeAndDate) Title(sheet.Range(3, 5, 3, last), placeAndDate, italic: true);
        Title(sheet.Range(4, 1, 4, last), title.Title.ToUpper(Vietnamese), bold: true).Style.Font.FontSize = 14;
        if (title.Subtitle is { Length: > 0 } subtitle) Title(sheet.Range(5, 1, 5, last), subtitle, italic: true);

        for (var c = 0; c < last; c++) sheet.Cell(HeaderRow, c + 1).SetValue(Columns[c].Header);
        var header = sheet.Range(HeaderRow, 1, HeaderRow, last);
        header.Style.Font.Bold = true;
        header.Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Center;

        var row = HeaderRow + 1;
        var number = 0;
        var section = 0;
        foreach (var group in rows.GroupBy(r => r.Field.Trim()))
        {
            var heading = sheet.Range(row, 1, row, last).Merge();
            heading.FirstCell().SetValue($"{Roman(++section)}. {SectionTitle(group.Key)}");
            heading.Style.Font.Bold = true;
            row++;
            foreach (var petition in group)
            {
                sheet.Cell(row, 1).SetValue(++number);
                sheet.Cell(row, 2).SetValue(petition.Name);
                sheet.Cell(row, 3).SetValue(petition.Address);
                sheet.Cell(row, 4).SetValue(petition.Content);
                sheet.Cell(row, 5).SetValue(petition.Field);
                sheet.Cell(row, 6).SetValue(petition.Department);
                sheet.Cell(row, 7).SetValue(petition.Answer);
                SetDate(sheet.Cell(row, 8), petition.Received);
                SetDate(sheet.Cell(row, 9), petition.Due);
                sheet.Cell(row, 10).SetValue(petition.Status);
                row++;
            }
        }

        var table = sheet.Range(HeaderRow, 1, Math.Max(row - 1, HeaderRow), last);
        table.Style.Alignment.WrapText = true;
        table.Style.Alignment.Vertical = XLAlignmentVerticalValues.Top;
        table.Style.Border.OutsideBorder = XLBorderStyleValues.Thin;
        table.Style.Border.InsideBorder = XLBorderStyleValues.Thin;
        header.Style.Alignment.Vertical = XLAlignmentVerticalValues.Center;
        if (row > HeaderRow + 1) sheet.Range(HeaderRow + 1, 1, row - 1, 1).Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Center;

        if (title.Signer is { Length: > 0 } signer)
        {
            Title(sheet.Range(row + 2, 6, row + 2, last), signer.ToUpper(Vietnamese), bold: true);
        }

        var page = sheet.PageSetup;
        page.PaperSize = XLPaperSize.A4Paper;
        page.PageOrientation = XLPageOrientation.Landscape;
        page.FitToPages(1, 0);
        page.Margins.Left = 0.6;
        page.Margins.Right = 0.4;
        page.Margins.Top = 0.6;
        page.Margins.Bottom = 0.6;
        page.SetRowsToRepeatAtTop(HeaderRow, HeaderRow);
        page.CenterHorizontally = true;
        workbook.SaveAs(output);
    }

    private static void SetDate(IXLCell cell, DateOnly? date)
    {
        // Excel holds no date before 1900; a petition stored without its day received leaves the cell empty.
        if (date is not { Year: >= 1900 } day) return;
        cell.SetValue(day.ToDateTime(TimeOnly.MinValue));
        cell.Style.NumberFormat.Format = "dd/mm/yyyy";
    }

    private static IXLRange Title(IXLRange range, string text, bool bold = false, bool italic = false)
    {
        range.Merge();
        range.FirstCell().SetValue(text);
        range.Style.Font.Bold = bold;
        range.Style.Font.Italic = italic;
        range.Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Center;
        range.Style.Alignment.WrapText = true;
        return range;
    }

    /// <summary>"Đất đai" → "LĨNH VỰC ĐẤT ĐAI", as section rows are written; a missing field goes under "KHÁC".</summary>
    private static string SectionTitle(string field)
    {
        if (field.Length == 0) return "KHÁC";
        var upper = field.ToUpper(Vietnamese);
        return VietnameseText.Fold(field).StartsWith("linh vuc", StringComparison.Ordinal) ? upper : "LĨNH VỰC " + upper;
    }

    public static string Roman(int number)
    {
        (int Value, string Numeral)[] numerals = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")];
        var text = new System.Text.StringBuilder();
        foreach (var (value, numeral) in numerals)
            while (number >= value) { text.Append(numeral); number -= value; }
        return text.ToString();
    }
}
