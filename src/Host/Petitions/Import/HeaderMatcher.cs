namespace MeetingAssist.Host.Petitions.Import;

/// <summary>The meanings a petition sheet's columns can carry.</summary>
public enum PetitionColumn { Stt, Name, Address, Content, Field, Department, Date, Note, Kind, Source }

/// <summary>
/// Recognises column headers however an office wrote them: with or without diacritics, any case, extra spaces,
/// the usual abbreviations and synonyms. Compared folded (<see cref="VietnameseText.Fold"/>).
/// </summary>
public static class HeaderMatcher
{
    // Most specific first: "noi dung kien nghi" must not be taken for "kien nghi", "co quan tra loi" for "tra loi".
    private static readonly (PetitionColumn Column, string[] Headers)[] Synonyms =
    [
        (PetitionColumn.Stt, ["stt", "tt", "so tt", "so thu tu", "thu tu", "s t t"]),
        (PetitionColumn.Content, ["noi dung", "noi dung y kien kien nghi", "noi dung kien nghi", "noi dung y kien", "y kien kien nghi", "tom tat noi dung", "kien nghi"]),
        (PetitionColumn.Name, ["ho va ten", "ho ten", "nguoi kien nghi", "cu tri", "ten cu tri", "ho ten cu tri", "nguoi gui", "ten nguoi kien nghi", "ca nhan to chuc", "ten"]),
        (PetitionColumn.Address, ["dia chi", "thon", "thon xom", "thon to dan pho", "to dan pho", "noi cu tru", "noi o", "xom", "khu pho", "ap"]),
        (PetitionColumn.Field, ["linh vuc", "nhom linh vuc"]),
        (PetitionColumn.Department, ["co quan tra loi", "don vi chu tri", "phong ban", "co quan chu tri", "don vi tra loi", "co quan giai quyet", "don vi giai quyet", "co quan don vi", "co quan", "don vi", "phong ban chu tri"]),
        (PetitionColumn.Date, ["ngay", "ngay kien nghi", "ngay nhan", "ngay tiep nhan", "thoi gian", "ngay thang"]),
        (PetitionColumn.Note, ["ghi chu"]),
        (PetitionColumn.Kind, ["phan loai", "loai", "loai y kien", "y kien hay kien nghi"]),
        (PetitionColumn.Source, ["nguon", "nguon tiep nhan", "hinh thuc tiep nhan", "kenh tiep nhan"]),
    ];

    /// <summary>What a header cell means, or null. Exact folded match first, then a known header followed by more words.</summary>
    public static PetitionColumn? Match(string header)
    {
        var folded = VietnameseText.Fold(header);
        if (folded.Length == 0 || folded.Length > 80) return null;
        foreach (var (column, headers) in Synonyms)
            if (headers.Contains(folded)) return column;
        foreach (var (column, headers) in Synonyms)
            foreach (var known in headers)
                if (known.Length >= 4 && folded.StartsWith(known + " ", StringComparison.Ordinal)) return column;
        return null;
    }

    public static string Label(PetitionColumn column) => column switch
    {
        PetitionColumn.Stt => "STT",
        PetitionColumn.Name => "Họ và tên",
        PetitionColumn.Address => "Địa chỉ",
        PetitionColumn.Content => "Nội dung",
        PetitionColumn.Field => "Lĩnh vực",
        PetitionColumn.Department => "Cơ quan trả lời",
        PetitionColumn.Date => "Ngày",
        PetitionColumn.Note => "Ghi chú",
        PetitionColumn.Kind => "Phân loại",
        PetitionColumn.Source => "Nguồn",
        _ => throw new ArgumentOutOfRangeException(nameof(column)),
    };
}
