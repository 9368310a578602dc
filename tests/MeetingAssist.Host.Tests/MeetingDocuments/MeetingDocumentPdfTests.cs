using System.Text;
using System.Text.RegularExpressions;
using MeetingAssist.Host.Documents;
using MeetingAssist.Host.MeetingDocuments;
using MeetingAssist.Host.Tests.Documents;

namespace MeetingAssist.Host.Tests.MeetingDocuments;

/// <summary>
/// Some of the documents through LibreOffice (a conversion takes seconds, so not every kind): the conclusion notice,
/// the longest; the department's reply, a letter whose header has a governing body above the agency and an excerpt;
/// the invitation with the office's invitees; the report to the upper level over a plan. Like the biên bản's
/// PDF tests these need LibreOffice and poppler-utils and fail with the reason when they are missing.
/// </summary>
public partial class MeetingDocumentPdfTests
{
    [Fact]
    public async Task ConclusionNotice_Pdf_KeepsTheVietnameseText_InNfc_WithOnlyTheEngineFont()
    {
        var document = MeetingDocumentComposer.Compose(MeetingDocumentKind.ConclusionNotice, MeetingDocumentCompositionTests.Input());
        var pdf = await PdfRenderingTests.RequireLibreOffice().RenderAsync(DocxWriter.Write(document), CancellationToken.None);
        var text = await PdfRenderingTests.PdfTextAsync(pdf);
        Assert.True(text.IsNormalized(NormalizationForm.FormC), "pdftotext gave text that is not NFC.");
        AssertHas(text,
            "ỦY BAN NHÂN DÂN XÃ KIẾN MINH", "Số:", "/TB-UBND", DocumentHeader.Motto, DocumentHeader.MottoSubtitle, "Kiến Minh, ngày 28 tháng 4 năm 2026",
            "THÔNG BÁO", "Kết luận của đồng chí Phạm Văn Hùng", "KẾT LUẬN CHUNG", "Trần Thị Bình (Thôn Tây)",
            "Thời hạn: Thứ Hai, 11/05/2026 (7 ngày làm việc kể từ ngày ban hành thông báo này).",
            "Thời hạn: Thứ Sáu, 08/05/2026 (7 ngày làm việc kể từ ngày 24/04/2026).",
            "Phòng Tài nguyên và Môi trường", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nơi nhận:", "- Lưu: VT.", "thực hiện./.");
        await AssertOnlyTheEngineFontAsync(pdf);
        var png = await PdfRenderingTests.FirstPagePngAsync(pdf, "thong-bao-ket-luan-trang-1");
        Assert.True(new FileInfo(png).Length > 5_000, "The first page rendered to an almost empty image.");
    }

    [Fact]
    public async Task Reply_Pdf_KeepsTheVietnameseText_InNfc_WithOnlyTheEngineFont()
    {
        var document = PetitionDocumentComposer.Reply(MeetingDocumentCompositionTests.ReplyInput());
        var pdf = await PdfRenderingTests.RequireLibreOffice().RenderAsync(DocxWriter.Write(document), CancellationToken.None);
        var text = await PdfRenderingTests.PdfTextAsync(pdf);
        Assert.True(text.IsNormalized(NormalizationForm.FormC), "pdftotext gave text that is not NFC.");
        AssertHas(text, "ỦY BAN NHÂN DÂN XÃ KIẾN MINH", "PHÒNG KINH TẾ", "/PKT", "V/v trả lời kiến nghị của ông (bà) Nguyễn Văn An",
            "Kính gửi: Ông (bà) Nguyễn Văn An, Thôn Đông", "Hồ sơ đã đủ, giấy chứng nhận được cấp trong tháng 5.", "TRƯỞNG PHÒNG", "Nguyễn Thị Minh",
            "được biết./.", "- Như trên;");
        await AssertOnlyTheEngineFontAsync(pdf);
        var png = await PdfRenderingTests.FirstPagePngAsync(pdf, "tra-loi-kien-nghi-trang-1");
        Assert.True(new FileInfo(png).Length > 5_000, "The first page rendered to an almost empty image.");
    }

    [Fact]
    public async Task PlanReport_Pdf_KeepsTheVietnameseText_InNfc_WithOnlyTheEngineFont()
    {
        var document = PeriodReportComposer.Compose(PeriodReportTests.Input());
        var pdf = await PdfRenderingTests.RequireLibreOffice().RenderAsync(DocxWriter.Write(document), CancellationToken.None);
        var text = await PdfRenderingTests.PdfTextAsync(pdf);
        Assert.True(text.IsNormalized(NormalizationForm.FormC), "pdftotext gave text that is not NFC.");
        AssertHas(text, "ỦY BAN NHÂN DÂN XÃ KIẾN MINH", "/BC-UBND", DocumentHeader.Motto, "Kiến Minh, ngày 30 tháng 6 năm 2026", "BÁO CÁO",
            "KẾT QUẢ TỔ CHỨC ĐỐI THOẠI", "Theo lĩnh vực: Đất đai 3; Hạ tầng giao thông – thủy lợi 1; Môi trường 2; Chưa phân loại 1.",
            "Theo cơ quan được giao: Phòng Kinh tế 4; Phòng Tài nguyên và Môi trường 2; Chưa phân công 1.",
            "Tỷ lệ trả lời đúng hạn: 33,3%", "quá hạn 41 ngày.", "Ủy ban nhân dân tỉnh biết, chỉ đạo./.", "TM. ỦY BAN NHÂN DÂN", "Phạm Văn Hùng");
        await AssertOnlyTheEngineFontAsync(pdf);
        var png = await PdfRenderingTests.FirstPagePngAsync(pdf, "bao-cao-cap-tren-ke-hoach-trang-1");
        Assert.True(new FileInfo(png).Length > 5_000, "The first page rendered to an almost empty image.");
    }

    [Fact]
    public async Task Invitation_WithTheOfficesInvitees_Pdf_KeepsTheVietnameseText()
    {
        var input = MeetingDocumentCompositionTests.Input() with { Invitees = ["Ông Trần Văn Sơn, Chủ tịch Ủy ban MTTQ xã", "Lãnh đạo Phòng Kinh tế"] };
        var pdf = await PdfRenderingTests.RequireLibreOffice().RenderAsync(DocxWriter.Write(MeetingDocumentComposer.Compose(MeetingDocumentKind.Invitation, input)), CancellationToken.None);
        var text = await PdfRenderingTests.PdfTextAsync(pdf);
        AssertHas(text, "GIẤY MỜI", "trân trọng kính mời:", "- Ông Trần Văn Sơn, Chủ tịch Ủy ban MTTQ xã;", "- Lãnh đạo Phòng Kinh tế.", "Nơi nhận:", "- Lãnh đạo Phòng Kinh tế;");
        await AssertOnlyTheEngineFontAsync(pdf);
        var png = await PdfRenderingTests.FirstPagePngAsync(pdf, "giay-moi-trang-1");
        Assert.True(new FileInfo(png).Length > 5_000, "The first page rendered to an almost empty image.");
    }

    private static void AssertHas(string text, params string[] lines)
    {
        var flat = Flatten(text);
        var missing = lines.Select(Flatten).Where(line => !flat.Contains(line, StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, "Missing from the PDF text:\n" + string.Join("\n", missing) + "\n---\n" + text);
    }

    private static async Task AssertOnlyTheEngineFontAsync(byte[] pdf)
    {
        var fonts = await PdfRenderingTests.PdfFontsAsync(pdf);
        Assert.NotEmpty(fonts);
        Assert.All(fonts, f => Assert.Matches(IntendedFace(), f));
    }

    [GeneratedRegex(@"^(Tinos|TimesNewRoman(PS)?(MT)?)(-(Bold|Italic|BoldItalic|Regular)(MT)?)?$")]
    private static partial Regex IntendedFace();

    /// <summary>Lines broken by the layout and page numbers between pages do not count.</summary>
    private static string Flatten(string text) =>
        Regex.Replace(Regex.Replace(text.Normalize(NormalizationForm.FormC), @"\f\d+\n", " "), @"\s+", " ").Trim();
}
