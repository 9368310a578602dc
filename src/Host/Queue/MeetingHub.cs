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

    /// <summary>What changed since the previous push, to screens that asked for changes (<c>?changes=1</c>).</summary>
    Task Changes(SnapshotChanges changes);

    /// <summary>Another meeting was put on the hall's screens (sent to screens that follow the hall).</summary>
    Task OnScreen(int meetingId);
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

public sealed record RegisterInput(int? PersonId, string? Name, string? Affiliation, string? Topic, string? Field, string? Note, int? PetitionId = null);

/// <summary>
/// The live API. Anyone may watch a meeting; commands need the chair's or the desk's role.
/// Every command carries a key the client made for it: a retry after a cut is answered, not applied twice.
/// State lives in <see cref="LiveMeetingService"/>, never here.
/// </summary>
public sealed class MeetingHub(LiveMeetingService live) : Hub<IMeetingClient>
{
    private const string JoinedGroupKey = "joined-group";
    private const string JoinTimesKey = "join-times";
    // A screen joins once per connection and again after a switch; more than this is a client looping or flooding.
    private const int JoinsPerWindow = 10;
    private static readonly TimeSpan JoinWindow = TimeSpan.FromSeconds(10);

    public async Task<MeetingSnapshot> Join(int meetingId)
    {
        ThrottleJoins();
        var staff = IsStaff();
        // The pages ask for changes only (a push is then the few properties that changed, not the whole meeting);
        // other clients keep receiving whole snapshots.
        var changesOnly = Context.GetHttpContext()?.Request.Query["changes"].ToString() == "1";
        var group = (staff, changesOnly) switch
        {
            (true, false) => LiveMeetingService.StaffGroup(meetingId),
            (false, false) => LiveMeetingService.PublicGroup(meetingId),
            (true, true) => SnapshotPush.StaffChangesGroup(meetingId),
            (false, true) => SnapshotPush.PublicChangesGroup(meetingId),
        };
        // A screen watches one meeting at a time: switching meetings leaves the previous one's pushes behind.
        if (Context.Items.TryGetValue(JoinedGroupKey, out var previous) && previous is string old && old != group)
            await Groups.RemoveFromGroupAsync(Context.ConnectionId, old);
        Context.Items[JoinedGroupKey] = group;
        // In the group first, then the snapshot: a push published meanwhile is then either in the snapshot or
        // received after it, never lost between the two.
        await Groups.AddToGroupAsync(Context.ConnectionId, group);
        return await Guard(() => live.SnapshotAsync(meetingId, staff));
    }

