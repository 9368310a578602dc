using System.Globalization;
using System.Text;
using MeetingAssist.Host.Calendar;
using MeetingAssist.Host.Documents;
using MeetingAssist.Host.Petitions;

namespace MeetingAssist.Host.MeetingDocuments;

/// <summary>
/// The small pieces of wording the documents share: the agency's kind and code for the number line, the chair's
/// signature, who a petitioner is, dates. Pure; every text is Vietnamese and NFC.
/// </summary>
public static class DocumentWording
{
    private static readonly string[] AdministrativeUnits = [" XÃ ", " PHƯỜNG ", " THỊ TRẤN ", " ĐẶC KHU ", " HUYỆN ", " TỈNH ", " THÀNH PHỐ "];

    private static readonly (string Body, string Code)[] KnownCodes =
    [
        ("ủy ban nhân dân", "UBND"), ("uỷ ban nhân dân", "UBND"), ("đảng ủy", "ĐU"), ("đảng uỷ", "ĐU"), ("hội đồng nhân dân", "HĐND"),
        ("ủy ban mặt trận tổ quốc việt nam", "MTTQ"), ("ban thường vụ", "BTV"), ("văn phòng", "VP"),
    ];

    /// <summary>"Ủy ban nhân dân xã Kiến Minh" → "Ủy ban nhân dân": the body without its place, as a signature's "TM." names it.</summary>
    public static string BodyOf(string agency)
    {
        var trimmed = agency.Trim();
        var upper = " " + trimmed.ToUpperInvariant() + " ";
        var at = AdministrativeUnits.Select(u => UnitAt(upper, u)).Where(i => i >= 0).DefaultIfEmpty(-1).Min();
        return at <= 0 ? trimmed : trimmed[..(at - 1)].Trim();
    }

    /// <summary>Where a unit word starts a place name: "xã" in "Phòng Văn hóa – Xã hội" is not one.</summary>
    private static int UnitAt(string upper, string unit)
    {
        for (var at = upper.IndexOf(unit, StringComparison.Ordinal); at >= 0; at = upper.IndexOf(unit, at + 1, StringComparison.Ordinal))
            if (!upper[(at + unit.Length)..].StartsWith("HỘI", StringComparison.Ordinal)) return at;
        return -1;
    }

    /// <summary>"UBND" for an Ủy ban nhân dân, "ĐU" for a Đảng ủy; otherwise the initials ("Phòng Kinh tế" → "PKT").</summary>
    public static string CodeOf(string agency)
    {
        var body = BodyOf(agency);
        foreach (var (name, code) in KnownCodes)
            if (string.Equals(body, name, StringComparison.OrdinalIgnoreCase) || body.StartsWith(name + " ", StringComparison.OrdinalIgnoreCase))
                return code;
        var initials = new StringBuilder();
        foreach (var word in body.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            // The initial keeps Đ but drops tone marks: "Ủy" → "U".
            var first = word.Normalize(NormalizationForm.FormD)[0];
            if (char.IsLetter(first)) initials.Append(char.ToUpperInvariant(first));
        }
        return initials.Length > 0 ? initials.ToString().Normalize(NormalizationForm.FormC) : "VP";
    }

    /// <summary>The number line before the office registers the document: "Số:      /TB-UBND".</summary>
    public static string NumberLine(string documentCode, string agency) =>
        documentCode.Length > 0 ? $"Số:      /{documentCode}-{CodeOf(agency)}" : $"Số:      /{CodeOf(agency)}";

    /// <summary>
    /// "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH / Phạm Văn Hùng": the chair signs for the collective body (a body found by
    /// its kind; another agency is signed without "TM."), with the post cut from the chair's title.
    /// </summary>
    public static SignatureBlock ChairSignature(string agency, string chairTitle, string chairName)
    {
        var body = BodyOf(agency);
        var collective = body.Length > 0 && !string.Equals(body, agency.Trim(), StringComparison.Ordinal);
        return new SignatureBlock(collective ? "TM. " + body : "", PostOf(chairTitle, agency), chairName);
    }

    /// <summary>
    /// An agency typed in capitals, as headers print it ("ỦY BAN NHÂN DÂN XÃ KIẾN MINH"), written as a sentence names
    /// it: "Ủy ban nhân dân xã Kiến Minh". Anything typed in mixed case is kept as it is.
    /// </summary>
    public static string InSentence(string agency)
    {
        var trimmed = agency.Trim();
        if (trimmed.Length == 0 || trimmed != trimmed.ToUpperInvariant()) return trimmed;
        var vietnamese = CultureInfo.GetCultureInfo("vi-VN");
        var body = BodyOf(trimmed);
        var rest = trimmed[body.Length..].Trim();
        var sentence = char.ToUpper(body[0], vietnamese) + body[1..].ToLower(vietnamese);
        if (rest.Length == 0) return sentence;
        var upper = " " + rest + " ";
        var unit = AdministrativeUnits.FirstOrDefault(u => upper.StartsWith(u, StringComparison.Ordinal));
        var unitWords = unit is null ? 0 : unit.Trim().Split(' ').Length;
        var words = rest.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return sentence + " " + string.Join(' ', words.Select((w, i) => i < unitWords
            ? w.ToLower(vietnamese)
            : char.ToUpper(w[0], vietnamese) + w[1..].ToLower(vietnamese)));
    }

