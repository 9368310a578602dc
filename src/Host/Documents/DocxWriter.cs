using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using static MeetingAssist.Host.Documents.DocxFormat;

namespace MeetingAssist.Host.Documents;

/// <summary>Writes a <see cref="StateDocument"/> as a DOCX in the state format (see <see cref="DocxFormat"/> for the measures).</summary>
public static class DocxWriter
{
    /// <summary>The mark that closes the body of an administrative document.</summary>
    public const string EndMark = "./.";

    private const int AgencyColumn = 4000, MottoColumn = TextWidth - AgencyColumn;

    public static byte[] Write(StateDocument document)
    {
        using var stream = new MemoryStream();
        using (var package = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = package.AddMainDocumentPart();
            AddStyles(main);
            var firstHeader = main.AddNewPart<HeaderPart>();
            // The first page carries no number (Nghị định 30/2020): its header is empty.
            firstHeader.Header = new Header(Empty());
            var pageHeader = main.AddNewPart<HeaderPart>();
            pageHeader.Header = new Header(PageNumberParagraph());

            var body = new Body();
            body.Append(HeaderBlock(document.Header));
            if (document.Title.Length > 0)
                body.Append(WithSpacing(Line(document.Title, BodySize, JustificationValues.Center, bold: true), before: 360, after: 0));
            if (!string.IsNullOrWhiteSpace(document.AddressedTo)) body.Append(AddressedTo(document.AddressedTo));
            if (!string.IsNullOrWhiteSpace(document.Subject))
                body.Append(WithSpacing(Line(document.Subject, BodySize, JustificationValues.Center, bold: true), before: 0, after: 240));
            body.Append(BodyParagraphs(document.Body));
            if (document.Signatures.Count == 1)
            {
                body.Append(RecipientsBesideSignature(document.Recipients, document.Signatures[0]));
            }
            else
            {
                if (document.Signatures.Count > 0) body.Append(Signatures(document.Signatures));
                if (document.Recipients.Count > 0) body.Append(Recipients(document.Recipients));
            }
            body.Append(new SectionProperties(
                new HeaderReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(pageHeader) },
                new HeaderReference { Type = HeaderFooterValues.First, Id = main.GetIdOfPart(firstHeader) },
                new PageSize { Width = PageWidth, Height = PageHeight, Orient = PageOrientationValues.Portrait },
                new PageMargin { Top = MarginTop, Bottom = MarginBottom, Left = MarginLeft, Right = MarginRight, Header = 567, Footer = 567, Gutter = 0 },
                new TitlePage()));
            main.Document = new Document(body);
            main.Document.Save();
        }
        return stream.ToArray();
    }

    private static Paragraph WithSpacing(Paragraph paragraph, int before, int after)
    {
        var spacing = paragraph.ParagraphProperties!.GetFirstChild<SpacingBetweenLines>()!;
        spacing.Before = before.ToString();
        spacing.After = after.ToString();
        return paragraph;
    }

    /// <summary>Document defaults too, so text a reader adds in Word is in the same face and size.</summary>
    private static void AddStyles(MainDocumentPart main)
    {
        var styles = main.AddNewPart<StyleDefinitionsPart>();
        styles.Styles = new Styles(
            new DocDefaults(
                new RunPropertiesDefault(new RunPropertiesBaseStyle(
                    new RunFonts { Ascii = FontName, HighAnsi = FontName, ComplexScript = FontName, EastAsia = FontName },
                    new FontSize { Val = BodySize.ToString() }, new FontSizeComplexScript { Val = BodySize.ToString() },
                    new Languages { Val = "vi-VN", EastAsia = "vi-VN", Bidi = "vi-VN" })),
                new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(
                    new SpacingBetweenLines { After = "0", Line = "240", LineRule = LineSpacingRuleValues.Auto }))),
            new Style(new StyleName { Val = "Normal" }, new PrimaryStyle()) { Type = StyleValues.Paragraph, StyleId = "Normal", Default = true });
        styles.Styles.Save();
    }

    /// <summary>The page number, centred in the top margin: a PAGE field, so every page shows its own.</summary>
    private static Paragraph PageNumberParagraph() => new(
        ParaProps(JustificationValues.Center),
        new Run(RunProps(BodySize), new FieldChar { FieldCharType = FieldCharValues.Begin }),
        new Run(RunProps(BodySize), new FieldCode(" PAGE ") { Space = SpaceProcessingModeValues.Preserve }),
        new Run(RunProps(BodySize), new FieldChar { FieldCharType = FieldCharValues.Separate }),
        new Run(RunProps(BodySize), new Text("2")),
        new Run(RunProps(BodySize), new FieldChar { FieldCharType = FieldCharValues.End }));

    /// <summary>Agency and number on the left, the national motto and the place and date on the right.</summary>
    private static Table HeaderBlock(DocumentHeader header)
    {
        var left = new List<Paragraph>();
        if (!string.IsNullOrWhiteSpace(header.AgencyAbove))
            left.Add(Line(header.AgencyAbove.ToUpperInvariant(), HeaderSize, JustificationValues.Center));
        left.Add(Line(header.Agency.ToUpperInvariant(), HeaderSize, JustificationValues.Center, bold: true));
        left.Add(Rule(AgencyColumn, AgencyColumn / 3));
        left.Add(WithSpacing(Line(header.Number, HeaderSize, JustificationValues.Center), before: 120, after: 0));
        // A letter's excerpt: 12 pt, not bold, centred under the number (template 1.1 of Appendix I).
        if (!string.IsNullOrWhiteSpace(header.Excerpt))
            left.Add(WithSpacing(Line(header.Excerpt, ExcerptSize, JustificationValues.Center), before: 60, after: 0));

        var right = new List<Paragraph>
        {
            // 12 pt (the decree allows 12–13) keeps the motto on one line beside a 13 pt agency name.
            Line(DocumentHeader.Motto, MottoSize, JustificationValues.Center, bold: true),
            Line(DocumentHeader.MottoSubtitle, BodySize, JustificationValues.Center, bold: true),
            // About as long as "Độc lập - Tự do - Hạnh phúc" in 14 pt bold.
            Rule(MottoColumn, 3800),
            WithSpacing(Line(header.PlaceAndDate, BodySize, JustificationValues.Center, italic: true), before: 120, after: 0),
        };

        var table = BorderlessTable(AgencyColumn, MottoColumn);
        table.Append(new TableRow(Cell(AgencyColumn, left), Cell(MottoColumn, right)));
        return table;
    }

    /// <summary>"Kính gửi: …" of a letter, 14 pt, set in from the left margin, with space above and below.</summary>
    private static Paragraph AddressedTo(string addressee) =>
        new(ParaProps(JustificationValues.Left, before: 360, after: 240, line: LineSpacing, indentLeft: AddresseeIndent),
            Run("Kính gửi: " + addressee, BodySize));

    private static IEnumerable<Paragraph> BodyParagraphs(IReadOnlyList<DocumentBlock> blocks)
    {
        for (var i = 0; i < blocks.Count; i++)
        {
            var last = i == blocks.Count - 1;
            yield return blocks[i] switch
            {
                DocumentHeading h => new Paragraph(
                    ParaProps(JustificationValues.Both, firstLine: FirstLineIndent, before: 120, after: SpaceAfter, line: LineSpacing, keepNext: true),
                    Run(last ? WithEndMark(h.Text) : h.Text, BodySize, bold: true)),
                DocumentParagraph p => BodyParagraph(p, last),
                _ => throw new ArgumentOutOfRangeException(nameof(blocks), blocks[i].GetType().Name, "Unknown block."),
            };
        }
    }

    private static Paragraph BodyParagraph(DocumentParagraph p, bool last)
    {
        var paragraph = new Paragraph(ParaProps(JustificationValues.Both, firstLine: FirstLineIndent, after: SpaceAfter, line: LineSpacing));
        var runs = p.Runs.Where(r => r.Text.Length > 0).ToList();
        if (last)
        {
            if (runs.Count == 0) runs.Add(new TextRun(EndMark));
            else runs[^1] = runs[^1] with { Text = WithEndMark(runs[^1].Text) };
        }
        foreach (var run in runs) paragraph.Append(Run(run.Text, BodySize, run.Bold, run.Italic));
        return paragraph;
    }

    /// <summary>"… được thông qua." becomes "… được thông qua./." (the period is part of the mark).</summary>
    public static string WithEndMark(string text)
    {
        var trimmed = text.TrimEnd();
        if (trimmed.EndsWith(EndMark, StringComparison.Ordinal)) return trimmed;
        return trimmed.EndsWith('.') ? trimmed + "/." : trimmed + EndMark;
    }

    /// <summary>Signatures side by side: the first on the left (THƯ KÝ), the last on the right (CHỦ TỌA).</summary>
    private static Table Signatures(IReadOnlyList<SignatureBlock> signatures)
    {
        var width = TextWidth / signatures.Count;
        var table = BorderlessTable(Enumerable.Repeat(width, signatures.Count).ToArray());
        var row = new TableRow(new TableRowProperties(new CantSplit()));
        foreach (var s in signatures) row.Append(Cell(width, Signature(s)));
        table.Append(row);
        return table;
    }

    private const int RecipientsColumn = 4300, SignerColumn = TextWidth - RecipientsColumn;

    /// <summary>
    /// One signer (a notice, a report, a reply): "Nơi nhận" on the left and the signature on the right, side by side
    /// as the decree's templates lay them out; a signer without recipients still signs on the right.
    /// </summary>
    private static Table RecipientsBesideSignature(IReadOnlyList<string> recipients, SignatureBlock signer)
    {
        var table = BorderlessTable(RecipientsColumn, SignerColumn);
        var left = recipients.Count > 0 ? Recipients(recipients).ToList() : [];
        if (left.Count > 0) WithSpacing(left[0], before: 0, after: 0);
        table.Append(new TableRow(new TableRowProperties(new CantSplit()), Cell(RecipientsColumn, left), Cell(SignerColumn, Signature(signer))));
        return table;
    }

    private static List<Paragraph> Signature(SignatureBlock s)
    {
        var paragraphs = new List<Paragraph>();
        if (!string.IsNullOrWhiteSpace(s.Authority))
            paragraphs.Add(Line(s.Authority.ToUpperInvariant(), BodySize, JustificationValues.Center, bold: true));
        paragraphs.Add(Line(s.Title.ToUpperInvariant(), BodySize, JustificationValues.Center, bold: true));
        paragraphs.Add(Line("(Ký, ghi rõ họ tên)", BodySize, JustificationValues.Center, italic: true));
        // Room for the handwritten signature (and the seal for the chair).
        for (var i = 0; i < 4; i++) paragraphs.Add(Empty());
        paragraphs.Add(Line(s.Name, BodySize, JustificationValues.Center, bold: true));
        return paragraphs;
    }

    /// <summary>"Nơi nhận:" bold italic 12 pt, then one recipient a line in 11 pt, the last ending with a period.</summary>
    private static IEnumerable<Paragraph> Recipients(IReadOnlyList<string> recipients)
    {
        yield return WithSpacing(Line("Nơi nhận:", ReceiverLabelSize, JustificationValues.Left, bold: true, italic: true), before: 240, after: 0);
        for (var i = 0; i < recipients.Count; i++)
        {
            var text = recipients[i].Trim().TrimStart('-', ' ').TrimEnd(';', '.', ' ');
            yield return Line($"- {text}{(i == recipients.Count - 1 ? "." : ";")}", ReceiverSize, JustificationValues.Left);
        }
    }
}
