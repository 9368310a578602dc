namespace MeetingAssist.Host.Petitions;

/// <summary>The Vietnamese words for each value, as the pages and documents show them.</summary>
public static class PetitionLabels
{
    public static string Of(PetitionStatus status) => status switch
    {
        PetitionStatus.New => "Mới",
        PetitionStatus.Assigned => "Đã phân công",
        PetitionStatus.Answered => "Đã có trả lời",
        PetitionStatus.AnsweredAtMeeting => "Trả lời tại hội nghị",
        PetitionStatus.WrittenAnswerNeeded => "Cần trả lời bằng văn bản",
        PetitionStatus.ForwardedUp => "Chuyển cấp trên",
        PetitionStatus.Resolved => "Đã giải quyết",
        _ => status.ToString(),
    };

    public static string Of(PetitionKind kind) => kind == PetitionKind.Request ? "Kiến nghị" : "Ý kiến";

    public static string Of(PetitionSource source) => source switch
    {
        PetitionSource.FatherlandFront => "Mặt trận Tổ quốc",
        PetitionSource.Questionnaire => "Phiếu hỏi",
        PetitionSource.Letter => "Thư",
        PetitionSource.Email => "Thư điện tử",
        PetitionSource.AtMeeting => "Tại hội nghị",
        PetitionSource.PublicPage => "Trang công khai",
        PetitionSource.ExcelImport => "Nhập từ Excel",
        _ => source.ToString(),
    };

    public static string Of(AuthorityLevel level) => level switch
    {
        AuthorityLevel.Commune => "Cấp xã",
        AuthorityLevel.Province => "Cấp tỉnh",
        _ => "Trung ương",
    };

    public static string Of(PetitionUrgency urgency) => urgency == PetitionUrgency.Urgent ? "Khẩn" : "Thường";

    /// <summary>The fields the seeds' tables use; a clerk may type another.</summary>
    public static readonly string[] CommonFields =
    [
        "Đất đai", "Giải phóng mặt bằng", "Chính sách xã hội", "Hạ tầng giao thông – thủy lợi", "Môi trường",
        "Cải cách hành chính", "Cán bộ", "Y tế – giáo dục", "An ninh trật tự", "Khác",
    ];
}
