using MeetingAssist.Host.Common;

namespace MeetingAssist.Host.Minutes;

/// <summary>The secretary's texts, as the page sends and receives them.</summary>
public sealed record MinutesTextsDto(
    string? Number, string? AgencyAbove, string? PlaceName, string? Opening, string? Introduction, string? PetitionReport,
    bool NoPetitionReport, IReadOnlyList<AttendanceCount>? Attendance, string? Delegates, IReadOnlyList<string>? Conclusions, string? Recipients)
{
    public const int MaxText = 50_000;

    public static MinutesTextsDto From(MinutesDraft d) => new(d.Number, d.AgencyAbove, d.PlaceName, d.Opening, d.Introduction, d.PetitionReport,
        d.NoPetitionReport, MinutesJson.Attendance(d.AttendanceJson), d.Delegates, MinutesJson.Strings(d.ConclusionsJson), d.Recipients);

    /// <summary>Field → Vietnamese message for what cannot be stored; empty when all is well.</summary>
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        void Long(string field, string? value, int max)
        {
            if ((value?.Length ?? 0) > max) errors[field] = [$"Nội dung quá dài (tối đa {max:N0} ký tự)."];
        }
        Long("number", Number, 100);
        Long("agencyAbove", AgencyAbove, 200);
        Long("placeName", PlaceName, 100);
        Long("opening", Opening, MaxText);
        Long("introduction", Introduction, MaxText);
        Long("petitionReport", PetitionReport, MaxText);
        Long("delegates", Delegates, MaxText);
        Long("recipients", Recipients, 5_000);
        if (Attendance is { } groups)
        {
            if (groups.Count > 30) errors["attendance"] = ["Tối đa 30 nhóm người tham dự."];
            else if (groups.Any(g => g is null || string.IsNullOrWhiteSpace(g.Group) || g.Group.Length > 100))
                errors["attendance"] = ["Mỗi nhóm người tham dự cần có tên (tối đa 100 ký tự)."];
            else if (groups.Any(g => g.Count is < 0 or > 1_000_000))
                errors["attendance"] = ["Số người tham dự phải từ 0 đến 1.000.000."];
        }
        if (Conclusions is { } conclusions && (conclusions.Count > 50 || conclusions.Any(c => (c?.Length ?? 0) > MaxText)))
            errors["conclusions"] = ["Kết luận quá dài."];
        return errors;
    }

    public void ApplyTo(MinutesDraft d)
    {
        d.Number = UserText.Line(Number) ?? "";
        d.AgencyAbove = UserText.Line(AgencyAbove) ?? "";
        d.PlaceName = UserText.Line(PlaceName) ?? "";
        d.Opening = UserText.Text(Opening) ?? "";
        d.Introduction = UserText.Text(Introduction) ?? "";
        d.PetitionReport = UserText.Text(PetitionReport) ?? "";
        d.NoPetitionReport = NoPetitionReport;
        d.AttendanceJson = MinutesJson.Write((Attendance ?? []).Select(a => new AttendanceCount(UserText.Line(a.Group) ?? "", a.Count)).ToList());
        d.Delegates = UserText.Text(Delegates) ?? "";
        d.ConclusionsJson = MinutesJson.Write((Conclusions ?? []).Select(c => UserText.Text(c) ?? "").ToList());
        d.Recipients = UserText.Text(Recipients) ?? "";
    }
}

public sealed record TurnChoiceInput(string? Mode, string? Summary);

public sealed record MinutesTurnView(
    int TurnId, string Kind, string KindLabel, string Header, string SpeakerName, string Start, string? End,
    string Mode, string Summary, string Verbatim);

public sealed record MinutesVersionDto(int Number, string Label, string ApprovedAt, string ApprovedBy, string Sha256, long Bytes, string DocxUrl, string PdfUrl);

public sealed record MinutesView(
    int MeetingId, string MeetingTitle, bool Locked, int? LockedByVersion, MinutesTextsDto Texts, string DefaultNumber, string DefaultPlaceName,
    string DefaultRecipients,
    IReadOnlyList<string> ConclusionLabels, IReadOnlyList<MinutesTurnView> Turns, IReadOnlyList<MinutesProblem> Problems,
    IReadOnlyList<MinutesVersionDto> Versions, bool PdfAvailable, string? PdfMessage);
