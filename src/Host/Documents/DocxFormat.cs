using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Wordprocessing;

namespace MeetingAssist.Host.Documents;

/// <summary>
/// The measures of the state format and the small builders the writer composes documents from. Every run gets
/// its font for all four scripts (ascii, hAnsi, cs, eastAsia): with only ascii set, Word and LibreOffice pick
/// another face for Vietnamese letters outside Latin-1 such as "ễ" or "ự".
/// </summary>
internal static class DocxFormat
{
    public const string FontName = "Times New Roman";

    /// <summary>A4 in twentieths of a point.</summary>
    public const int PageWidth = 11906, PageHeight = 16838;

    /// <summary>Margins 20 mm top and bottom, 30 mm left, 15 mm right (1 mm = 56.7 twips).</summary>
    public const int MarginTop = 1134, MarginBottom = 1134, MarginLeft = 1701, MarginRight = 850;

    public const int TextWidth = PageWidth - MarginLeft - MarginRight;

    /// <summary>Half-points: body and title 14 pt, header lines 13 pt, the motto 12 pt, "Nơi nhận" 12 pt and recipients 11 pt.</summary>
    public const int BodySize = 28, HeaderSize = 26, MottoSize = 24, ReceiverLabelSize = 24, ReceiverSize = 22;

    /// <summary>A letter's excerpt under the number: 12 pt (the decree allows 12–13).</summary>
    public const int ExcerptSize = 24;

    /// <summary>"Kính gửi" starts about a quarter into the text width, as letters lay it out.</summary>
    public const int AddresseeIndent = 1701;

    /// <summary>First-line indent of 1 cm, and 6 pt after each paragraph.</summary>
    public const int FirstLineIndent = 567, SpaceAfter = 120;

    /// <summary>Line spacing 1.15 (in 240ths of a line), inside the 1–1.5 the decree allows.</summary>
    public const int LineSpacing = 276;

    public static string Clean(string text) => text.Normalize(NormalizationForm.FormC);

    public static RunProperties RunProps(int size, bool bold = false, bool italic = false)
    {
        var props = new RunProperties(new RunFonts { Ascii = FontName, HighAnsi = FontName, ComplexScript = FontName, EastAsia = FontName });
        if (bold) props.Append(new Bold(), new BoldComplexScript());
        if (italic) props.Append(new Italic(), new ItalicComplexScript());
        props.Append(new FontSize { Val = size.ToString() }, new FontSizeComplexScript { Val = size.ToString() },
            new Languages { Val = "vi-VN", EastAsia = "vi-VN", Bidi = "vi-VN" });
        return props;
    }

    public static Run Run(string text, int size, bool bold = false, bool italic = false) =>
        new(RunProps(size, bold, italic), new Text(Clean(text)) { Space = SpaceProcessingModeValues.Preserve });

    /// <summary>A paragraph's properties in the order the schema wants them.</summary>
    public static ParagraphProperties ParaProps(JustificationValues justify, int firstLine = 0, int before = 0, int after = 0,
        int line = 240, ParagraphBorders? borders = null, int indentLeft = 0, int indentRight = 0, bool keepNext = false)
    {
        var props = new ParagraphProperties();
        if (keepNext) props.Append(new KeepNext());
        if (borders is not null) props.Append(borders);
        props.Append(new SpacingBetweenLines { Before = before.ToString(), After = after.ToString(), Line = line.ToString(), LineRule = LineSpacingRuleValues.Auto });
        if (firstLine > 0 || indentLeft > 0 || indentRight > 0)
        {
            // An attribute set to null is still written, empty, and the schema refuses it: set FirstLine only when there is one.
            var indentation = new Indentation { Left = indentLeft.ToString(), Right = indentRight.ToString() };
            if (firstLine > 0) indentation.FirstLine = firstLine.ToString();
            props.Append(indentation);
        }
        props.Append(new Justification { Val = justify });
        return props;
    }

    public static Paragraph Line(string text, int size, JustificationValues justify, bool bold = false, bool italic = false, int after = 0) =>
        new(ParaProps(justify, after: after), Run(text, size, bold, italic));

    public static Paragraph Empty(int size = BodySize) =>
        new(new ParagraphProperties(new SpacingBetweenLines { Before = "0", After = "0", Line = "240", LineRule = LineSpacingRuleValues.Auto },
            new ParagraphMarkRunProperties(new RunFonts { Ascii = FontName, HighAnsi = FontName, ComplexScript = FontName, EastAsia = FontName },
                new FontSize { Val = size.ToString() }, new FontSizeComplexScript { Val = size.ToString() })));

    /// <summary>
    /// The short rule under the agency name and under the motto: an empty paragraph whose bottom border is drawn
    /// between indents, so the line is centred and only about as long as the text above it.
    /// </summary>
    public static Paragraph Rule(int cellWidth, int ruleWidth)
    {
        var side = Math.Max(0, (cellWidth - ruleWidth) / 2);
        var borders = new ParagraphBorders(new BottomBorder { Val = BorderValues.Single, Size = 6, Space = 1, Color = "000000" });
        return new Paragraph(
            new ParagraphProperties(borders,
                new SpacingBetweenLines { Before = "0", After = "0", Line = "60", LineRule = LineSpacingRuleValues.Exact },
                new Indentation { Left = side.ToString(), Right = side.ToString() },
                new Justification { Val = JustificationValues.Center },
                new ParagraphMarkRunProperties(new RunFonts { Ascii = FontName, HighAnsi = FontName, ComplexScript = FontName, EastAsia = FontName },
                    new FontSize { Val = "4" }, new FontSizeComplexScript { Val = "4" })));
    }

    /// <summary>A table without any border: the header block and the signatures are laid out, not boxed.</summary>
    public static Table BorderlessTable(params int[] columnWidths)
    {
        static BorderType None<T>() where T : BorderType, new() => new T { Val = BorderValues.None, Size = 0, Space = 0, Color = "auto" };
        var table = new Table(new TableProperties(
            new TableWidth { Width = columnWidths.Sum().ToString(), Type = TableWidthUnitValues.Dxa },
            new TableBorders(None<TopBorder>(), None<LeftBorder>(), None<BottomBorder>(), None<RightBorder>(),
                None<InsideHorizontalBorder>(), None<InsideVerticalBorder>()),
            new TableLayout { Type = TableLayoutValues.Fixed },
            new TableCellMarginDefault(
                new TopMargin { Width = "0", Type = TableWidthUnitValues.Dxa },
                new TableCellLeftMargin { Width = 57, Type = TableWidthValues.Dxa },
                new BottomMargin { Width = "0", Type = TableWidthUnitValues.Dxa },
                new TableCellRightMargin { Width = 57, Type = TableWidthValues.Dxa })));
        table.Append(new TableGrid(columnWidths.Select(w => new GridColumn { Width = w.ToString() })));
        return table;
    }

    /// <summary>A cell of the given width; a cell must hold at least one paragraph, so an empty one gets an empty paragraph.</summary>
    public static TableCell Cell(int width, IEnumerable<Paragraph> paragraphs)
    {
        var cell = new TableCell(new TableCellProperties(new TableCellWidth { Width = width.ToString(), Type = TableWidthUnitValues.Dxa }));
        var list = paragraphs.ToList();
        cell.Append(list.Count > 0 ? list : [Empty()]);
        return cell;
    }
}
