using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using MeetingAssist.Host.Documents;

namespace MeetingAssist.Host.Tests.Documents;

/// <summary>The DOCX is valid Open XML and follows the state format of Nghị định 30/2020 point by point.</summary>
public class DocxFormatTests
{
    private static WordprocessingDocument Open(byte[] docx) => WordprocessingDocument.Open(new MemoryStream(docx), false);

    [Fact]
    public void Docx_PassesTheOpenXmlValidator_WithZeroErrors()
    {
        using var doc = Open(DocxWriter.Write(SampleDocuments.Minutes()));
        var errors = new OpenXmlValidator(FileFormatVersions.Office2019).Validate(doc).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Path?.XPath}: {e.Description}")));
    }

    [Fact]
    public void Page_IsA4_WithTheStateMargins()
    {
        using var doc = Open(DocxWriter.Write(SampleDocuments.Minutes()));
        var section = doc.MainDocumentPart!.Document!.Body!.GetFirstChild<SectionProperties>()!;
        var size = section.GetFirstChild<PageSize>()!;
        Assert.Equal(11906u, size.Width!.Value);   // 210 mm
        Assert.Equal(16838u, size.Height!.Value);  // 297 mm
        var margin = section.GetFirstChild<PageMargin>()!;
        Assert.Equal(1134, margin.Top!.Value);     // 20 mm
        Assert.Equal(1134, margin.Bottom!.Value);  // 20 mm
        Assert.Equal(1701u, margin.Left!.Value);   // 30 mm
        Assert.Equal(850u, margin.Right!.Value);   // 15 mm
    }

    [Fact]
    public void EveryRun_IsTimesNewRoman_ForAllFourScripts_In11To14Points()
    {
        using var doc = Open(DocxWriter.Write(SampleDocuments.Minutes()));
        var runs = doc.MainDocumentPart!.Document!.Descendants<Run>()
            .Concat(doc.MainDocumentPart.HeaderParts.SelectMany(h => h.Header!.Descendants<Run>())).ToList();
        Assert.True(runs.Count > 40);
        foreach (var run in runs)
        {
            var fonts = run.RunProperties?.RunFonts;
            Assert.NotNull(fonts);
            Assert.Equal("Times New Roman", fonts.Ascii?.Value);
            Assert.Equal("Times New Roman", fonts.HighAnsi?.Value);
            Assert.Equal("Times New Roman", fonts.ComplexScript?.Value);
            Assert.Equal("Times New Roman", fonts.EastAsia?.Value);
            var size = int.Parse(run.RunProperties!.FontSize!.Val!.Value!);
            Assert.InRange(size, 22, 28);
            Assert.Equal(run.RunProperties.FontSize.Val.Value, run.RunProperties.FontSizeComplexScript?.Val?.Value);
        }
    }

    [Fact]
    public void HeaderBlock_IsABorderlessTwoColumnTable_WithMottoBoldAndRules()
    {
        using var doc = Open(DocxWriter.Write(SampleDocuments.Minutes()));
        var body = doc.MainDocumentPart!.Document!.Body!;
        var header = Assert.IsType<Table>(body.ChildElements.First());
        AssertBorderless(header);
        var cells = header.Descendants<TableCell>().ToList();
        Assert.Equal(2, cells.Count);
        Assert.All(cells, c => Assert.NotEmpty(c.Elements<Paragraph>()));

        var agency = cells[0].Elements<Paragraph>().First(p => p.InnerText == "ỦY BAN NHÂN DÂN XÃ KIẾN MINH");
        Assert.NotNull(agency.Descendants<Bold>().FirstOrDefault());
        Assert.NotNull(agency.NextSibling<Paragraph>()!.ParagraphProperties!.ParagraphBorders!.BottomBorder);
        Assert.Contains(cells[0].Elements<Paragraph>(), p => p.InnerText == "Số:      /BB-UBND");

        var right = cells[1].Elements<Paragraph>().ToList();
        Assert.Equal("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", right[0].InnerText);
        Assert.Equal("Độc lập - Tự do - Hạnh phúc", right[1].InnerText);
        Assert.All(right.Take(2), p => Assert.NotNull(p.Descendants<Bold>().FirstOrDefault()));
        Assert.Equal("24", right[0].Descendants<FontSize>().First().Val!.Value);
        Assert.Equal("28", right[1].Descendants<FontSize>().First().Val!.Value);
        Assert.NotNull(right[2].ParagraphProperties!.ParagraphBorders!.BottomBorder);
        Assert.Equal("Kiến Minh, ngày 05 tháng 01 năm 2026", right[3].InnerText);
        Assert.NotNull(right[3].Descendants<Italic>().FirstOrDefault());
    }

    [Fact]
    public void Body_IsJustified_With1cmIndent_And6ptAfter_AndEndsWithTheEndMark()
    {
        using var doc = Open(DocxWriter.Write(SampleDocuments.Minutes()));
        var body = doc.MainDocumentPart!.Document!.Body!;
        var title = body.Elements<Paragraph>().First();
        Assert.Equal("BIÊN BẢN", title.InnerText);
        Assert.Equal(JustificationValues.Center, title.ParagraphProperties!.Justification!.Val!.Value);
        Assert.NotNull(title.Descendants<Bold>().FirstOrDefault());

        var signatures = body.Elements<Table>().Last();
        var content = body.Elements<Paragraph>().Skip(2).TakeWhile(p => p.IsBefore(signatures)).ToList();
        Assert.True(content.Count >= 20);
        foreach (var p in content)
        {
            Assert.Equal(JustificationValues.Both, p.ParagraphProperties!.Justification!.Val!.Value);
            Assert.Equal("567", p.ParagraphProperties.Indentation!.FirstLine!.Value);
            Assert.True(int.Parse(p.ParagraphProperties.SpacingBetweenLines!.After!.Value!) >= 120);
        }
        Assert.EndsWith("./.", content[^1].InnerText);
        Assert.Single(body.Descendants<Paragraph>(), p => p.InnerText.Contains("./.", StringComparison.Ordinal));
    }

    [Fact]
    public void PageNumbers_AreAPageFieldCentredAtTheTop_FromPageTwo()
    {
        using var doc = Open(DocxWriter.Write(SampleDocuments.Minutes()));
        var main = doc.MainDocumentPart!;
        var section = main.Document!.Body!.GetFirstChild<SectionProperties>()!;
        Assert.NotNull(section.GetFirstChild<TitlePage>());
        var refs = section.Elements<HeaderReference>().ToDictionary(r => r.Type!.Value, r => (HeaderPart)main.GetPartById(r.Id!.Value!));
        var first = refs[HeaderFooterValues.First].Header!;
        Assert.DoesNotContain(first.Descendants<FieldCode>(), f => f.Text.Contains("PAGE", StringComparison.Ordinal));
        var others = refs[HeaderFooterValues.Default].Header!;
        Assert.Contains(others.Descendants<FieldCode>(), f => f.Text.Trim() == "PAGE");
        Assert.Equal(JustificationValues.Center, others.Elements<Paragraph>().Single().ParagraphProperties!.Justification!.Val!.Value);
    }

    [Fact]
    public void Signatures_AreABorderlessTable_SecretaryLeft_ChairRight_ThenRecipients()
    {
        using var doc = Open(DocxWriter.Write(SampleDocuments.Minutes()));
        var body = doc.MainDocumentPart!.Document!.Body!;
        var table = body.Elements<Table>().Last();
        AssertBorderless(table);
        var cells = table.Descendants<TableCell>().ToList();
        Assert.Equal(2, cells.Count);
        Assert.Equal("THƯ KÝ", cells[0].Elements<Paragraph>().First().InnerText);
        Assert.Equal("Lê Thị Thảo", cells[0].Elements<Paragraph>().Last().InnerText);
        Assert.Equal("CHỦ TỌA", cells[1].Elements<Paragraph>().First().InnerText);
        Assert.Equal("Phạm Văn Hùng", cells[1].Elements<Paragraph>().Last().InnerText);

        var after = table.ElementsAfter().OfType<Paragraph>().ToList();
        Assert.Equal("Nơi nhận:", after[0].InnerText);
        Assert.NotNull(after[0].Descendants<Bold>().FirstOrDefault());
        Assert.NotNull(after[0].Descendants<Italic>().FirstOrDefault());
        Assert.Equal("24", after[0].Descendants<FontSize>().First().Val!.Value);
        Assert.Equal("- Lưu: VT.", after[^1].InnerText);
        Assert.Equal("22", after[^1].Descendants<FontSize>().First().Val!.Value);
    }

    [Theory]
    [InlineData(2026, 1, 5, "ngày 05 tháng 01 năm 2026")]
    [InlineData(2026, 2, 28, "ngày 28 tháng 02 năm 2026")]
    [InlineData(2026, 3, 9, "ngày 09 tháng 3 năm 2026")]
    [InlineData(2026, 12, 15, "ngày 15 tháng 12 năm 2026")]
    public void Dates_FollowTheDecree_LeadingZeroForSmallDaysAndJanuaryFebruary(int y, int m, int d, string expected) =>
        Assert.Equal(expected, StateDates.Long(new DateOnly(y, m, d)));

    private static void AssertBorderless(Table table)
    {
        var borders = table.GetFirstChild<TableProperties>()!.TableBorders!;
        Assert.All(borders.ChildElements.Cast<BorderType>(), b => Assert.Equal(BorderValues.None, b.Val!.Value));
        Assert.Empty(table.Descendants<TableCellBorders>());
    }
}
