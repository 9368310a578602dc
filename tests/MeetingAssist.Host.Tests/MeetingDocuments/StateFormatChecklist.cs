using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using MeetingAssist.Host.Documents;

namespace MeetingAssist.Host.Tests.MeetingDocuments;

/// <summary>
/// The points of Nghị định 30/2020 that the biên bản's format tests check one by one (DocxFormatTests), gathered
/// into one list so every document composed on the shared engine is held to them: the Open XML validator with zero
/// errors, A4 and the margins, Times New Roman for all four scripts at 11–14 pt, the borderless two-column header
/// with the motto and the italic place and date, the bold centred title, a justified body with a 1 cm indent and
/// 6 pt after ending with the single "./.", the page number from page 2, the signatures and "Nơi nhận" (after two
/// signatures, or beside a single signer on its left). A letter (công văn, template 1.1) is held to its own form
/// instead of a title: the excerpt "V/v …" under the number, "Kính gửi: …" before the body, and "Nơi nhận" that starts
/// with "Như trên".
/// </summary>
public static class StateFormatChecklist
{
    /// <summary>What a letter must show: its excerpt under the number and the addressee after "Kính gửi: ".</summary>
    public sealed record LetterParts(string Excerpt, string Addressee);

    public static void Check(byte[] docx, string title)
    {
        var problems = Problems(docx, title);
        Assert.True(problems.Count == 0, "State format problems:\n" + string.Join("\n", problems));
    }

    public static void CheckLetter(byte[] docx, LetterParts letter)
    {
        var problems = Problems(docx, "", letter);
        Assert.True(problems.Count == 0, "State format problems:\n" + string.Join("\n", problems));
    }