    /// <summary>
    /// "Chủ tịch UBND xã" → "Chủ tịch". A title holding several posts ("Phó Bí thư Đảng ủy, Chủ tịch UBND xã") gives
    /// the post in the issuing body when one names it, so a notice of the Ủy ban is signed "Chủ tịch".
    /// </summary>
    public static string PostOf(string title, string agency = "")
    {
        var posts = title.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (posts.Length == 0) return "Người chủ trì";
        var code = agency.Length > 0 ? CodeOf(agency) : "";
        var body = agency.Length > 0 ? BodyOf(agency) : "";
        var text = posts.FirstOrDefault(p => code.Length > 1 && p.Contains(" " + code, StringComparison.Ordinal)
                                             || body.Length > 0 && p.Contains(body, StringComparison.OrdinalIgnoreCase)) ?? posts[0];
        var cut = text.Length;
        foreach (var marker in new[] { " UBND", " Ủy ban", " Uỷ ban", " HĐND", " Hội đồng", " Đảng ủy", " Đảng uỷ", " xã", " phường", " thị trấn", " tỉnh", " thành phố" })
        {
            var at = text.IndexOf(marker, StringComparison.Ordinal);
            if (at > 0) cut = Math.Min(cut, at);
        }
        return text[..cut].Trim();
    }

    /// <summary>The level above a commune is the province since 2025; above anything else the document says "cơ quan cấp trên".</summary>
    public static string UpperLevelOf(string agency)
    {
        var upper = " " + agency.Trim().ToUpperInvariant() + " ";
        return new[] { " XÃ ", " PHƯỜNG ", " THỊ TRẤN ", " ĐẶC KHU " }.Any(u => upper.Contains(u, StringComparison.Ordinal))
            ? "Ủy ban nhân dân tỉnh" : "Cơ quan cấp trên";
    }

    private static readonly string[] GroupWords =
    [
        "nhân dân", "cử tri", "các hộ", "hộ dân", "tập thể", "công ty", "doanh nghiệp", "hợp tác xã", "ban ", "chi hội", "hội ", "thôn ",
        "tổ dân phố", "khu dân cư", "trường", "ủy ban", "uỷ ban", "đại diện",
    ];

    /// <summary>
    /// How a letter names its petitioner: "ông (bà) Nguyễn Văn An" for a person; a group or an organisation
    /// ("Nhân dân thôn Đông", "Công ty TNHH Minh Phát") by its name alone, since "ông (bà)" would misname it.
    /// </summary>
    public static string Addressed(string petitioner)
    {
        var name = petitioner.Trim();
        return GroupWords.Any(w => name.StartsWith(w, StringComparison.OrdinalIgnoreCase)) ? name : "ông (bà) " + name;
    }

    /// <summary>"Ông (bà) Nguyễn Văn An": <see cref="Addressed"/> at the start of a line.</summary>
    public static string AddressedAtStart(string petitioner)
    {
        var text = Addressed(petitioner);
        return char.ToUpper(text[0], CultureInfo.GetCultureInfo("vi-VN")) + text[1..];
    }

    /// <summary>"Nguyễn Văn An (Thôn Đông)".</summary>
    public static string Who(Petition p) => p.Address.Length > 0 ? $"{p.Petitioner} ({p.Address})" : p.Petitioner;

    /// <summary>"Đất đai" → "đất đai": a noun inside a sentence.</summary>
    public static string Lower(string text) => text.Length == 0 ? text : char.ToLower(text[0], CultureInfo.GetCultureInfo("vi-VN")) + text[1..];

    /// <summary>Text that ends a sentence ends with its own mark, never two.</summary>
    public static string Sentence(string text)
    {
        var trimmed = text.Trim();
        return trimmed.Length == 0 || ".!?…:".Contains(trimmed[^1]) ? trimmed : trimmed + ".";
    }

    /// <summary>"Thứ Sáu, 08/05/2026".</summary>
    public static string Day(DateOnly day) => $"{WorkingCalendar.Weekday(day)}, {WorkingCalendar.Format(day)}";

    public static string FieldOf(Petition p) => string.IsNullOrWhiteSpace(p.Field) ? "Chưa phân loại" : p.Field;

    /// <summary>Fields in the order the office's tables use, then any other in alphabetical order, unclassified last.</summary>
    public static int FieldRank(string field)
    {
        var known = Array.IndexOf(PetitionLabels.CommonFields, field);
        return field == "Chưa phân loại" ? int.MaxValue : known >= 0 ? known : PetitionLabels.CommonFields.Length;
    }

    public static string RomanOf(int number) => number switch
    {
        1 => "I", 2 => "II", 3 => "III", 4 => "IV", 5 => "V", 6 => "VI", 7 => "VII", 8 => "VIII", 9 => "IX", 10 => "X",
        _ => number.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>"Đất đai 3; Môi trường 2".</summary>
    public static string Counts(IEnumerable<(string Name, int Count)> counts) =>
        string.Join("; ", counts.Where(c => c.Count > 0).Select(c => $"{c.Name} {c.Count}"));

    public static DocumentParagraph Labelled(string label, string text) => new(new TextRun(label, Bold: true), new TextRun(text));
}
