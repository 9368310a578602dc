using System.Reflection;
using MeetingAssist.Host.Access;
using MeetingAssist.Host.Data;
using MeetingAssist.Host.People;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace MeetingAssist.Host.Queue;

/// <summary>What the server pushes to every screen of a meeting.</summary>
public interface IMeetingClient
{
    Task Snapshot(MeetingSnapshot snapshot);

    /// <summary>A final passage of the live draft transcript (staff only).</summary>
    Task TranscriptSegment(LiveTranscript.LiveSegmentDto segment);

    /// <summary>Live caption of the current speaker: partial, then final.</summary>
    Task Caption(LiveTranscript.CaptionDto caption);
}

/// <summary>Marks a hub method that needs one of the given roles; checked by <see cref="RoleHubFilter"/>.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RequiresRoleAttribute(params string[] roles) : Attribute
{
    public string[] Roles { get; } = roles;
}

/// <summary>Refuses hub calls without the role, with a message a person can read (the built-in one is in English).</summary>
public sealed class RoleHubFilter : IHubFilter
{
    public ValueTask<object?> InvokeMethodAsync(HubInvocationContext context, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var required = context.HubMethod.GetCustomAttribute<RequiresRoleAttribute>();
        var user = context.Context.User;
        if (required is not null && (user is null || !required.Roles.Any(user.IsInRole)))
            throw new HubException("Bạn không có quyền thực hiện thao tác này. Hãy đăng nhập bằng tài khoản phù hợp.");
        return next(context);
    }
}

public sealed record RegisterInput(int? PersonId, string? Name, string? Affiliation, string? Topic, string? Field, string? Note);

/// <summary>
/// The live API. Anyone may watch a meeting; commands need the chair's or the desk's role.
/// State lives in <see cref="LiveMeetingService"/>, never here.
/// </summary>
public sealed class MeetingHub(LiveMeetingService live, IDbContextFactory<MeetingDbContext> dbFactory) : Hub<IMeetingClient>
{
    public async Task<MeetingSnapshot> Join(int meetingId)
    {
        var staff = IsStaff();
        var snapshot = await Guard(() => live.SnapshotAsync(meetingId, staff));
        await Groups.AddToGroupAsync(Context.ConnectionId, staff ? LiveMeetingService.StaffGroup(meetingId) : LiveMeetingService.PublicGroup(meetingId));
        return snapshot;
    }

    /// <summary>The server clock, for screens to correct their own offset.</summary>
    public long Now() => live.NowMs;

    [RequiresRole(Roles.Chair, Roles.Admin)] public Task<int> StartMeeting(int meetingId) => Run(meetingId, new StartMeeting());
    [RequiresRole(Roles.Chair, Roles.Admin)] public Task<int> EndMeeting(int meetingId) => Run(meetingId, new EndMeeting());
    [RequiresRole(Roles.Chair, Roles.Admin)] public Task<int> GiveFloor(int meetingId, int? requestId) => Run(meetingId, new GiveFloor(requestId));
    [RequiresRole(Roles.Chair, Roles.Admin)] public Task<int> GiveFollowUp(int meetingId) => Run(meetingId, new GiveFollowUp());
    [RequiresRole(Roles.Chair, Roles.Admin)] public Task<int> PauseTimer(int meetingId) => Run(meetingId, new PauseTimer());
    [RequiresRole(Roles.Chair, Roles.Admin)] public Task<int> ResumeTimer(int meetingId) => Run(meetingId, new ResumeTimer());
    [RequiresRole(Roles.Chair, Roles.Admin)] public Task<int> ExtendTime(int meetingId, int seconds) => Run(meetingId, new ExtendTime(seconds));
    [RequiresRole(Roles.Chair, Roles.Admin)] public Task<int> EndTurn(int meetingId) => Run(meetingId, new EndTurn());
    [RequiresRole(Roles.Chair, Roles.Admin)] public Task<int> MoveRequest(int meetingId, int requestId, int newPosition) => Run(meetingId, new MoveRequest(requestId, newPosition));
    [RequiresRole(Roles.Chair, Roles.Admin)] public Task<int> SkipRequest(int meetingId, int requestId) => Run(meetingId, new SkipRequest(requestId));
    [RequiresRole(Roles.Chair, Roles.Admin, Roles.Desk)] public Task<int> RequeueRequest(int meetingId, int requestId) => Run(meetingId, new RequeueRequest(requestId));
    [RequiresRole(Roles.Chair, Roles.Admin, Roles.Desk)] public Task<int> WithdrawRequest(int meetingId, int requestId) => Run(meetingId, new WithdrawRequest(requestId));
    [RequiresRole(Roles.Chair, Roles.Admin)] public Task<int> CloseList(int meetingId) => Run(meetingId, new CloseList());
    [RequiresRole(Roles.Chair, Roles.Admin)] public Task<int> ReopenList(int meetingId) => Run(meetingId, new ReopenList());
    [RequiresRole(Roles.Chair, Roles.Admin)] public Task<int> NextAgendaItem(int meetingId) => Run(meetingId, new NextAgendaItem());
    [RequiresRole(Roles.Chair, Roles.Admin)] public Task<int> Undo(int meetingId) => Run(meetingId, new Undo());
    [RequiresRole(Roles.Chair, Roles.Admin)] public Task<int> SetCaptions(int meetingId, bool enabled) => Run(meetingId, new SetCaptions(enabled));
    [RequiresRole(Roles.Chair, Roles.Admin, Roles.Desk)] public Task<int> RejectRequest(int meetingId, int requestId) => Run(meetingId, new RejectRequest(requestId));

