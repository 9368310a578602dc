using ClosedXML.Excel;
using MeetingAssist.Host.Petitions.Import;

namespace MeetingAssist.Host.Tests.Petitions.Import;

public class PetitionSheetWriterTests
{
    private static readonly PetitionExportRow[] Rows =
    [
        new("Nguyễn Văn Hùng", "Thôn Kiến Minh 1", "Đề nghị cấp giấy chứng nhận quyền sử dụng đất.", "Đất đai", "Phòng Tài nguyên", "Phòng Tài nguyên trả lời: đang xem xét.", new DateOnly(2026, 2, 10), "Đã phân công", new DateOnly(2026, 1, 5)),
        new("Lê Thị Hoa", "Thôn Đông", "Đường giao thông nông thôn bị xuống cấp.\nMùa mưa lầy lội.", "Giao thông - Thủy lợi", "Phòng Kinh tế", "", null, "Mới", new DateOnly(2026, 1, 6)),
        new("Trần Văn Bình", "Xóm Đồng", "Đề nghị đo đạc lại ranh giới thửa đất.", "Đất đai", "Phòng Tài nguyên", "", new DateOnly(2026, 3, 1), "Mới", new DateOnly(2026, 1, 7)),
    ];

    private static readonly PetitionExportTitle Title =
        new("Ủy ban nhân dân xã Kiến Minh", "Danh sách ý kiến, kiến nghị của cử tri", "(Hội nghị đối thoại quý I năm 2026)", "Kiến Minh, ngày 05 tháng 01 năm 2026", "Người lập biểu");

    private static MemoryStream Export()
    {
        var stream = new MemoryStream();
        PetitionSheetWriter.Write(stream, Rows, Title);
        stream.Position = 0;
        return stream;
    }

    [Fact]
    public void Export_ThenImport_GivesTheSamePetitionsBack()
    {
        var preview = PetitionSheetReader.Read(Export(), "xuat.xlsx");

        Assert.Empty(preview.SheetProblems);
        Assert.Empty(preview.RowProblems);
        // Grouped by field: both land petitions first, under section I.
        var expected = Rows.OrderBy(r => r.Field == "Đất đai" ? 0 : 1).ToList();
        Assert.Equal(expected.Count, preview.Rows.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var (sent, back) = (expected[i], preview.Rows[i]);
            Assert.Equal((i + 1).ToString(), back.Stt);
            Assert.Equal(sent.Name, back.Name);
            Assert.Equal(sent.Address, back.Address);
            Assert.Equal(sent.Content, back.Content);
            Assert.Equal(sent.Field, back.Field);
            Assert.Equal(sent.Department, back.Department);
            // The day received comes back as the list's date, so a re-import keeps it.
            Assert.Equal(sent.Received, back.Date);
        }
    }

    [Fact]
    public void Export_LaysTheSheetOutAsOfficesDo()
    {
        using var workbook = new XLWorkbook(Export());
        var sheet = workbook.Worksheet(1);

        Assert.Equal("ỦY BAN NHÂN DÂN XÃ KIẾN MINH", sheet.Cell(1, 1).GetString());
        Assert.Equal("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", sheet.Cell(1, 5).GetString());
        Assert.Equal("DANH SÁCH Ý KIẾN, KIẾN NGHỊ CỦA CỬ TRI", sheet.Cell(4, 1).GetString());
        Assert.Equal(["STT", "Họ và tên", "Địa chỉ", "Nội dung", "Lĩnh vực", "Cơ quan trả lời", "Trả lời", "Ngày nhận", "Hạn", "Trạng thái"],
            Enumerable.Range(1, 10).Select(c => sheet.Cell(7, c).GetString()));
        Assert.Equal("I. LĨNH VỰC ĐẤT ĐAI", sheet.Cell(8, 1).GetString());
        Assert.True(sheet.Cell(8, 1).IsMerged());
        Assert.Equal("II. LĨNH VỰC GIAO THÔNG - THỦY LỢI", sheet.Cell(11, 1).GetString());
        Assert.Equal(new DateTime(2026, 1, 5), sheet.Cell(9, 8).GetDateTime());
        Assert.Equal(new DateTime(2026, 2, 10), sheet.Cell(9, 9).GetDateTime());

        var cell = sheet.Cell(9, 4);
        Assert.Equal("Times New Roman", cell.Style.Font.FontName);
        Assert.Equal(13, cell.Style.Font.FontSize);
        Assert.True(cell.Style.Alignment.WrapText);
        Assert.Equal(XLBorderStyleValues.Thin, cell.Style.Border.LeftBorder);
        Assert.Equal(50, sheet.Column(4).Width, 0.5);
        Assert.Equal(XLPaperSize.A4Paper, sheet.PageSetup.PaperSize);
        Assert.Equal(XLPageOrientation.Landscape, sheet.PageSetup.PageOrientation);
        Assert.Equal(1, sheet.PageSetup.PagesWide);
    }

    [Fact]
    public void Roman_NumbersSections() =>
        Assert.Equal(["I", "II", "III", "IV", "IX", "XIV", "XL"], new[] { 1, 2, 3, 4, 9, 14, 40 }.Select(PetitionSheetWriter.Roman));
}
