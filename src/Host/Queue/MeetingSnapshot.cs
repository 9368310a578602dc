using MeetingAssist.Host.Meetings;
using MeetingAssist.Host.People;

namespace MeetingAssist.Host.Queue;

public sealed record MeetingInfoDto(
    string Title, string KindLabel, string OrganisingBody, string ChairName, string ChairTitle,
    string SecretaryName, string Place, string ScheduledStart, string AudienceGroup, string RulesText,
    int StatementSeconds, int AnswerSeconds, int FollowUpSeconds);

public sealed record SpeakerDto(int? PersonId, string Name, string Affiliation, string Role, string RoleLabel, string? Title);

public sealed record FloorDto(
    int TurnId, string Kind, string KindLabel, SpeakerDto Speaker, int? RequestId, string? Topic, string? Field,
    long StartedAtMs, int AllottedMs, int ExtendedMs, long AccumulatedMs, long? RunningSinceMs);

public sealed record RequestDto(
    int RequestId, SpeakerDto Speaker, string Topic, string? Field, string? Note, string Source,
    string Status, string StatusLabel, long CreatedAtMs);

public sealed record ThreadDto(int RequestId, string CitizenName, string Topic, bool Answered);

public sealed record ResponderDto(int PersonId, string Name, string Title, string Affiliation);

/// <summary>
/// Everything a screen needs to draw a meeting. Staff get the full picture; the public (projector,
/// phones) get no notes, no pending phone requests and no staff lists.
/// </summary>
public sealed record MeetingSnapshot(
    int MeetingId,
    int Version,
    long ServerNowMs,
    MeetingInfoDto Meeting,
    string Status,
    string StatusLabel,
    bool ListOpen,
    IReadOnlyList<string> Agenda,
    int AgendaIndex,
    FloorDto? Floor,
    IReadOnlyList<RequestDto> Queue,
    IReadOnlyList<RequestDto>? Pending,
    IReadOnlyList<RequestDto>? Finished,
    ThreadDto? Thread,
    string? UndoLabel,
    IReadOnlyList<ResponderDto>? Responders,
    bool IsStaffView,
    bool CaptionsEnabled);

public static class SnapshotBuilder
{
    public static MeetingSnapshot Build(Meeting meeting, IReadOnlyList<ResponderDto> responders, MeetingTimeline timeline, bool staff, long nowMs)
    {
        var s = timeline.State;
        var agenda = meeting.Agenda.OrderBy(a => a.Order).Select(a => a.Title).ToList();
        var floorRequest = s.Floor?.RequestId is { } rid ? s.FindRequest(rid) : null;
        return new MeetingSnapshot(
            meeting.Id,
            timeline.Version,
            nowMs,
            new MeetingInfoDto(meeting.Title, MeetingKindLabels.Label(meeting.Kind), meeting.OrganisingBody, meeting.ChairName,
                meeting.ChairTitle, meeting.SecretaryName, meeting.Place, meeting.ScheduledStart.ToString("HH:mm 'ngày' dd/MM/yyyy"),
                meeting.AudienceGroup, meeting.RulesText, meeting.StatementSeconds, meeting.AnswerSeconds, meeting.FollowUpSeconds),
            s.Status.ToString(),
            StatusLabel(s.Status),
            s.ListOpen,
            agenda,
            agenda.Count == 0 ? 0 : Math.Min(s.AgendaIndex, agenda.Count - 1),
            s.Floor is { } f
                ? new FloorDto(f.TurnId, f.Kind.ToString(), TurnKindLabel(f.Kind), Speaker(f.Speaker), f.RequestId,
                    floorRequest?.Topic, floorRequest?.Field, f.StartedAtMs, f.AllottedMs, f.ExtendedMs, f.AccumulatedMs, f.RunningSinceMs)
                : null,
            s.Waiting.Select(r => Request(r, staff)).ToList(),
            staff ? s.Requests.Where(r => r.Status == RequestStatus.PendingApproval).Select(r => Request(r, staff)).ToList() : null,
            staff ? s.Requests.Where(r => r.Status is not (RequestStatus.PendingApproval or RequestStatus.Waiting))
                .Select(r => Request(r, staff)).ToList() : null,
            s.Thread is { } t ? new ThreadDto(t.RequestId, t.Citizen.Name, t.Topic, t.Answered) : null,
            staff && timeline.UndoCandidate is { } undo ? Describe(undo.Command, s, timeline) : null,
            staff ? responders : null,
            staff,
            s.CaptionsEnabled);
    }

