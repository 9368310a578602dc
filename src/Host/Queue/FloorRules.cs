// Longer than 300 lines on purpose: every rule of order sits here side by side because the rules constrain one
// another (giving the floor closes a wait, an answer names the statements it covers, undo replays them all).
// Split by command, each invariant would have to be read in several files. Each method is one command and short.
using System.Collections.Immutable;
using MeetingAssist.Host.Common;

namespace MeetingAssist.Host.Queue;

/// <summary>
/// The rules of order for a dialogue conference: who may speak, when, and how the queue moves.
/// Pure functions of (state, command, time) so they replay identically from the action log.
/// </summary>
public static class FloorRules
{
    public const int MaxExtensionSeconds = 600;

    /// <summary>Applies a command; throws <see cref="MeetingRuleException"/> with a Vietnamese message when it is not allowed.</summary>
    /// <param name="actionId">The log sequence number of this action; it becomes the id of any request or turn it creates.</param>
    public static MeetingState Apply(MeetingState s, MeetingCommand command, long nowMs, int actionId, MeetingRulesSettings settings)
    {
        if (command is SetupChanged) return s;
        if (s.Status == MeetingStatus.Ended)
            throw new MeetingRuleException("Hội nghị đã kết thúc, không thể thực hiện thao tác này.");

        return command switch
        {
            StartMeeting => Start(s),
            EndMeeting => End(s),
            RegisterSpeaker c => Register(s, c, nowMs, actionId),
            SubmitPhoneRequest c => SubmitPhone(s, c, nowMs, actionId),
            ApproveRequest c => Approve(s, c),
            RejectRequest c => Reject(s, c),
            MoveRequest c => Move(s, c),
            GiveFloor c => Give(s, c, nowMs, actionId, settings),
            ChairTakesFloor c => ChairSpeaks(s, c, nowMs, actionId),
            CallResponder c => Respond(s, c, nowMs, actionId, settings),
            GiveFollowUp c => FollowUp(s, c, nowMs, actionId, settings),
            PauseTimer => Pause(s, nowMs),
            ResumeTimer => Resume(s, nowMs),
            ExtendTime c => Extend(s, c),
            EndTurn => EndCurrentTurn(s, nowMs),
            SkipRequest c => CloseWaiting(s, c.RequestId, RequestStatus.Skipped),
            WithdrawRequest c => CloseWaiting(s, c.RequestId, RequestStatus.Withdrawn),
            RequeueRequest c => Requeue(s, c),
            CloseList => s.ListOpen
                ? s with { ListOpen = false }
                : throw new MeetingRuleException("Danh sách đăng ký đã đóng."),
            ReopenList => s.ListOpen
                ? throw new MeetingRuleException("Danh sách đăng ký đang mở.")
                : s with { ListOpen = true },
            NextAgendaItem => NextAgenda(s, settings),
            SetCaptions c => s.CaptionsEnabled == c.Enabled
                ? throw new MeetingRuleException(c.Enabled ? "Phụ đề đang bật." : "Phụ đề đang tắt.")
                : s with { CaptionsEnabled = c.Enabled },
            _ => throw new MeetingRuleException("Thao tác không được hỗ trợ."),
        };
    }

    private static MeetingState Start(MeetingState s) => s.Status == MeetingStatus.Preparing
        ? s with { Status = MeetingStatus.InProgress }
        : throw new MeetingRuleException("Hội nghị đã bắt đầu.");

    private static MeetingState End(MeetingState s)
    {
        RequireStarted(s);
        if (s.Floor is not null)
            throw new MeetingRuleException("Đang có người giữ quyền phát biểu. Hãy kết thúc lượt này trước khi kết thúc hội nghị.");
        return s with { Status = MeetingStatus.Ended, ListOpen = false };
    }

    private static MeetingState Register(MeetingState s, RegisterSpeaker c, long now, int id)
    {
        RequireListOpen(s);
        var request = new SpeakerRequest(id, Clean(c.Speaker), RequireText(c.Topic, "nội dung phát biểu", TextLimits.Topic),
            Limit(Blank(c.Field), TextLimits.Short, "lĩnh vực"), Limit(BlankText(c.Note), TextLimits.Note, "ghi chú"), RequestSource.Desk, RequestStatus.Waiting, now, c.Petition);
        RequireNotQueuedTwice(s, request);
        return s with { Requests = s.Requests.Add(request), Queue = s.Queue.Add(id) };
    }

