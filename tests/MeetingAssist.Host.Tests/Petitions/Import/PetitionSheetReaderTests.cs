using System.Text;
using MeetingAssist.Host.Petitions.Import;

namespace MeetingAssist.Host.Tests.Petitions.Import;

public class PetitionSheetReaderTests
{
    [Fact]
    public void Read_CleanSheet_GivesEveryRowWithItsCells()
    {
        var preview = PetitionSheetReader.Read(PetitionWorkbooks.Clean(3), "ds.xlsx");

        Assert.Empty(preview.SheetProblems);
        Assert.Empty(preview.RowProblems);
        Assert.True(preview.CanCommit);
        Assert.Equal(3, preview.Rows.Count);
        var first = preview.Rows[0];
        Assert.Equal(2, first.RowNumber);
        Assert.Equal("1", first.Stt);
        Assert.Equal("Nguyễn Văn Cử Tri 1", first.Name);
        Assert.Equal("Thôn 1", first.Address);
        Assert.StartsWith("Đề nghị sửa chữa đường", first.Content);
        Assert.Equal("Giao thông", first.Field);
        Assert.Equal("Phòng Kinh tế", first.Department);
        Assert.Equal(new DateOnly(2026, 1, 5), first.Date);
        Assert.Equal(ImportedPetitionKind.Opinion, first.Kind);
        Assert.Equal(ImportedPetitionKind.Request, preview.Rows[1].Kind);
        Assert.Equal("Mặt trận Tổ quốc", first.Source);
        Assert.Equal(10, preview.Columns.Count);
    }

    [Fact]
    public void Read_MessySheet_FindsTheTableAndReadsEveryRowRight()
    {
        var preview = PetitionSheetReader.Read(PetitionWorkbooks.Messy(), "tong-hop.xlsx");

        Assert.Empty(preview.SheetProblems);
        Assert.Equal([10, 11, 14, 15, 16], preview.Rows.Select(r => r.RowNumber));

        var nfd = preview.Rows[0];
        Assert.Equal("Nguyễn Văn Hùng", nfd.Name);
        Assert.True(nfd.Name.IsNormalized(NormalizationForm.FormC));
        Assert.True(nfd.Content.IsNormalized(NormalizationForm.FormC));
        Assert.Equal("Thôn Kiến Minh 1", nfd.Address);
        Assert.Equal("Đất đai", nfd.Field);
        Assert.Equal("Phòng Tài nguyên", nfd.Department);
        Assert.Equal(new DateOnly(2026, 1, 5), nfd.Date);
        Assert.Equal(ImportedPetitionKind.Request, nfd.Kind);

        var tcvn3 = preview.Rows[1];
        Assert.Equal("2", tcvn3.Stt);
        Assert.Equal("Lê Thị Hoa", tcvn3.Name);
        Assert.Equal("Thôn Đông", tcvn3.Address);
        Assert.Equal("Đường giao thông nông thôn bị xuống cấp", tcvn3.Content);
        Assert.Equal("Đất đai", tcvn3.Field);
        Assert.Equal(new DateOnly(2026, 1, 5), tcvn3.Date);
        Assert.Equal(ImportedPetitionKind.Opinion, tcvn3.Kind);

        var vni = preview.Rows[2];
        Assert.Equal("3", vni.Stt);
        Assert.Equal("Trần Văn Bình", vni.Name);
        Assert.Equal("Xóm Đồng", vni.Address);
        Assert.Equal("Đường giao thông nông thôn xuống cấp, đề nghị sửa chữa", vni.Content);
        Assert.Equal("Giao thông", vni.Field);
        Assert.Equal(new DateOnly(2026, 2, 12), vni.Date);

        var ownField = preview.Rows[3];
        Assert.Equal("Thủy lợi", ownField.Field);
        Assert.Equal(new DateOnly(2026, 3, 2), ownField.Date);
        Assert.Equal(ImportedPetitionKind.Unspecified, ownField.Kind);

        Assert.Equal(["Dòng 16: thiếu nội dung kiến nghị."], preview.RowProblems.Select(p => p.Message));
        Assert.False(preview.CanCommit);
        Assert.True(preview.LegacyCellsConverted >= 6);
        Assert.Contains(preview.Columns, c => c.Meaning == "Họ và tên" && c.Header == "Họ tên");
        Assert.Contains(preview.Columns, c => c.Meaning == "Địa chỉ" && c.Header == "Nơi cư trú");
    }