    [RequiresRole(Roles.Chair, Roles.Admin)]
    public async Task<int> ChairTakesFloor(int meetingId)
    {
        var snapshot = await Guard(() => live.SnapshotAsync(meetingId, true));
        var chair = new SpeakerRef(null, Fallback(snapshot.Meeting.ChairName, "Chủ trì hội nghị"), snapshot.Meeting.OrganisingBody,
            PersonRole.Chair, NullIfEmpty(snapshot.Meeting.ChairTitle));
        return await Run(meetingId, new ChairTakesFloor(chair));
    }

    [RequiresRole(Roles.Chair, Roles.Admin)]
    public async Task<int> CallResponder(int meetingId, int personId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var person = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == personId)
            ?? throw new HubException("Không tìm thấy người trả lời này.");
        return await Run(meetingId, new CallResponder(person.ToSpeaker()));
    }

    /// <summary>Desk registration from a paper slip: a known person by id, or a new one created on the spot.</summary>
    [RequiresRole(Roles.Chair, Roles.Admin, Roles.Desk)]
    public async Task<int> Register(int meetingId, RegisterInput? input)
    {
        if (input is null) throw new HubException("Thiếu thông tin đăng ký phát biểu.");
        await using var db = await dbFactory.CreateDbContextAsync();
        Person person;
        if (input.PersonId is { } id)
        {
            person = await db.People.FirstOrDefaultAsync(p => p.Id == id) ?? throw new HubException("Không tìm thấy người này trong danh sách.");
        }
        else
        {
            var name = input.Name?.Trim();
            if (string.IsNullOrEmpty(name)) throw new HubException("Chưa nhập họ và tên người phát biểu.");
            if (string.IsNullOrWhiteSpace(input.Topic)) throw new HubException("Chưa nhập nội dung phát biểu.");
            if (name.Length > FloorRules.MaxShortLength || (input.Affiliation?.Length ?? 0) > FloorRules.MaxShortLength)
                throw new HubException($"Họ tên và thôn/tổ dân phố không quá {FloorRules.MaxShortLength} ký tự.");
            person = await PersonDirectory.FindOrCreateCitizenAsync(db, name, input.Affiliation);
        }
        return await Run(meetingId, new RegisterSpeaker(person.ToSpeaker(), input.Topic ?? "", input.Field, input.Note));
    }

    /// <summary>Approves a phone request, linking it to a known person with the same name and hamlet or creating one.</summary>
    [RequiresRole(Roles.Chair, Roles.Admin, Roles.Desk)]
    public async Task<int> ApproveRequest(int meetingId, int requestId)
    {
        var snapshot = await Guard(() => live.SnapshotAsync(meetingId, true));
        var pending = snapshot.Pending?.FirstOrDefault(r => r.RequestId == requestId)
            ?? throw new HubException("Yêu cầu này không còn chờ duyệt.");
        await using var db = await dbFactory.CreateDbContextAsync();
        var person = await PersonDirectory.FindOrCreateCitizenAsync(db, pending.Speaker.Name, pending.Speaker.Affiliation);
        return await Run(meetingId, new ApproveRequest(requestId, person.Id));
    }

    private async Task<int> Run(int meetingId, MeetingCommand command) =>
        await Guard(() => live.ExecuteAsync(meetingId, command, Context.User?.Identity?.Name));

    private static async Task<T> Guard<T>(Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (MeetingRuleException ex)
        {
            throw new HubException(ex.Message);
        }
        catch (Exception ex) when (ex is DbUpdateException or Microsoft.Data.Sqlite.SqliteException)
        {
            // Nothing was applied: the state only changes after the commit succeeds.
            throw new HubException("Không lưu được thao tác vào cơ sở dữ liệu nên thao tác chưa được thực hiện. Hãy thử lại; nếu vẫn lỗi, kiểm tra ổ đĩa của máy chủ.");
        }
    }

    private bool IsStaff() => Roles.All.Any(r => Context.User?.IsInRole(r) == true);

    private static string Fallback(string value, string fallback) => string.IsNullOrWhiteSpace(value) ? fallback : value;

    private static string? NullIfEmpty(string value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