    private static MeetingState SubmitPhone(MeetingState s, SubmitPhoneRequest c, long now, int id)
    {
        RequireListOpen(s);
        var request = new SpeakerRequest(id, Clean(c.Speaker), RequireText(c.Topic, "nội dung phát biểu", TextLimits.Topic),
            Limit(Blank(c.Field), TextLimits.Short, "lĩnh vực"), null, RequestSource.Phone, RequestStatus.PendingApproval, now);
        RequireNotQueuedTwice(s, request);
        return s with { Requests = s.Requests.Add(request) };
    }

    private static MeetingState Approve(MeetingState s, ApproveRequest c)
    {
        var request = RequirePending(s, c.RequestId);
        RequireListOpen(s);
        var approved = request with
        {
            Status = RequestStatus.Waiting,
            Speaker = c.PersonId is { } pid ? request.Speaker with { PersonId = pid } : request.Speaker,
        };
        RequireNotQueuedTwice(s, approved);
        return s with { Requests = s.Requests.Replace(request, approved), Queue = s.Queue.Add(request.Id) };
    }

    private static MeetingState Reject(MeetingState s, RejectRequest c)
    {
        var request = RequirePending(s, c.RequestId);
        return s with { Requests = s.Requests.Replace(request, request with { Status = RequestStatus.Rejected }) };
    }

    private static MeetingState Move(MeetingState s, MoveRequest c)
    {
        var request = RequireWaiting(s, c.RequestId);
        if (c.NewPosition < 0 || c.NewPosition >= s.Queue.Count)
            throw new MeetingRuleException($"Vị trí mới phải từ 1 đến {s.Queue.Count}.");
        var queue = s.Queue.Remove(request.Id).Insert(c.NewPosition, request.Id);
        return s with { Queue = queue };
    }

    private static MeetingState Give(MeetingState s, GiveFloor c, long now, int turnId, MeetingRulesSettings settings)
    {
        RequireStarted(s);
        RequireFloorFree(s);
        if (s.Queue.IsEmpty)
            throw new MeetingRuleException("Không còn ai trong danh sách chờ phát biểu.");
        var request = c.RequestId is { } id ? RequireWaiting(s, id) : s.FindRequest(s.Queue[0])!;
        var floor = NewFloor(turnId, TurnKind.Statement, request.Speaker, request.Id, now, settings.StatementSeconds);
        return s with
        {
            Requests = s.Requests.Replace(request, request with { Status = RequestStatus.Speaking }),
            Queue = s.Queue.Remove(request.Id),
            Floor = floor,
            Thread = new DialogueThread(request.Id, request.Speaker, request.Topic, Answered: false),
            SinceLastAnswer = s.SinceLastAnswer.Remove(request.Id).Add(request.Id),
        };
    }

    private static MeetingState ChairSpeaks(MeetingState s, ChairTakesFloor c, long now, int turnId)
    {
        RequireStarted(s);
        RequireFloorFree(s);
        // The chair's own remarks (opening, direct answers, conclusion) have no time limit.
        return s with { Floor = NewFloor(turnId, TurnKind.Chair, Clean(c.Chair), s.Thread?.RequestId, now, 0) };
    }

    private static MeetingState Respond(MeetingState s, CallResponder c, long now, int turnId, MeetingRulesSettings settings)
    {
        RequireStarted(s);
        RequireFloorFree(s);
        var about = c.About is { Count: > 0 } chosen ? chosen.Distinct().ToImmutableList() : s.SinceLastAnswer;
        if (about.IsEmpty)
            throw new MeetingRuleException(s.Requests.Any(r => r.Status == RequestStatus.Spoken)
                ? "Hãy chọn ý kiến mà người này trả lời."
                : "Chưa có ý kiến nào để trả lời. Hãy mời một người phát biểu trước.");
        foreach (var id in about)
        {
            var request = s.FindRequest(id) ?? throw NotFound();
            if (request.Status != RequestStatus.Spoken)
                throw new MeetingRuleException($"Chỉ trả lời được ý kiến đã trình bày; ý kiến của {request.Speaker.Name} {StatusLabel(request.Status)}.");
        }
        var floor = NewFloor(turnId, TurnKind.Answer, Clean(c.Responder), about[0], now, settings.AnswerSeconds) with { About = about };
        return s with
        {
            Floor = floor,
            Thread = s.Thread is { } t && about.Contains(t.RequestId) ? t with { Answered = true } : s.Thread,
            SinceLastAnswer = [],
            LastAnswerAbout = about,
            Answered = s.Answered.Union(about),
        };
    }

