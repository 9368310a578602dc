using System.Collections.Immutable;
using MeetingAssist.Host.Access;

namespace MeetingAssist.Host.Queue;

/// <summary>Words for a logged action, as the undo button and refusals show it.</summary>
public static class ActionLabels
{
    public static string Describe(LoggedAction action, MeetingState s, ImmutableList<FloorTurnRecord> turns)
    {
        string NameOf(int requestId) => s.FindRequest(requestId)?.Speaker.Name ?? $"#{requestId}";
        // A turn's id is the sequence number of the action that opened it.
        string OpenedTurn() => turns.Find(t => t.TurnId == action.Seq)?.Speaker.Name ?? "";
        string EndedTurn() => turns.FindLast(t => t.StartedAtMs <= action.AtMs && t.EndedAtMs is not null)?.Speaker.Name ?? "";
        return action.Command switch
        {
            StartMeeting => "Bắt đầu hội nghị",
            EndMeeting => "Kết thúc hội nghị",
            RegisterSpeaker c => $"Đăng ký phát biểu: {c.Speaker.Name}",
            ApproveRequest c => $"Duyệt đăng ký: {NameOf(c.RequestId)}",
            RejectRequest c => $"Từ chối đăng ký: {NameOf(c.RequestId)}",
            MoveRequest c => $"Đổi thứ tự: {NameOf(c.RequestId)}",
            GiveFloor c => $"Mời phát biểu: {(c.RequestId is { } id ? NameOf(id) : OpenedTurn())}",
            ChairTakesFloor => "Chủ trì phát biểu",
            CallResponder c => $"Mời trả lời: {c.Responder.Name}",
            GiveFollowUp c => $"Mời phản hồi: {(c.RequestId is { } id ? NameOf(id) : OpenedTurn())}",
            PauseTimer => "Tạm dừng đồng hồ",
            ResumeTimer => "Tiếp tục đồng hồ",
            ExtendTime c => $"Gia hạn {c.Seconds} giây",
            EndTurn => $"Kết thúc lượt: {EndedTurn()}",
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

    /// <summary>Who acted, in words: the role of the account ("Bàn đăng ký"), else the account name.</summary>
    public static string ActorLabel(LoggedAction action) =>
        action.ActorRole is { } role && Roles.All.Contains(role) ? Roles.Label(role) : action.Actor ?? "Hệ thống";

    /// <summary>" của Bàn đăng ký", for sentences about someone else's action.</summary>
    public static string By(LoggedAction action) => $" của {ActorLabel(action)}";
}