    /// <summary>Joins the meeting on the hall's screens and follows it: <see cref="IMeetingClient.OnScreen"/> says when it changes.</summary>
    public async Task<MeetingSnapshot> JoinHall()
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, LiveMeetingService.HallGroup);
        var id = await live.CurrentMeetingIdAsync() ?? throw new HubException("Chưa có hội nghị nào. Hãy tạo hội nghị trong trang Thiết lập.");
        return await Join(id);
    }

    /// <summary>Each join returns a whole snapshot; a client asking again and again would spend the server's time on itself, so it is closed.</summary>
    private void ThrottleJoins()
    {
        var now = Environment.TickCount64;
        if (Context.Items[JoinTimesKey] is not Queue<long> times) Context.Items[JoinTimesKey] = times = new Queue<long>();
        while (times.Count > 0 && now - times.Peek() > JoinWindow.TotalMilliseconds) times.Dequeue();
        if (times.Count >= JoinsPerWindow)
        {
            // Refusing each call would still cost the server a reply per call; a client this far past the limit is
            // closed instead, and a real screen simply reconnects a second later.
            Context.Abort();
            throw new HubException("Màn hình này kết nối lại quá nhiều lần. Hãy chờ vài giây rồi tải lại trang.");
        }
        times.Enqueue(now);
    }

    /// <summary>The server clock, for screens to correct their own offset.</summary>
    public long Now() => live.NowMs;

    [RequiresRole(Roles.Chair, Roles.Admin)] public Task<int> StartMeeting(int meetingId, string? key) => Run(meetingId, key, new StartMeeting());
    [RequiresRole(Roles.Chair, Roles.Admin)] public Task<int> EndMeeting(int meetingId, string? key) => Run(meetingId, key, new EndMeeting());
    [RequiresRole(Roles.Chair, Roles.Admin)] public Task<int> GiveFloor(int meetingId, string? key, int? requestId) => Run(meetingId, key, new GiveFloor(requestId));
    [RequiresRole(Roles.Chair, Roles.Admin)] public Task<int> GiveFollowUp(int meetingId, string? key, int? requestId) => Run(meetingId, key, new GiveFollowUp(requestId));
    [RequiresRole(Roles.Chair, Roles.Admin)] public Task<int> PauseTimer(int meetingId, string? key) => Run(meetingId, key, new PauseTimer());
    [RequiresRole(Roles.Chair, Roles.Admin)] public Task<int> ResumeTimer(int meetingId, string? key) => Run(meetingId, key, new ResumeTimer());
    [RequiresRole(Roles.Chair, Roles.Admin)] public Task<int> ExtendTime(int meetingId, string? key, int seconds) => Run(meetingId, key, new ExtendTime(seconds));
    [RequiresRole(Roles.Chair, Roles.Admin)] public Task<int> EndTurn(int meetingId, string? key) => Run(meetingId, key, new EndTurn());
    [RequiresRole(Roles.Chair, Roles.Admin)] public Task<int> MoveRequest(int meetingId, string? key, int requestId, int newPosition) => Run(meetingId, key, new MoveRequest(requestId, newPosition));
    [RequiresRole(Roles.Chair, Roles.Admin)] public Task<int> SkipRequest(int meetingId, string? key, int requestId) => Run(meetingId, key, new SkipRequest(requestId));
    [RequiresRole(Roles.Chair, Roles.Admin, Roles.Desk)] public Task<int> RequeueRequest(int meetingId, string? key, int requestId) => Run(meetingId, key, new RequeueRequest(requestId));
    [RequiresRole(Roles.Chair, Roles.Admin, Roles.Desk)] public Task<int> WithdrawRequest(int meetingId, string? key, int requestId) => Run(meetingId, key, new WithdrawRequest(requestId));
    [RequiresRole(Roles.Chair, Roles.Admin)] public Task<int> CloseList(int meetingId, string? key) => Run(meetingId, key, new CloseList());
    [RequiresRole(Roles.Chair, Roles.Admin)] public Task<int> ReopenList(int meetingId, string? key) => Run(meetingId, key, new ReopenList());
    [RequiresRole(Roles.Chair, Roles.Admin)] public Task<int> NextAgendaItem(int meetingId, string? key) => Run(meetingId, key, new NextAgendaItem());
    /// <summary>Undoes the caller's own latest action (the desk's Undo never touches the chair's work, nor the reverse).</summary>
    [RequiresRole(Roles.Chair, Roles.Admin, Roles.Desk)] public Task<int> Undo(int meetingId, string? key) => Run(meetingId, key, new Undo());
    /// <summary>The chair's explicit choice to undo another person's latest action, named by its sequence number.</summary>
    [RequiresRole(Roles.Chair, Roles.Admin)] public Task<int> UndoOf(int meetingId, string? key, int seq) => Run(meetingId, key, new Undo(seq));
    [RequiresRole(Roles.Chair, Roles.Admin)] public Task<int> SetCaptions(int meetingId, string? key, bool enabled) => Run(meetingId, key, new SetCaptions(enabled));
    [RequiresRole(Roles.Chair, Roles.Admin, Roles.Desk)] public Task<int> RejectRequest(int meetingId, string? key, int requestId) => Run(meetingId, key, new RejectRequest(requestId));

    [RequiresRole(Roles.Chair, Roles.Admin)]
    public async Task<int> PutOnScreen(int meetingId, string? key)
    {
        await Guard(async () => { await live.PutOnScreenAsync(meetingId); return 0; });
        return (await Guard(() => live.SnapshotAsync(meetingId, true))).Version;
    }

    [RequiresRole(Roles.Chair, Roles.Admin)]
    public async Task<int> ChairTakesFloor(int meetingId, string? key)
    {
        var snapshot = await Guard(() => live.SnapshotAsync(meetingId, true));
        var chair = new SpeakerRef(null, Fallback(snapshot.Meeting.ChairName, "Chủ trì hội nghị"), snapshot.Meeting.OrganisingBody,
            PersonRole.Chair, NullIfEmpty(snapshot.Meeting.ChairTitle));
        return await Run(meetingId, key, new ChairTakesFloor(chair));
    }

    /// <summary>A responder of this meeting answers the statements the chair picked (null: those since the last answer).</summary>
    [RequiresRole(Roles.Chair, Roles.Admin)]
    public Task<int> CallResponder(int meetingId, string? key, int personId, int[]? requestIds) =>
        Run(meetingId, key, new CallResponder(new SpeakerRef(personId, "", "", PersonRole.Responder), requestIds is { Length: > 0 } ? requestIds : null));

    /// <summary>Desk registration from a paper slip: a known person by id, or by name and hamlet (found exactly, or created with the registration).</summary>
    [RequiresRole(Roles.Chair, Roles.Admin, Roles.Desk)]
    public Task<int> Register(int meetingId, string? key, RegisterInput? input)
    {
        if (input is null) throw new HubException("Thiếu thông tin đăng ký phát biểu.");
        var speaker = new SpeakerRef(input.PersonId, input.Name ?? "", input.Affiliation ?? "", PersonRole.Citizen);
        var petition = input.PetitionId is { } petitionId ? new PetitionRef(petitionId, "", "") : null;
        return Run(meetingId, key, new RegisterSpeaker(speaker, input.Topic ?? "", input.Field, input.Note, petition));
    }

    /// <summary>Approves a phone request, linking it to the known person with exactly that name and hamlet, or a new one.</summary>
    [RequiresRole(Roles.Chair, Roles.Admin, Roles.Desk)]
    public Task<int> ApproveRequest(int meetingId, string? key, int requestId) => Run(meetingId, key, new ApproveRequest(requestId, null));

    private async Task<int> Run(int meetingId, string? key, MeetingCommand command) =>
        await Guard(() => live.ExecuteAsync(meetingId, command, CurrentActor(), key));

    private Actor CurrentActor() =>
        new(Context.User?.Identity?.Name, Roles.All.FirstOrDefault(r => Context.User?.IsInRole(r) == true));

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
