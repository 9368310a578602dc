namespace MeetingAssist.Host.MeetingDocuments;

/// <summary>The documents issued around one meeting, before and after it.</summary>
public enum MeetingDocumentKind
{
    /// <summary>Thông báo: time, place, content and how citizens send their opinions.</summary>
    Notice,
    /// <summary>Giấy mời: the responders and the departments that answer petitions.</summary>
    Invitation,
    /// <summary>Phiếu hỏi: the slip mass organisations hand out to collect opinions.</summary>
    Questionnaire,
    /// <summary>Báo cáo trả lời: the petitions collected beforehand, grouped by field, with their answers.</summary>
    AnswersReport,
    /// <summary>Thông báo kết luận: the chair's conclusions and each assignment with its deadline.</summary>
    ConclusionNotice,
    /// <summary>Báo cáo cấp trên: counts by field, status, level and department, the on-time rate, the overdue list.</summary>
    UpperLevelReport,
}

/// <summary>
/// The address segment of each kind (also its file name) and the words a page shows. The address is looked up here
/// and nowhere else, so a request never names a file or a template of its own.
/// </summary>
public static class MeetingDocumentKinds
{
    private static readonly (MeetingDocumentKind Kind, string Slug, string Label)[] All =
    [
        (MeetingDocumentKind.Notice, "thong-bao", "Thông báo tổ chức hội nghị"),
        (MeetingDocumentKind.Invitation, "giay-moi", "Giấy mời"),
        (MeetingDocumentKind.Questionnaire, "phieu-hoi", "Phiếu hỏi ý kiến"),
        (MeetingDocumentKind.AnswersReport, "bao-cao-tra-loi", "Báo cáo trả lời ý kiến, kiến nghị"),
        (MeetingDocumentKind.ConclusionNotice, "thong-bao-ket-luan", "Thông báo kết luận"),
        (MeetingDocumentKind.UpperLevelReport, "bao-cao-cap-tren", "Báo cáo cấp trên"),
    ];

    public static IEnumerable<MeetingDocumentKind> Kinds => All.Select(k => k.Kind);

    public static MeetingDocumentKind? FromSlug(string? slug) =>
        All.Where(k => string.Equals(k.Slug, slug, StringComparison.Ordinal)).Select(k => (MeetingDocumentKind?)k.Kind).FirstOrDefault();

    public static string Slug(MeetingDocumentKind kind) => All.Single(k => k.Kind == kind).Slug;

    public static string Label(MeetingDocumentKind kind) => All.Single(k => k.Kind == kind).Label;

    public static string UnknownMessage => "Không có loại văn bản này. Các loại: " + string.Join(", ", All.Select(k => k.Slug)) + ".";
}
