using System.Globalization;

namespace MeetingAssist.Host.Petitions.Import;

/// <summary>
/// Reads a petition list (.xlsx or .csv) into an <see cref="ImportPreview"/>: rows with their problems, nothing saved.
/// Whatever the file holds, the answer is a preview; a file that cannot be read gives one Vietnamese sheet problem.
/// </summary>
public static class PetitionSheetReader
{
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");
    public const int MaxContentChars = 4000;
    public const int MaxNameChars = 300;

    public static ImportPreview Read(Stream stream, string fileName, ImportLimits? limits = null)
    {
        limits ??= ImportLimits.Default;
        try
        {
            var grid = ReadGrid(stream, fileName, limits);
            return Interpret(grid, limits);
        }
        catch (ImportRejectedException rejected)
        {
            return ImportPreview.Failed(rejected.Message);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A damaged or hostile file can break the parser in any number of ways; the user gets one clear answer.
            return ImportPreview.Failed("Không đọc được tệp: nội dung không đúng dạng bảng tính .xlsx hoặc .csv. Hãy mở tệp bằng Excel, lưu lại rồi thử lại.");
        }
    }

    /// <summary>The sheet's cells as text, the file read into memory first within the size limit.</summary>
    public static SheetGrid ReadGrid(Stream stream, string fileName, ImportLimits limits)
    {
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        if (extension is not (".xlsx" or ".xlsm" or ".csv" or ".txt"))
            throw new ImportRejectedException(extension == ".xls"
                ? "Đây là tệp Excel 97–2003 (.xls), chưa được hỗ trợ. Hãy mở bằng Excel và lưu lại dạng .xlsx."
                : "Chỉ nhận tệp bảng tính .xlsx hoặc .csv.");
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > limits.MaxFileBytes)
                throw new ImportRejectedException($"Tệp lớn quá {limits.MaxFileBytes / (1024 * 1024)} MB. Hãy chia danh sách thành nhiều tệp.");
            buffer.Write(chunk, 0, read);
        }
        if (buffer.Length == 0) throw new ImportRejectedException("Tệp rỗng.");
        buffer.Position = 0;
        return extension is ".csv" or ".txt" ? CsvGridReader.Read(buffer, limits) : XlsxGridReader.Read(buffer, limits);
    }

    /// <summary>Gives the grid its meaning: header, sections, data rows and their problems.</summary>
    public static ImportPreview Interpret(SheetGrid grid, ImportLimits? limits = null)
    {
        limits ??= ImportLimits.Default;
        var converted = CleanCells(grid);
        var sheetProblems = new List<ImportProblem>();
        if (grid.Truncated) sheetProblems.Add(TooManyRows(limits));
        var header = TableLayout.FindHeader(grid);
        if (header is null)
        {
            sheetProblems.Add(new ImportProblem(null,
                "Không tìm thấy dòng tiêu đề cột. Bảng cần có ít nhất cột “Nội dung” và một cột khác như “STT”, “Họ và tên”, “Địa chỉ”, “Lĩnh vực”."));
            return new ImportPreview(grid.Name, [], [], sheetProblems, [], converted);
        }

        var columns = header.Columns;
        var content = columns[PetitionColumn.Content];
        string Cell(SheetRow row, PetitionColumn column) => columns.TryGetValue(column, out var index) ? row.Cell(index) : "";
        var rows = new List<ImportedPetition>();
        var rowProblems = new List<ImportProblem>();
        var sectionField = "";
        for (var i = header.FirstDataIndex; i < grid.Rows.Count; i++)
        {
            var row = grid.Rows[i];
            if (TableLayout.EndsTable(row, content)) break;
            if (TableLayout.SectionField(row, content) is { } field)
            {
                sectionField = field;
                continue;
            }
            // Templates often come with numbered rows left empty.
            if (row.Cells.Select((text, column) => (text, column)).All(c => c.text.Length == 0 || columns.GetValueOrDefault(PetitionColumn.Stt, -1) == c.column)) continue;
            if (rows.Count >= limits.MaxRows)
            {
                if (!grid.Truncated) sheetProblems.Add(TooManyRows(limits));
                break;
            }
            rows.Add(ReadRow(row, Cell, sectionField, rowProblems));
        }
        if (rows.Count == 0 && sheetProblems.Count == 0)
            sheetProblems.Add(new ImportProblem(null, "Không có dòng kiến nghị nào dưới dòng tiêu đề cột."));
        return new ImportPreview(grid.Name, rows, rowProblems, sheetProblems, header.Found, converted)
        {
            Duplicates = PetitionDuplicates.WithinFile(rows),
        };
    }

    private static ImportedPetition ReadRow(SheetRow row, Func<SheetRow, PetitionColumn, string> cell, string sectionField, List<ImportProblem> problems)
    {
        var n = row.Number;
        var name = cell(row, PetitionColumn.Name).Replace('\n', ' ');
        var content = cell(row, PetitionColumn.Content);
        if (content.Length == 0) problems.Add(new(n, $"Dòng {n}: thiếu nội dung kiến nghị."));
        else if (content.Length > MaxContentChars) problems.Add(new(n, $"Dòng {n}: nội dung dài quá {MaxContentChars.ToString("N0", Vietnamese)} ký tự."));
        if (name.Length == 0) problems.Add(new(n, $"Dòng {n}: thiếu họ tên người (hoặc tổ chức) kiến nghị."));
        else if (name.Length > MaxNameChars) problems.Add(new(n, $"Dòng {n}: họ tên dài quá {MaxNameChars} ký tự."));

        var dateText = cell(row, PetitionColumn.Date);
        var date = SheetDates.Parse(dateText);
        if (dateText.Length > 0 && date is null)
            problems.Add(new(n, $"Dòng {n}: không đọc được ngày “{dateText}” (ghi theo dạng ngày/tháng/năm, ví dụ 05/01/2026)."));

        var kindText = cell(row, PetitionColumn.Kind);
        var kind = KindOf(kindText);
        if (kind is null)
        {
            problems.Add(new(n, $"Dòng {n}: phân loại “{kindText}” không rõ (ghi “Ý kiến” hoặc “Kiến nghị”)."));
            kind = ImportedPetitionKind.Unspecified;
        }
        var field = cell(row, PetitionColumn.Field);
        return new ImportedPetition(n, cell(row, PetitionColumn.Stt), name, cell(row, PetitionColumn.Address).Replace('\n', ' '), content,
            field.Length > 0 ? field : sectionField, cell(row, PetitionColumn.Department), date, kind.Value,
            cell(row, PetitionColumn.Source), cell(row, PetitionColumn.Note));
    }

    private static ImportedPetitionKind? KindOf(string text)
    {
        var folded = VietnameseText.Fold(text);
        if (folded.Length == 0) return ImportedPetitionKind.Unspecified;
        if (folded is "kn" or "kien nghi" or "kien nghi de nghi" or "de nghi" || folded.StartsWith("kien nghi", StringComparison.Ordinal)) return ImportedPetitionKind.Request;
        if (folded is "yk" or "y kien" or "gop y" or "y kien gop y" || folded.StartsWith("y kien", StringComparison.Ordinal)) return ImportedPetitionKind.Opinion;
        return null;
    }

    private static ImportProblem TooManyRows(ImportLimits limits) =>
        new(null, $"Bảng có hơn {limits.MaxRows.ToString("N0", Vietnamese)} dòng; hãy chia danh sách thành nhiều tệp.");

    /// <summary>Every cell to NFC with spaces tidied, and legacy-encoded text converted; returns how many cells were converted.</summary>
    private static int CleanCells(SheetGrid grid)
    {
        var converted = grid.LegacyCellsConverted;
        foreach (var row in grid.Rows)
        {
            for (var c = 0; c < row.Cells.Length; c++)
            {
                var text = VietnameseText.Clean(row.Cells[c]);
                text = LegacyVietnamese.Repair(text, out var encoding);
                if (encoding != LegacyEncoding.None) converted++;
                row.Cells[c] = text;
            }
        }
        return converted;
    }
}