    public static List<string> Problems(byte[] docx, string title, LetterParts? letter = null)
    {
        var problems = new List<string>();
        using var doc = WordprocessingDocument.Open(new MemoryStream(docx), false);
        problems.AddRange(new OpenXmlValidator(FileFormatVersions.Office2019).Validate(doc).Select(e => $"validator: {e.Path?.XPath}: {e.Description}"));
        var main = doc.MainDocumentPart!;
        var body = main.Document!.Body!;

        var section = body.GetFirstChild<SectionProperties>()!;
        var size = section.GetFirstChild<PageSize>()!;
        if (size.Width!.Value != 11906u || size.Height!.Value != 16838u) problems.Add("page is not A4");
        var margin = section.GetFirstChild<PageMargin>()!;
        if (margin.Top!.Value != 1134 || margin.Bottom!.Value != 1134 || margin.Left!.Value != 1701u || margin.Right!.Value != 850u)
            problems.Add("margins are not 20/20/30/15 mm");

        var runs = body.Descendants<Run>().Concat(main.HeaderParts.SelectMany(h => h.Header!.Descendants<Run>())).ToList();
        foreach (var run in runs)
        {
            var fonts = run.RunProperties?.RunFonts;
            if (fonts is null || new[] { fonts.Ascii?.Value, fonts.HighAnsi?.Value, fonts.ComplexScript?.Value, fonts.EastAsia?.Value }.Any(f => f != "Times New Roman"))
                problems.Add($"run «{run.InnerText}» is not Times New Roman for all scripts");
            var half = int.Parse(run.RunProperties?.FontSize?.Val?.Value ?? "0");
            if (half is < 22 or > 28) problems.Add($"run «{run.InnerText}» is {half / 2.0} pt");
            if (!run.InnerText.IsNormalized(NormalizationForm.FormC)) problems.Add($"run «{run.InnerText}» is not NFC");
        }

        if (body.ChildElements.First() is not Table header) problems.Add("the document does not start with the header table");
        else
        {
            CheckBorderless(header, "header", problems);
            var cells = header.Descendants<TableCell>().ToList();
            if (cells.Count != 2) problems.Add($"header has {cells.Count} cells");
            else
            {
                var right = cells[1].Elements<Paragraph>().ToList();
                if (right[0].InnerText != DocumentHeader.Motto || right[0].Descendants<Bold>().FirstOrDefault() is null) problems.Add("motto missing or not bold");
                if (right[1].InnerText != DocumentHeader.MottoSubtitle) problems.Add("motto subtitle missing");
                if (right[2].ParagraphProperties?.ParagraphBorders?.BottomBorder is null) problems.Add("no rule under the motto");
                if (!System.Text.RegularExpressions.Regex.IsMatch(right[3].InnerText, @"^\p{L}[\p{L} ]*, ngày \d\d tháng (0[12]|[3-9]|1[0-2]) năm \d{4}$"))
                    problems.Add($"place and date line «{right[3].InnerText}» is not in the decree's form");
                if (right[3].Descendants<Italic>().FirstOrDefault() is null) problems.Add("place and date are not italic");
                var agency = cells[0].Elements<Paragraph>().FirstOrDefault(p => p.Descendants<Bold>().Any());
                if (agency is null || agency.InnerText != agency.InnerText.ToUpperInvariant()) problems.Add("agency missing or not upper case bold");
                else if (agency.NextSibling<Paragraph>()?.ParagraphProperties?.ParagraphBorders?.BottomBorder is null) problems.Add("no rule under the agency");
                var left = cells[0].Elements<Paragraph>().ToList();
                var number = left.FindIndex(p => p.InnerText.StartsWith("Số:", StringComparison.Ordinal));
                var excerpt = number >= 0 && number + 1 < left.Count ? left[number + 1] : null;
                if (letter is not null) CheckExcerpt(excerpt, letter.Excerpt, problems);
                else if (excerpt is not null && excerpt.InnerText.Length > 0) problems.Add($"«{excerpt.InnerText}» under the number of a document that is not a letter");
            }
        }

        var paragraphs = body.Elements<Paragraph>().ToList();
        var titleParagraph = paragraphs.FirstOrDefault();
        if (letter is not null)
        {
            // A letter has no title: "Kính gửi" comes first, in body size, not bold.
            if (titleParagraph?.InnerText != "Kính gửi: " + letter.Addressee) problems.Add($"the letter opens with «{titleParagraph?.InnerText}», expected «Kính gửi: {letter.Addressee}»");
            else if (titleParagraph.Descendants<Bold>().Any()) problems.Add("«Kính gửi» is bold");
            if (paragraphs.Any(p => p.InnerText == "CÔNG VĂN")) problems.Add("a letter carries no title");
        }
        else if (titleParagraph?.InnerText != title) problems.Add($"title is «{titleParagraph?.InnerText}», expected «{title}»");
        else if (titleParagraph.ParagraphProperties?.Justification?.Val?.Value != JustificationValues.Center || titleParagraph.Descendants<Bold>().FirstOrDefault() is null)
            problems.Add("title is not bold and centred");

        var tables = body.Elements<Table>().ToList();
        var signatures = tables.Count > 1 ? tables[^1] : null;
        if (signatures is null) problems.Add("no signature table");
        else
        {
            CheckBorderless(signatures, "signatures", problems);
            // After the title and subject, or after a letter's "Kính gửi".
            var content = paragraphs.Skip(letter is null ? 2 : 1).TakeWhile(p => p.IsBefore(signatures)).ToList();
            foreach (var p in content)
            {
                if (p.ParagraphProperties?.Justification?.Val?.Value != JustificationValues.Both) problems.Add($"body «{Short(p)}» is not justified");
                if (p.ParagraphProperties?.Indentation?.FirstLine?.Value != "567") problems.Add($"body «{Short(p)}» has no 1 cm indent");
                if (int.Parse(p.ParagraphProperties?.SpacingBetweenLines?.After?.Value ?? "0") < 120) problems.Add($"body «{Short(p)}» has less than 6 pt after");
            }
            if (content.Count == 0 || !content[^1].InnerText.EndsWith("./.", StringComparison.Ordinal)) problems.Add("the body does not end with ./.");
            var marks = body.Descendants<Paragraph>().Count(p => p.InnerText.Contains("./.", StringComparison.Ordinal));
            if (marks != 1) problems.Add($"«./.» appears {marks} times");
            var after = signatures.ElementsAfter().OfType<Paragraph>().ToList();
            // One signer: "Nơi nhận" fills the left cell beside the signature instead of following the table.
            var signatureCells = signatures.Descendants<TableCell>().ToList();
            if (after.Count == 0 && signatureCells.Count == 2 && signatureCells[0].InnerText.StartsWith("Nơi nhận:", StringComparison.Ordinal))
                after = signatureCells[0].Elements<Paragraph>().ToList();
            if (after.Count > 0)
            {
                if (after[0].InnerText != "Nơi nhận:" || after[0].Descendants<Bold>().FirstOrDefault() is null || after[0].Descendants<Italic>().FirstOrDefault() is null)
                    problems.Add("«Nơi nhận:» missing or not bold italic");
                if (after[^1].InnerText != "- Lưu: VT.") problems.Add($"recipients end with «{after[^1].InnerText}»");
            }
            // The addressee of a letter receives it: "Nơi nhận" names it first as "Như trên".
            if (letter is not null && (after.Count < 2 || after[1].InnerText != "- Như trên;")) problems.Add("the letter's «Nơi nhận» does not start with «- Như trên;»");
        }

        var refs = section.Elements<HeaderReference>().ToDictionary(r => r.Type!.Value, r => (HeaderPart)main.GetPartById(r.Id!.Value!));
        if (section.GetFirstChild<TitlePage>() is null || refs[HeaderFooterValues.First].Header!.Descendants<FieldCode>().Any()
            || !refs[HeaderFooterValues.Default].Header!.Descendants<FieldCode>().Any(f => f.Text.Trim() == "PAGE"))
            problems.Add("page numbers are not a PAGE field from page 2");
        return problems;
    }

