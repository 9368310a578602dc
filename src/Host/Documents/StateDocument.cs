using System.Globalization;

namespace MeetingAssist.Host.Documents;

/// <summary>
/// An administrative document in the state format (Nghị định 30/2020/NĐ-CP, Appendix I): the header block, title,
/// subject, body, signatures and recipients. Minutes, conclusion notices and reports are all built as one of these
/// and written by <see cref="DocxWriter"/>. A letter (<i>công văn</i>, template 1.1) has no title: its subject is the
/// excerpt under the number (<see cref="DocumentHeader.Excerpt"/>) and it opens with "Kính gửi".
/// </summary>
/// <param name="AddressedTo">A letter's addressee, printed as "Kính gửi: …" above the body; null for other documents.</param>
public sealed record StateDocument(
    DocumentHeader Header,
    string Title,
    string? Subject,
    IReadOnlyList<DocumentBlock> Body,
    IReadOnlyList<SignatureBlock> Signatures,
    IReadOnlyList<string> Recipients,
    string? AddressedTo = null)
{
    /// <summary>A letter (công văn): no title, an excerpt under the number.</summary>
    public bool IsLetter => Title.Length == 0 && Header.Excerpt is { Length: > 0 };
}

/// <param name="AgencyAbove">The governing body printed above the issuing agency (upper case, not bold); empty when none.</param>
/// <param name="Agency">The issuing agency (upper case, bold).</param>
/// <param name="Number">The whole number line, e.g. "Số: 12/BB-UBND" or "Số:      /BB-UBND" before it is numbered.</param>
/// <param name="PlaceName">The place name of the date line ("Kiến Minh").</param>
/// <param name="Excerpt">A letter's subject under the number ("V/v trả lời kiến nghị của ông (bà) …"); null otherwise.</param>
public sealed record DocumentHeader(string AgencyAbove, string Agency, string Number, string PlaceName, DateOnly Date, string? Excerpt = null)
{
    public const string Motto = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
    public const string MottoSubtitle = "Độc lập - Tự do - Hạnh phúc";

    /// <summary>"Kiến Minh, ngày 05 tháng 01 năm 2026".</summary>
    public string PlaceAndDate => $"{PlaceName}, {StateDates.Long(Date)}";
}

/// <summary>One block of the body: a heading or a paragraph of runs.</summary>
public abstract record DocumentBlock;

/// <summary>A section heading ("I. THÀNH PHẦN THAM DỰ"): bold, at the body's indent.</summary>
public sealed record DocumentHeading(string Text) : DocumentBlock;

public sealed record DocumentParagraph(IReadOnlyList<TextRun> Runs) : DocumentBlock
{
    public DocumentParagraph(params TextRun[] runs) : this((IReadOnlyList<TextRun>)runs) { }

    public static DocumentParagraph Plain(string text) => new(new TextRun(text));

    public string Text => string.Concat(Runs.Select(r => r.Text));
}

public sealed record TextRun(string Text, bool Bold = false, bool Italic = false);

/// <param name="Authority">The line above the title when one signs for a body ("TM. ỦY BAN NHÂN DÂN"); empty when none.</param>
/// <param name="Title">"THƯ KÝ", "CHỦ TỌA", "CHỦ TỊCH".</param>
/// <param name="Name">The signer's full name, printed bold under the space for the signature.</param>
public sealed record SignatureBlock(string Authority, string Title, string Name);

public static class StateDates
{
    /// <summary>
    /// "ngày 05 tháng 01 năm 2026": days below 10 and the months January and February get a leading zero
    /// (Nghị định 30/2020, Appendix I); other months are written as they are ("tháng 3", "tháng 12").
    /// </summary>
    public static string Long(DateOnly date)
    {
        var month = date.Month <= 2 ? date.Month.ToString("00", CultureInfo.InvariantCulture) : date.Month.ToString(CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture, $"ngày {date.Day:00} tháng {month} năm {date.Year}");
    }
}