    private static MeetingState FollowUp(MeetingState s, GiveFollowUp c, long now, int turnId, MeetingRulesSettings settings)
    {
        RequireStarted(s);
        RequireFloorFree(s);
        int requestId;
        if (c.RequestId is { } chosen)
        {
            requestId = chosen;
        }
        else
        {
            requestId = s.LastAnswerAbout.Count switch
            {
                0 => throw new MeetingRuleException("Ý kiến này chưa được trả lời; người phát biểu chỉ phản hồi sau khi đã có câu trả lời."),
                1 => s.LastAnswerAbout[0],
                _ => throw new MeetingRuleException("Câu trả lời vừa rồi dành cho nhiều ý kiến. Hãy chọn người được phản hồi."),
            };
        }
        var request = s.FindRequest(requestId) ?? throw NotFound();
        if (!s.Answered.Contains(requestId))
            throw new MeetingRuleException($"Ý kiến của {request.Speaker.Name} chưa được trả lời; người phát biểu chỉ phản hồi sau khi đã có câu trả lời.");
        var floor = NewFloor(turnId, TurnKind.FollowUp, request.Speaker, requestId, now, settings.FollowUpSeconds);
        return s with { Floor = floor };
    }

    private static MeetingState Pause(MeetingState s, long now)
    {
        var floor = RequireFloor(s);
        if (floor.IsPaused) throw new MeetingRuleException("Đồng hồ đang tạm dừng.");
        return s with { Floor = floor with { AccumulatedMs = floor.ElapsedMs(now), RunningSinceMs = null } };
    }

    private static MeetingState Resume(MeetingState s, long now)
    {
        var floor = RequireFloor(s);
        if (!floor.IsPaused) throw new MeetingRuleException("Đồng hồ đang chạy.");
        return s with { Floor = floor with { RunningSinceMs = now } };
    }

    private static MeetingState Extend(MeetingState s, ExtendTime c)
    {
        var floor = RequireFloor(s);
        if (c.Seconds is <= 0 or > MaxExtensionSeconds)
            throw new MeetingRuleException($"Thời gian gia hạn phải từ 1 đến {MaxExtensionSeconds} giây.");
        if (floor.AllottedMs <= 0)
            throw new MeetingRuleException("Lượt phát biểu này không giới hạn thời gian.");
        return s with { Floor = floor with { ExtendedMs = floor.ExtendedMs + c.Seconds * 1000 } };
    }

    private static MeetingState EndCurrentTurn(MeetingState s, long now)
    {
        var floor = RequireFloor(s);
        var requests = s.Requests;
        if (floor.Kind == TurnKind.Statement && floor.RequestId is { } rid && s.FindRequest(rid) is { } request)
            requests = requests.Replace(request, request with { Status = RequestStatus.Spoken });
        return s with { Floor = null, Requests = requests };
    }

    private static MeetingState CloseWaiting(MeetingState s, int requestId, RequestStatus status)
    {
        var request = s.FindRequest(requestId) ?? throw NotFound();
        // A citizen may also withdraw a phone request the desk has not approved yet (it is in no queue).
        if (request.Status != RequestStatus.Waiting && !(request.Status == RequestStatus.PendingApproval && status == RequestStatus.Withdrawn))
            throw new MeetingRuleException($"Chỉ thao tác được với người đang chờ; người này {StatusLabel(request.Status)}.");
        return s with
        {
            Requests = s.Requests.Replace(request, request with { Status = status }),
            Queue = s.Queue.Remove(requestId),
        };
    }

    private static MeetingState Requeue(MeetingState s, RequeueRequest c)
    {
        RequireListOpen(s);
        var request = s.FindRequest(c.RequestId) ?? throw NotFound();
        if (request.Status is not (RequestStatus.Skipped or RequestStatus.Withdrawn))
            throw new MeetingRuleException("Chỉ đưa lại vào danh sách người đã bị bỏ qua hoặc đã rút.");
        if (request.Source == RequestSource.Phone && request.Speaker.PersonId is null)
            throw new MeetingRuleException("Yêu cầu gửi từ điện thoại này đã rút trước khi được duyệt; hãy đăng ký lại tại bàn nếu người này vẫn muốn phát biểu.");
        var requeued = request with { Status = RequestStatus.Waiting };
        RequireNotQueuedTwice(s, requeued);
        return s with
        {
            Requests = s.Requests.Replace(request, requeued),
            Queue = s.Queue.Add(request.Id),
        };
    }

    private static MeetingState NextAgenda(MeetingState s, MeetingRulesSettings settings)
    {
        RequireStarted(s);
        if (s.AgendaIndex + 1 >= settings.AgendaItemCount)
            throw new MeetingRuleException("Đang ở nội dung cuối cùng của chương trình.");
        return s with { AgendaIndex = s.AgendaIndex + 1 };
    }