    /// <summary>Every paragraph's text, in order, for checks on content.</summary>
    public static List<string> Texts(byte[] docx)
    {
        using var doc = WordprocessingDocument.Open(new MemoryStream(docx), false);
        return doc.MainDocumentPart!.Document!.Body!.Descendants<Paragraph>().Select(p => p.InnerText).Where(t => t.Length > 0).ToList();
    }

    /// <summary>The excerpt: "V/v …", 12–13 pt, not bold, centred under the number.</summary>
    private static void CheckExcerpt(Paragraph? excerpt, string expected, List<string> problems)
    {
        if (excerpt is null || excerpt.InnerText != expected) { problems.Add($"excerpt under the number is «{excerpt?.InnerText}», expected «{expected}»"); return; }
        if (!expected.StartsWith("V/v ", StringComparison.Ordinal)) problems.Add("the excerpt does not start with «V/v »");
        if (excerpt.Descendants<Bold>().Any()) problems.Add("the excerpt is bold");
        if (excerpt.ParagraphProperties?.Justification?.Val?.Value != JustificationValues.Center) problems.Add("the excerpt is not centred");
        if (excerpt.Descendants<Run>().Any(r => int.Parse(r.RunProperties?.FontSize?.Val?.Value ?? "0") is not (24 or 26))) problems.Add("the excerpt is not 12–13 pt");
    }

    private static string Short(Paragraph p) => p.InnerText.Length > 40 ? p.InnerText[..40] : p.InnerText;

    private static void CheckBorderless(Table table, string name, List<string> problems)
    {
        var borders = table.GetFirstChild<TableProperties>()?.TableBorders;
        if (borders is null || borders.ChildElements.Cast<BorderType>().Any(b => b.Val?.Value != BorderValues.None) || table.Descendants<TableCellBorders>().Any())
            problems.Add($"the {name} table has borders");
    }
}