    [Fact]
    public void Read_SheetEndingWithSignatureOnly_StopsBeforeTheSignatureBlock()
    {
        var preview = PetitionSheetReader.Read(PetitionWorkbooks.Messy(withTotalRow: false), "ds.xlsx");
        Assert.Equal(16, preview.Rows[^1].RowNumber);
        Assert.Single(preview.RowProblems);
    }

    [Fact]
    public void Read_Tcvn3TextInACapitalsFont_ComesBackInCapitals()
    {
        // .VnTimeH draws the lower-case TCVN3 codes as capitals: the cell shows "NGUYỄN VĂN HÙNG".
        var workbook = new ClosedXML.Excel.XLWorkbook();
        var sheet = workbook.AddWorksheet("DS");
        sheet.Cell("A1").SetValue("Họ và tên");
        sheet.Cell("B1").SetValue("Nội dung");
        sheet.Cell("A2").SetValue("nguy\u00D4n v\u00A8n h\u00EFng");
        sheet.Cell("A2").Style.Font.FontName = ".VnTimeH";
        sheet.Cell("B2").SetValue("\u00A7\u00AD\u00EAng giao th\u00ABng");
        sheet.Cell("B2").Style.Font.FontName = ".VnTime";

        var preview = PetitionSheetReader.Read(PetitionWorkbooks.Save(workbook), "ds.xlsx");

        Assert.Equal("NGUYỄN VĂN HÙNG", preview.Rows[0].Name);
        Assert.Equal("Đường giao thông", preview.Rows[0].Content);
        Assert.Equal(2, preview.LegacyCellsConverted);
    }

    [Fact]
    public void Read_TextFileRenamedXlsx_GivesAVietnameseError()
    {
        var fake = new MemoryStream(Encoding.UTF8.GetBytes("STT,Họ tên,Nội dung\n1,An,Đề nghị\n"));
        var preview = PetitionSheetReader.Read(fake, "danh-sach.xlsx");
        Assert.Empty(preview.Rows);
        Assert.Equal("Tệp không phải là bảng tính Excel (.xlsx) hợp lệ. Hãy chọn đúng tệp .xlsx hoặc .csv.", Assert.Single(preview.SheetProblems).Message);
    }

    [Fact]
    public void Read_DamagedZip_GivesAVietnameseError()
    {
        var bytes = PetitionWorkbooks.Clean(2).ToArray();
        var damaged = bytes[..(bytes.Length / 2)];
        var preview = PetitionSheetReader.Read(new MemoryStream(damaged), "ds.xlsx");
        Assert.Empty(preview.Rows);
        Assert.Contains("Excel", Assert.Single(preview.SheetProblems).Message);
    }

    [Fact]
    public void Read_ZipBomb_IsRefusedBeforeInflating()
    {
        var bomb = PetitionWorkbooks.ZipBomb(160L * 1024 * 1024);
        Assert.True(bomb.Length < 1024 * 1024, $"the bomb should be small on disk, was {bomb.Length} bytes");
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var preview = PetitionSheetReader.Read(bomb, "bom.xlsx");
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.Contains("zip bomb", Assert.Single(preview.SheetProblems).Message);
        Assert.True(allocated < 50L * 1024 * 1024, $"allocated {allocated / 1024 / 1024} MB");
    }

    [Fact]
    public void Read_PartCompressedFarBeyondRealSheets_IsRefusedEvenUnderTheTotalCap()
    {
        // 30 MB of zeros: under the 100 MB total, but a thousand times smaller packed than inflated.
        var preview = PetitionSheetReader.Read(PetitionWorkbooks.ZipBomb(30L * 1024 * 1024), "bom.xlsx");
        Assert.Contains("zip bomb", Assert.Single(preview.SheetProblems).Message);
    }

    [Fact]
    public void Read_ZipBombLyingAboutItsSizes_IsStoppedWhileInflating()
    {
        var bomb = PetitionWorkbooks.ZipBomb(160L * 1024 * 1024, lieAboutSize: true);
        var preview = PetitionSheetReader.Read(bomb, "bom.xlsx");
        Assert.Empty(preview.Rows);
        Assert.Single(preview.SheetProblems);
    }

    [Fact]
    public void Read_MoreRowsThanTheLimit_IsRefusedWithASheetProblem()
    {
        var preview = PetitionSheetReader.Read(PetitionWorkbooks.Clean(60), "ds.xlsx", new ImportLimits { MaxRows = 50 });
        Assert.Equal("Bảng có hơn 50 dòng; hãy chia danh sách thành nhiều tệp.", Assert.Single(preview.SheetProblems).Message);
        Assert.False(preview.CanCommit);
    }

