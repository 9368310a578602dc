using System.IO.Compression;
using System.Text;
using ClosedXML.Excel;
using MeetingAssist.Host.Petitions.Import;

namespace MeetingAssist.Host.Tests.Petitions.Import;

/// <summary>Petition lists made in code the way offices make them, so every test file can be regenerated and read.</summary>
internal static class PetitionWorkbooks
{
    // Note: ClosedXML's Value setter turns text such as "5/1/26" into a number; SetValue keeps text as typed.
    public static MemoryStream Save(XLWorkbook workbook)
    {
        var stream = new MemoryStream();
        // Excel stores each formula's last result; ClosedXML does so only when asked.
        workbook.SaveAs(stream, new SaveOptions { EvaluateFormulasBeforeSaving = true });
        workbook.Dispose();
        stream.Position = 0;
        return stream;
    }

    /// <summary>One header row on row 1 and plain rows under it.</summary>
    public static MemoryStream Clean(int rows = 3)
    {
        var workbook = new XLWorkbook();
        var sheet = workbook.AddWorksheet("Danh sách");
        string[] header = ["STT", "Họ và tên", "Địa chỉ", "Nội dung", "Lĩnh vực", "Cơ quan trả lời", "Ngày", "Phân loại", "Nguồn", "Ghi chú"];
        for (var c = 0; c < header.Length; c++) sheet.Cell(1, c + 1).Value = header[c];
        for (var r = 0; r < rows; r++)
        {
            var row = r + 2;
            sheet.Cell(row, 1).Value = r + 1;
            sheet.Cell(row, 2).Value = $"Nguyễn Văn Cử Tri {r + 1}";
            sheet.Cell(row, 3).Value = $"Thôn {r % 7 + 1}";
            sheet.Cell(row, 4).Value = $"Đề nghị sửa chữa đường giao thông nông thôn đoạn số {r + 1} bị xuống cấp, mùa mưa lầy lội, đi lại khó khăn.";
            sheet.Cell(row, 5).Value = r % 2 == 0 ? "Giao thông" : "Đất đai";
            sheet.Cell(row, 6).Value = "Phòng Kinh tế";
            sheet.Cell(row, 7).Value = new DateTime(2026, 1, 5).AddDays(r % 300);
            sheet.Cell(row, 8).Value = r % 3 == 0 ? "Ý kiến" : "Kiến nghị";
            sheet.Cell(row, 9).Value = "Mặt trận Tổ quốc";
            sheet.Cell(row, 10).Value = "";
        }
        return Save(workbook);
    }

