using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using MeetingAssist.Host.Documents;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MeetingAssist.Host.Tests.Documents;

/// <summary>
/// The PDF is the DOCX as LibreOffice lays it out. These tests need LibreOffice and poppler-utils, which
/// scripts/test.sh installs; without them they fail with the reason rather than pass unchecked.
/// </summary>
public partial class PdfRenderingTests
{
    /// <summary>Where the rendered first page is left for a person to look at (the README keeps one copy).</summary>
    public static readonly string PreviewFolder = Path.Combine(Path.GetTempPath(), "meetingassist-document-preview");

    public static PdfRenderer Renderer(int timeoutSeconds = 120) =>
        new(Options.Create(new PdfOptions { TimeoutSeconds = timeoutSeconds }), NullLogger<PdfRenderer>.Instance);

    public static PdfRenderer RequireLibreOffice()
    {
        var renderer = Renderer();
        Assert.True(renderer.IsAvailable, "LibreOffice (soffice) is not installed: run scripts/test.sh or apt-get install -y libreoffice-writer-nogui.");
        return renderer;
    }

    [Fact]
    public async Task Pdf_KeepsEveryVietnameseLine_WithDiacriticsIntactAndNfc()
    {
        var document = SampleDocuments.Minutes();
        var pdf = await RequireLibreOffice().RenderAsync(DocxWriter.Write(document), CancellationToken.None);
        var text = await PdfTextAsync(pdf);
        Assert.True(text.IsNormalized(NormalizationForm.FormC), "pdftotext gave text that is not NFC.");
        // Page numbers head pages two and on; a paragraph that runs over a page has one in its middle.
        var flat = Flatten(PageNumberLine().Replace(text, "\f"));
        string[] expected =
        [
            "UBND HUYỆN KIẾN THỤY", "ỦY BAN NHÂN DÂN XÃ KIẾN MINH", "Số:", "/BB-UBND", DocumentHeader.Motto, DocumentHeader.MottoSubtitle,
            document.Header.PlaceAndDate, document.Title, document.Subject!, "Nguyễn", "Trưởng phòng", "ĐỐI THOẠI", SampleDocuments.HardLetters,
            "THƯ KÝ", "CHỦ TỌA", "Lê Thị Thảo", "Phạm Văn Hùng", "Nơi nhận:", "- Lưu: VT.", "năm 2026./.",
            .. document.Body.OfType<DocumentParagraph>().Select(p => p.Text),
        ];
        var missing = expected.Select(Flatten).Where(line => !flat.Contains(line, StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, "Missing from the PDF text:\n" + string.Join("\n", missing) + "\n---\n" + text);
    }

    [Fact]
    public async Task Pdf_EmbedsOnlyTheTimesNewRomanFace_OrItsMetricTwinTinos()
    {
        var pdf = await RequireLibreOffice().RenderAsync(DocxWriter.Write(SampleDocuments.Minutes()), CancellationToken.None);
        var fonts = await PdfFontsAsync(pdf);
        Assert.NotEmpty(fonts);
        Assert.All(fonts, f => Assert.Matches(IntendedFace(), f));
        Assert.Contains(fonts, f => f.Contains("Bold", StringComparison.Ordinal));
        Assert.Contains(fonts, f => f.Contains("Italic", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Pdf_HasTwoPages_AndTheFirstRendersToAnImage()
    {
        var docx = DocxWriter.Write(SampleDocuments.Minutes());
        var pdf = await RequireLibreOffice().RenderAsync(docx, CancellationToken.None);
        Directory.CreateDirectory(PreviewFolder);
        await File.WriteAllBytesAsync(Path.Combine(PreviewFolder, "bien-ban.docx"), docx);
        await File.WriteAllBytesAsync(Path.Combine(PreviewFolder, "bien-ban.pdf"), pdf);
        var text = await PdfTextAsync(pdf);
        // pdftotext separates pages with a form feed; the number "2" heads page two and page one has none.
        var pages = text.Split('\f', StringSplitOptions.RemoveEmptyEntries).Where(p => p.Trim().Length > 0).ToList();
        Assert.True(pages.Count >= 2, $"Expected at least two pages, got {pages.Count}.");
        Assert.Equal("2", pages[1].Trim().Split('\n')[0].Trim());
        Assert.NotEqual("1", pages[0].Trim().Split('\n')[0].Trim());

        var png = await FirstPagePngAsync(pdf, "bien-ban-trang-1");
        Assert.True(new FileInfo(png).Length > 5_000, "The first page rendered to an almost empty image.");
    }

    [Fact]
    public async Task WithoutLibreOffice_RenderingSaysSoInVietnamese()
    {
        var renderer = new PdfRenderer(Options.Create(new PdfOptions { SofficePath = "/nonexistent/soffice" }), NullLogger<PdfRenderer>.Instance);
        Assert.False(renderer.IsAvailable);
        var error = await Assert.ThrowsAsync<PdfUnavailableException>(() => renderer.RenderAsync([1, 2, 3], CancellationToken.None));
        Assert.Equal("Máy chủ chưa cài LibreOffice nên chưa tạo được PDF; tệp DOCX vẫn tải được.", error.Message);
    }

    [Fact]
    public async Task AConversionThatHangs_IsKilledAtTheTimeLimit()
    {
        // A stand-in program that never converts: the renderer must stop it and say so, not wait forever.
        var folder = Directory.CreateTempSubdirectory("meetingassist-hang-");
        var script = Path.Combine(folder.FullName, "soffice");
        await File.WriteAllTextAsync(script, "#!/bin/sh\nsleep 60\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.UserWrite);
        var renderer = new PdfRenderer(Options.Create(new PdfOptions { SofficePath = script, TimeoutSeconds = 1 }), NullLogger<PdfRenderer>.Instance);
        var watch = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<PdfUnavailableException>(() => renderer.RenderAsync([1], CancellationToken.None));
        Assert.Equal(PdfRenderer.TimedOutMessage, error.Message);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"Took {watch.Elapsed}.");
        folder.Delete(true);
    }

    [GeneratedRegex(@"^(Tinos|TimesNewRoman(PS)?(MT)?)(-(Bold|Italic|BoldItalic|Regular)(MT)?)?$")]
    private static partial Regex IntendedFace();

    [GeneratedRegex(@"\f\d+\n")]
    private static partial Regex PageNumberLine();

    private static string Flatten(string text) => Regex.Replace(text.Normalize(NormalizationForm.FormC), @"\s+", " ").Trim();

    public static async Task<string> PdfTextAsync(byte[] pdf) => await WithPdfAsync(pdf, path => RunAsync("pdftotext", "-enc", "UTF-8", path, "-"));

    /// <summary>The embedded faces, without the subset prefix ("ABCDEF+Tinos-Bold" → "Tinos-Bold").</summary>
    public static async Task<List<string>> PdfFontsAsync(byte[] pdf)
    {
        var listing = await WithPdfAsync(pdf, path => RunAsync("pdffonts", path));
        return listing.Split('\n').Skip(2).Where(l => l.Trim().Length > 0)
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0])
            .Select(n => n.Contains('+') ? n[(n.IndexOf('+') + 1)..] : n).Distinct().ToList();
    }

    public static async Task<string> FirstPagePngAsync(byte[] pdf, string name)
    {
        Directory.CreateDirectory(PreviewFolder);
        var prefix = Path.Combine(PreviewFolder, name);
        await WithPdfAsync(pdf, path => RunAsync("pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", path, prefix));
        return prefix + ".png";
    }

    private static async Task<string> WithPdfAsync(byte[] pdf, Func<string, Task<string>> run)
    {
        var path = Path.Combine(Path.GetTempPath(), $"meetingassist-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(path, pdf);
        try
        {
            return await run(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static async Task<string> RunAsync(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, StandardOutputEncoding = Encoding.UTF8 };
        foreach (var a in args) start.ArgumentList.Add(a);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Assert.Fail($"{program} is not installed: run scripts/test.sh or apt-get install -y poppler-utils.");
            throw;
        }
        using (process)
        {
            var output = await process.StandardOutput.ReadToEndAsync();
            var error = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, $"{program} failed: {error}");
            return output;
        }
    }
}