    [Fact]
    public void Read_FileOverTheSizeLimit_IsRefused()
    {
        var preview = PetitionSheetReader.Read(PetitionWorkbooks.Clean(50), "ds.xlsx", new ImportLimits { MaxFileBytes = 2000 });
        Assert.StartsWith("Tệp lớn quá", Assert.Single(preview.SheetProblems).Message);
    }

    [Theory]
    [InlineData("ds.xls", "Excel 97–2003")]
    [InlineData("ds.pdf", "Chỉ nhận tệp bảng tính .xlsx hoặc .csv.")]
    public void Read_OtherFileTypes_AreRefusedByName(string name, string message)
    {
        var preview = PetitionSheetReader.Read(new MemoryStream([1, 2, 3]), name);
        Assert.Contains(message, Assert.Single(preview.SheetProblems).Message);
    }

    [Fact]
    public void Read_SheetWithoutAHeader_SaysWhichColumnsAreNeeded()
    {
        var csv = new MemoryStream(Encoding.UTF8.GetBytes("a,b,c\n1,2,3\n"));
        var preview = PetitionSheetReader.Read(csv, "ds.csv");
        Assert.StartsWith("Không tìm thấy dòng tiêu đề cột.", Assert.Single(preview.SheetProblems).Message);
    }

    [Theory]
    [InlineData("05/01/2026", 2026, 1, 5)]
    [InlineData("5/1/26", 2026, 1, 5)]
    [InlineData("5-1-2026", 2026, 1, 5)]
    [InlineData("2026-01-05", 2026, 1, 5)]
    [InlineData("46027", 2026, 1, 5)]
    [InlineData("ngày 05 tháng 01 năm 2026", 2026, 1, 5)]
    public void Dates_TextAndSerials_AreRead(string text, int year, int month, int day) =>
        Assert.Equal(new DateOnly(year, month, day), SheetDates.Parse(text));

    [Fact]
    public void Dates_Serials_FollowThe1900System()
    {
        Assert.Equal(new DateOnly(1900, 1, 1), SheetDates.FromSerial(1));
        Assert.Equal(new DateOnly(1900, 2, 28), SheetDates.FromSerial(59));
        Assert.Equal(new DateOnly(1900, 3, 1), SheetDates.FromSerial(61));
        Assert.Equal(new DateOnly(2026, 1, 5), SheetDates.FromSerial(46027.75));
        Assert.Null(SheetDates.Parse("32/13/2026"));
        Assert.Null(SheetDates.Parse("31/02/2026"));
        Assert.Null(SheetDates.Parse("5/1/126"));
        Assert.Null(SheetDates.Parse("Đề nghị 5/1"));
    }

    [Theory]
    [InlineData("STT", PetitionColumn.Stt)]
    [InlineData("Số TT", PetitionColumn.Stt)]
    [InlineData("TT", PetitionColumn.Stt)]
    [InlineData("Họ và tên", PetitionColumn.Name)]
    [InlineData("HO TEN", PetitionColumn.Name)]
    [InlineData("Cử tri", PetitionColumn.Name)]
    [InlineData("Người kiến nghị", PetitionColumn.Name)]
    [InlineData("Thôn", PetitionColumn.Address)]
    [InlineData("  Nơi   cư trú ", PetitionColumn.Address)]
    [InlineData("Nội dung ý kiến, kiến nghị của cử tri", PetitionColumn.Content)]
    [InlineData("Lĩnh vực", PetitionColumn.Field)]
    [InlineData("Phòng ban", PetitionColumn.Department)]
    [InlineData("Cơ quan trả lời", PetitionColumn.Department)]
    [InlineData("Ngày", PetitionColumn.Date)]
    [InlineData("Ghi chú", PetitionColumn.Note)]
    [InlineData("Phân loại", PetitionColumn.Kind)]
    [InlineData("Nguồn", PetitionColumn.Source)]
    public void HeaderMatcher_UsualSpellings_AreRecognised(string header, PetitionColumn expected) =>
        Assert.Equal(expected, HeaderMatcher.Match(header));

    [Theory]
    [InlineData("Trả lời")]
    [InlineData("Trạng thái")]
    [InlineData("DANH SÁCH Ý KIẾN, KIẾN NGHỊ CỦA CỬ TRI")]
    public void HeaderMatcher_OtherTexts_AreNotHeaders(string text) => Assert.Null(HeaderMatcher.Match(text));
}