    /// <summary>
    /// The kind of list an office really sends: titles, a merged two-row header with a column-number row,
    /// section rows per field, formulas, serial and text dates, NFD, TCVN3 and VNI text, a blank row, a row
    /// without content, a total row and the signature block.
    /// </summary>
    public static MemoryStream Messy(bool withTotalRow = true)
    {
        var workbook = new XLWorkbook();
        var sheet = workbook.AddWorksheet("Tổng hợp");
        sheet.Cell("A1").Value = "ỦY BAN NHÂN DÂN XÃ KIẾN MINH";
        sheet.Cell("E1").Value = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
        sheet.Cell("A3").Value = "DANH SÁCH Ý KIẾN, KIẾN NGHỊ CỦA CỬ TRI TRƯỚC HỘI NGHỊ ĐỐI THOẠI";
        sheet.Range("A3:I3").Merge();
        sheet.Cell("A4").Value = "(Kèm theo Báo cáo số 12/BC-UBND ngày 05/01/2026 của UBND xã)";

        sheet.Cell("A6").Value = "Số TT";
        sheet.Range("A6:A7").Merge();
        sheet.Cell("B6").Value = "Người kiến nghị";
        sheet.Range("B6:C6").Merge();
        sheet.Cell("B7").Value = "Họ tên";
        sheet.Cell("C7").Value = "Nơi cư trú";
        sheet.Cell("D6").Value = "Nội dung ý kiến, kiến nghị";
        sheet.Range("D6:D7").Merge();
        sheet.Cell("E6").Value = "LĨNH VỰC";
        sheet.Range("E6:E7").Merge();
        sheet.Cell("F6").Value = "Đơn vị  chủ trì";
        sheet.Cell("G6").Value = "Ngay";
        sheet.Cell("H6").Value = "phân loại";
        sheet.Cell("I6").Value = "Ghi chú";
        for (var c = 1; c <= 9; c++) sheet.Cell(8, c).SetValue($"({c})");

        sheet.Cell("A9").Value = "I. LĨNH VỰC ĐẤT ĐAI";
        sheet.Range("A9:I9").Merge();
        sheet.Cell("A10").Value = 1;
        sheet.Cell("B10").Value = "Nguyễn Văn Hùng".Normalize(NormalizationForm.FormD);
        sheet.Cell("C10").Value = "Thôn Kiến Minh 1";
        sheet.Cell("D10").Value = "Đề nghị cấp giấy chứng nhận quyền sử dụng đất cho các hộ đã sử dụng ổn định từ năm 1993.".Normalize(NormalizationForm.FormD);
        sheet.Cell("F10").Value = "Phòng Tài nguyên";
        sheet.Cell("G10").Value = 46027; // 05/01/2026 as a serial number, shown as a date
        sheet.Cell("G10").Style.NumberFormat.Format = "dd/mm/yyyy";
        sheet.Cell("H10").Value = "Kiến nghị";

        sheet.Cell("A11").FormulaA1 = "A10+1";
        // TCVN3 bytes written out from the VN3 chart: "Lê Thị Hoa", "Thôn Đông", "Đường giao thông nông thôn bị xuống cấp".
        sheet.Cell("B11").Value = "L\u00AA Th\u00DE Hoa";
        sheet.Cell("C11").Value = "Th\u00ABn \u00A7\u00ABng";
        sheet.Cell("D11").Value = "\u00A7\u00AD\u00EAng giao th\u00ABng n\u00ABng th\u00ABn b\u00DE xu\u00E8ng c\u00CAp";
        sheet.Cell("F11").Value = "Phòng Kinh tế";
        sheet.Cell("G11").SetValue("5/1/26");
        sheet.Cell("H11").Value = "Ý kiến";

        sheet.Cell("A13").Value = "II. Lĩnh vực giao thông";
        sheet.Cell("A14").FormulaA1 = "A11+1";
        sheet.Cell("B14").Value = LegacyVietnamese.EncodeVni("Trần Văn Bình");
        sheet.Cell("C14").Value = LegacyVietnamese.EncodeVni("Xóm Đồng");
        sheet.Cell("D14").Value = LegacyVietnamese.EncodeVni("Đường giao thông nông thôn xuống cấp, đề nghị sửa chữa");
        sheet.Cell("F14").Value = "Phòng Kinh tế";
        sheet.Cell("G14").SetValue("12/02/2026");
        sheet.Cell("H14").Value = "KN";

        sheet.Cell("A15").Value = 4;
        sheet.Cell("B15").Value = "Phạm Thị Lan";
        sheet.Cell("C15").Value = "Tổ dân phố 3";
        sheet.Cell("D15").Value = "Đề nghị sửa cầu tràn qua suối";
        sheet.Cell("E15").Value = "Thủy lợi";
        sheet.Cell("F15").Value = "Ủy ban nhân dân xã";
        sheet.Cell("G15").Value = new DateTime(2026, 3, 2);
        sheet.Cell("A16").Value = 5;
        sheet.Cell("B16").Value = "Tống Văn Sơn";
        sheet.Cell("C16").Value = "Thôn 2";

        var next = 17;
        if (withTotalRow)
        {
            sheet.Cell(next, 1).Value = "Tổng cộng";
            sheet.Range(next, 1, next, 3).Merge();
            sheet.Cell(next, 4).Value = "5 ý kiến, kiến nghị";
            next++;
        }
        sheet.Cell(next + 1, 7).Value = "Kiến Minh, ngày 10 tháng 01 năm 2026";
        sheet.Cell(next + 2, 2).Value = "NGƯỜI LẬP BIỂU";
        sheet.Cell(next + 2, 7).Value = "TM. ỦY BAN NHÂN DÂN";
        sheet.Cell(next + 5, 2).Value = "Lê Văn Thư";
        return Save(workbook);
    }

    /// <summary>A zip whose one part inflates to <paramref name="inflatedBytes"/> of zeros (ratio about a thousand).</summary>
    public static MemoryStream ZipBomb(long inflatedBytes, bool lieAboutSize = false)
    {
        var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            AddText(zip, "[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>");
            AddText(zip, "xl/workbook.xml", "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"/></sheets></workbook>");
            AddText(zip, "xl/_rels/workbook.xml.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>");
            var entry = zip.CreateEntry("xl/sharedStrings.xml", CompressionLevel.Optimal);
            using var part = entry.Open();
            var zeros = new byte[1 << 20];
            for (long written = 0; written < inflatedBytes; written += zeros.Length) part.Write(zeros, 0, (int)Math.Min(zeros.Length, inflatedBytes - written));
        }
        if (lieAboutSize) DeclareSmallSizes(stream);
        stream.Position = 0;
        return stream;
    }

    private static void AddText(ZipArchive zip, string name, string text)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
        writer.Write(text);
    }

    /// <summary>Rewrites every declared uncompressed size to 1 KB, as a crafted bomb does to pass a size check.</summary>
    private static void DeclareSmallSizes(MemoryStream stream)
    {
        var bytes = stream.GetBuffer();
        for (var i = 0; i + 30 < stream.Length; i++)
        {
            var local = bytes[i] == 'P' && bytes[i + 1] == 'K' && bytes[i + 2] == 3 && bytes[i + 3] == 4;
            var central = bytes[i] == 'P' && bytes[i + 1] == 'K' && bytes[i + 2] == 1 && bytes[i + 3] == 2;
            var offset = local ? 22 : central ? 24 : -1;
            if (offset < 0) continue;
            BitConverter.TryWriteBytes(bytes.AsSpan(i + offset, 4), 1024u);
        }
    }
}
