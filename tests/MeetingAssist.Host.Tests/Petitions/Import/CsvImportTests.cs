using System.Text;
using MeetingAssist.Host.Petitions.Import;

namespace MeetingAssist.Host.Tests.Petitions.Import;

public class CsvImportTests
{
    private const string Table =
        "DANH SÁCH Ý KIẾN, KIẾN NGHỊ CỦA CỬ TRI\n" +
        "STT{0}Họ và tên{0}Địa chỉ{0}Nội dung{0}Lĩnh vực{0}Ngày\n" +
        "1{0}Nguyễn Văn Hùng{0}Thôn Đông{0}\"Đề nghị sửa đường, làm mương\"{0}Giao thông{0}05/01/2026\n" +
        "2{0}Ủy ban nhân dân thôn{0}Thôn Tây{0}\"Nội dung có \"\"ngoặc kép\"\" và\nxuống dòng\"{0}Đất đai{0}6/1/2026\n";

    private static ImportPreview Read(byte[] bytes) => PetitionSheetReader.Read(new MemoryStream(bytes), "ds.csv");

    private static void AssertRead(ImportPreview preview)
    {
        Assert.Empty(preview.SheetProblems);
        Assert.Empty(preview.RowProblems);
        Assert.Equal(2, preview.Rows.Count);
        Assert.Equal("Nguyễn Văn Hùng", preview.Rows[0].Name);
        Assert.Equal("Đề nghị sửa đường, làm mương", preview.Rows[0].Content);
        Assert.Equal(new DateOnly(2026, 1, 5), preview.Rows[0].Date);
        Assert.Equal("Ủy ban nhân dân thôn", preview.Rows[1].Name);
        Assert.Equal("Nội dung có \"ngoặc kép\" và\nxuống dòng", preview.Rows[1].Content);
        Assert.Equal("Đất đai", preview.Rows[1].Field);
    }

    [Theory]
    [InlineData(",")]
    [InlineData(";")]
    [InlineData("\t")]
    public void Read_Utf8WithBom_AnySeparator(string separator) =>
        AssertRead(Read([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(string.Format(Table, separator))]));

    [Fact]
    public void Read_Utf8WithoutBom() => AssertRead(Read(Encoding.UTF8.GetBytes(string.Format(Table, ";"))));

    [Fact]
    public void Read_Utf16WithBom() => AssertRead(Read([.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(string.Format(Table, "\t"))]));

    [Fact]
    public void Read_Utf16WithoutBom() => AssertRead(Read(Encoding.Unicode.GetBytes(string.Format(Table, ","))));

    [Fact]
    public void Read_NfdText_IsNormalised() => AssertRead(Read(Encoding.UTF8.GetBytes(string.Format(Table, ",").Normalize(NormalizationForm.FormD))));

    [Fact]
    public void Read_Windows1258Bytes_AreDecoded()
    {
        var windows1258 = CodePagesEncodingProvider.Instance.GetEncoding(1258)!;
        // Windows-1258 has â, ê, ơ, ư, đ... as letters and writes the five tones as combining marks after them.
        var bytes = windows1258.GetBytes(TonesApart(string.Format(Table, ";")));
        Assert.Throws<DecoderFallbackException>(() => new UTF8Encoding(false, true).GetString(bytes));
        AssertRead(Read(bytes));
    }

    private static string TonesApart(string text)
    {
        var result = new StringBuilder();
        foreach (var c in text)
        {
            var parts = c.ToString().Normalize(NormalizationForm.FormD);
            var tones = parts.Where(p => p is '\u0300' or '\u0301' or '\u0303' or '\u0309' or '\u0323').ToArray();
            result.Append(new string(parts.Except(tones).ToArray()).Normalize(NormalizationForm.FormC)).Append(tones);
        }
        return result.ToString();
    }

    [Fact]
    public void Read_Tcvn3FontBytes_AreConverted()
    {
        // The bytes a .VnTime document holds, saved as text: one byte per letter.
        var legacy = LegacyVietnamese.EncodeTcvn3(string.Format(Table, ","));
        var bytes = Encoding.Latin1.GetBytes(legacy);
        var preview = Read(bytes);
        Assert.Equal("Nguyễn Văn Hùng", preview.Rows[0].Name);
        Assert.Equal("Đề nghị sửa đường, làm mương", preview.Rows[0].Content);
    }

    [Fact]
    public void DetectSeparator_CommasInsideTextDoNotWinOverSemicolons()
    {
        var text = "A;B;C\n1;\"x, y, z, w\";q\n2;a, b, c, d, e;r\n";
        Assert.Equal(';', CsvGridReader.DetectSeparator(text));
    }
}