    private static Floor NewFloor(int turnId, TurnKind kind, SpeakerRef who, int? requestId, long now, int seconds) =>
        new(turnId, kind, who, requestId, now, Math.Max(0, seconds) * 1000, 0, 0, now);

    private static void RequireStarted(MeetingState s)
    {
        if (s.Status != MeetingStatus.InProgress)
            throw new MeetingRuleException("Hội nghị chưa bắt đầu.");
    }

    private static void RequireListOpen(MeetingState s)
    {
        if (!s.ListOpen) throw new MeetingRuleException("Danh sách đăng ký phát biểu đã đóng.");
    }

    private static void RequireFloorFree(MeetingState s)
    {
        if (s.Floor is { } f)
            throw new MeetingRuleException($"{f.Speaker.Name} đang giữ quyền phát biểu. Hãy kết thúc lượt này trước.");
    }

    private static Floor RequireFloor(MeetingState s) =>
        s.Floor ?? throw new MeetingRuleException("Hiện không có ai đang phát biểu.");

    private static SpeakerRequest RequirePending(MeetingState s, int id)
    {
        var r = s.FindRequest(id) ?? throw NotFound();
        return r.Status == RequestStatus.PendingApproval
            ? r
            : throw new MeetingRuleException($"Yêu cầu này không còn chờ duyệt; người này {StatusLabel(r.Status)}.");
    }

    private static SpeakerRequest RequireWaiting(MeetingState s, int id)
    {
        var r = s.FindRequest(id) ?? throw NotFound();
        return r.Status == RequestStatus.Waiting
            ? r
            : throw new MeetingRuleException($"Người này không ở trong danh sách chờ; người này {StatusLabel(r.Status)}.");
    }

    private static MeetingRuleException NotFound() => new("Không tìm thấy đăng ký phát biểu này.");

    /// <summary>The same person with the same topic is queued once; a second slip for it is almost always a retyped one.</summary>
    private static void RequireNotQueuedTwice(MeetingState s, SpeakerRequest request)
    {
        var twin = s.Requests.Find(r => r.Id != request.Id
            && r.Status is RequestStatus.PendingApproval or RequestStatus.Waiting or RequestStatus.Speaking
            && SamePerson(r.Speaker, request.Speaker)
            && string.Equals(r.Topic, request.Topic, StringComparison.OrdinalIgnoreCase));
        if (twin is not null)
            throw new MeetingRuleException($"{twin.Speaker.Name} đã đăng ký nội dung này ({StatusLabel(twin.Status)}).");
    }

    /// <summary>
    /// Identity keeps every tone mark: «Hương» and «Hường» are different people. Both sides are already cleaned
    /// (<see cref="Clean"/>), so only letter case is ignored.
    /// </summary>
    public static bool SamePerson(SpeakerRef a, SpeakerRef b) =>
        a.PersonId is { } x && b.PersonId is { } y
            ? x == y
            : string.Equals(a.Name, b.Name, StringComparison.OrdinalIgnoreCase)
              && string.Equals(a.Affiliation, b.Affiliation, StringComparison.OrdinalIgnoreCase);

    private static string RequireText(string? value, string what, int maxLength) =>
        Limit(Blank(value), maxLength, what) ?? throw new MeetingRuleException($"Chưa nhập {what}.");

    private static string? Limit(string? value, int maxLength, string what) =>
        value is { Length: var n } && n > maxLength
            ? throw new MeetingRuleException($"Phần {what} dài quá {maxLength} ký tự.")
            : value;

    private static SpeakerRef Clean(SpeakerRef who)
    {
        var name = RequireText(who.Name, "họ và tên người phát biểu", TextLimits.Short);
        return who with
        {
            Name = name,
            Affiliation = Limit(Blank(who.Affiliation), TextLimits.Short, "thôn/tổ dân phố hoặc đơn vị") ?? "",
            Title = Limit(Blank(who.Title), TextLimits.Short, "chức vụ"),
        };
    }

    private static string? Blank(string? value) => UserText.Line(value);

    private static string? BlankText(string? value) => UserText.Text(value);

    public static string StatusLabel(RequestStatus status) => status switch
    {
        RequestStatus.PendingApproval => "đang chờ duyệt",
        RequestStatus.Waiting => "đang chờ phát biểu",
        RequestStatus.Speaking => "đang phát biểu",
        RequestStatus.Spoken => "đã phát biểu",
        RequestStatus.Withdrawn => "đã rút",
        RequestStatus.Skipped => "đã bị bỏ qua",
        RequestStatus.Rejected => "đã bị từ chối",
    };
}