    private static SpeakerDto Speaker(SpeakerRef s) =>
        new(s.PersonId, s.Name, s.Affiliation, s.Role.ToString(), PersonRoleLabels.Label(s.Role), s.Title);

    private static RequestDto Request(SpeakerRequest r, bool staff) =>
        new(r.Id, Speaker(r.Speaker), r.Topic, r.Field, staff ? r.Note : null, r.Source.ToString(), r.Status.ToString(),
            FloorRules.StatusLabel(r.Status), r.CreatedAtMs);

    public static string StatusLabel(MeetingStatus status) => status switch
    {
        MeetingStatus.Preparing => "Chuẩn bị",
        MeetingStatus.InProgress => "Đang diễn ra",
        MeetingStatus.Ended => "Đã kết thúc",
    };

    public static string TurnKindLabel(TurnKind kind) => kind switch
    {
        TurnKind.Statement => "Phát biểu",
        TurnKind.Answer => "Trả lời",
        TurnKind.FollowUp => "Ý kiến phản hồi",
        TurnKind.Chair => "Chủ trì",
    };

    /// <summary>Tells the chair, on the undo button, exactly what the next undo will revert.</summary>
    private static string Describe(MeetingCommand command, MeetingState s, MeetingTimeline timeline)
    {
        string NameOf(int requestId) => s.FindRequest(requestId)?.Speaker.Name ?? $"#{requestId}";
        string TurnSpeaker() => s.Floor?.Speaker.Name ?? timeline.Turns.LastOrDefault()?.Speaker.Name ?? "";
        return command switch
        {
            StartMeeting => "Bắt đầu hội nghị",
            EndMeeting => "Kết thúc hội nghị",
            RegisterSpeaker c => $"Đăng ký phát biểu: {c.Speaker.Name}",
            ApproveRequest c => $"Duyệt đăng ký: {NameOf(c.RequestId)}",
            RejectRequest c => $"Từ chối đăng ký: {NameOf(c.RequestId)}",
            MoveRequest c => $"Đổi thứ tự: {NameOf(c.RequestId)}",
            GiveFloor => $"Mời phát biểu: {TurnSpeaker()}",
            ChairTakesFloor => "Chủ trì phát biểu",
            CallResponder c => $"Mời trả lời: {c.Responder.Name}",
            GiveFollowUp => $"Mời phản hồi: {TurnSpeaker()}",
            PauseTimer => "Tạm dừng đồng hồ",
            ResumeTimer => "Tiếp tục đồng hồ",
            ExtendTime c => $"Gia hạn {c.Seconds} giây",
            EndTurn => $"Kết thúc lượt: {TurnSpeaker()}",
            SkipRequest c => $"Bỏ qua: {NameOf(c.RequestId)}",
            RequeueRequest c => $"Đưa lại vào danh sách: {NameOf(c.RequestId)}",
            WithdrawRequest c => $"Rút đăng ký: {NameOf(c.RequestId)}",
            CloseList => "Đóng danh sách đăng ký",
            ReopenList => "Mở lại danh sách đăng ký",
            NextAgendaItem => "Chuyển nội dung chương trình",
            SetCaptions c => c.Enabled ? "Bật phụ đề" : "Tắt phụ đề",
            _ => "Thao tác trước",
        };
    }
}
