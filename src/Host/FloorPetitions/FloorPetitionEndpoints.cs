using System.Security.Claims;
using MeetingAssist.Host.Access;
using MeetingAssist.Host.Data;
using MeetingAssist.Host.Meetings;
using MeetingAssist.Host.Petitions;
using MeetingAssist.Host.Queue;
using Microsoft.EntityFrameworkCore;

namespace MeetingAssist.Host.FloorPetitions;

/// <summary>A petition as the chair's panel shows it, with the marks its state still allows.</summary>
public sealed record TurnPetition(int Id, string Petitioner, string Content, PetitionStatus Status, string StatusLabel,
    IReadOnlyList<PetitionStatus> MarksAllowed);

/// <summary>A recent statement the chair may switch the panel to.</summary>
public sealed record TurnChoice(int TurnId, string SpeakerName, string StartedAt);

/// <param name="Recent">The latest statements, newest first (the first is the one the panel shows by default).</param>
public sealed record TurnPetitions(
    int TurnId, string SpeakerName, string SpeakerAffiliation, string Topic, long StartedAtMs, string StartedAt, bool Current,
    TurnPetition? Referenced, TurnPetition? Recorded, IReadOnlyList<TurnChoice> Recent);

public sealed record MarkInput(int? PetitionId, PetitionStatus? Mark, string? Key);

public sealed record RecordInput(string? Key);

/// <summary>The petitions at the meeting: the desk's picker, and the chair's panel, marks and new petitions from a statement turn.</summary>
public static class FloorPetitionEndpoints
{
    /// <summary>The three outcomes a chair marks at the meeting, in the order the panel shows them.</summary>
    public static readonly PetitionStatus[] Marks = [PetitionStatus.AnsweredAtMeeting, PetitionStatus.WrittenAnswerNeeded, PetitionStatus.ForwardedUp];

    internal const string NoStatement = "Chưa có lượt phát biểu nào của người dân trong hội nghị này.";

    public static void AddFloorPetitions(this IServiceCollection services) =>
        services.AddSingleton<IPetitionReferences, FloorPetitionReferences>();

    public static void MapFloorPetitions(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/meetings/{id:int}").RequireAntiforgery();
        group.MapGet("/floor-petitions", Search).RequireAuthorization(p => p.RequireRole(Roles.Desk, Roles.Chair, Roles.Admin));
        group.MapGet("/turn-petitions", Panel).RequireAuthorization(p => p.RequireRole(Roles.Chair, Roles.Admin));
        group.MapPost("/turn-petitions/{turnId:int}/mark", FloorPetitionMarks.MarkAsync).RequireAuthorization(p => p.RequireRole(Roles.Chair, Roles.Admin));
        group.MapPost("/turn-petitions/{turnId:int}/record", FloorPetitionRecord.RecordAsync).RequireAuthorization(p => p.RequireRole(Roles.Chair, Roles.Admin));
    }

    private static async Task<IResult> Search(int id, string? q, MeetingDbContext db)
    {
        if (!await db.Meetings.AnyAsync(m => m.Id == id)) return ApiProblems.NotFound("Không tìm thấy hội nghị.");
        if (q is { Length: > 200 }) return ApiProblems.BadRequest("Từ khóa tìm kiếm không quá 200 ký tự.");
        return Results.Ok(await FloorPetitionReferences.SearchAsync(db, id, q));
    }

    private static async Task<IResult> Panel(int id, int? turnId, LiveMeetingService live, MeetingDbContext db, HallClock hall)
    {
        var turn = await StatementTurn.FindAsync(live, id, turnId);
        if (turn is null)
            return turnId is null ? Results.Ok((TurnPetitions?)null) : ApiProblems.NotFound("Không tìm thấy lượt phát biểu này của người dân.");
        return Results.Ok(await ViewAsync(db, turn, hall));
    }

    internal static async Task<TurnPetitions> ViewAsync(MeetingDbContext db, StatementTurn turn, HallClock hall)
    {
        var referenced = turn.Referenced is { } r ? await db.Set<Petition>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == r.Id) : null;
        var recorded = await RecordedAsync(db, turn);
        return new TurnPetitions(turn.Turn.TurnId, turn.Turn.Speaker.Name, turn.Turn.Speaker.Affiliation, turn.Topic, turn.Turn.StartedAtMs,
            turn.StartedAt(hall), turn.Current, referenced is null ? null : Item(referenced), recorded is null ? null : Item(recorded),
            turn.Recent.Select(t => new TurnChoice(t.TurnId, t.Speaker.Name, StatementTurn.StartedAt(hall, t))).ToList());
    }

    /// <summary>The petition raised from this turn, by the chair or from a passage of its transcript; the first if several.</summary>
    internal static Task<Petition?> RecordedAsync(MeetingDbContext db, StatementTurn turn) =>
        db.Set<Petition>().AsNoTracking().Where(p => p.MeetingId == turn.MeetingId && p.FloorTurnId == turn.Turn.TurnId)
            .OrderBy(p => p.Id).FirstOrDefaultAsync();

    private static TurnPetition Item(Petition p) => new(p.Id, p.Petitioner, FloorPetitionReferences.Summary(p.Content), p.Status,
        PetitionLabels.Of(p.Status), Marks.Where(m => PetitionSteps.PathTo(p.Status, m) is { Count: > 0 }).ToList());

    /// <summary>A page's key for one command, in the shape of the live meeting's command keys (<c>MA.commandKey()</c>); none is allowed.</summary>
    internal static bool ValidKey(string? key) =>
        key is null || (key.Length is > 0 and <= 64 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'));

    internal const string BadKey = "Mã thao tác không hợp lệ. Hãy tải lại trang rồi thử lại.";

    internal const string KeyUsed = "Mã thao tác này đã dùng cho một thao tác khác. Hãy tải lại trang rồi thử lại.";

    /// <summary>The change already stored under this key (the petition and the state it led to): the command was applied before.</summary>
    internal static async Task<(int PetitionId, PetitionStatus To)?> DoneUnderKeyAsync(MeetingDbContext db, string? key)
    {
        if (key is null) return null;
        var row = await db.Set<PetitionHistory>().AsNoTracking().Where(h => h.CommandKey == key).Select(h => new { h.PetitionId, h.To }).FirstOrDefaultAsync();
        return row is null ? null : (row.PetitionId, row.To);
    }

    internal static string UserName(ClaimsPrincipal user) => user.Identity?.Name ?? "?";
}
