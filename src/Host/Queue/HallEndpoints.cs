using MeetingAssist.Host.Access;

namespace MeetingAssist.Host.Queue;

/// <summary>The hall's screens: which meeting is on them, putting one there, and what happened on the floor.</summary>
public static class HallEndpoints
{
    public static void MapHall(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/meetings").RequireAntiforgery();
        group.MapGet("/current", async (LiveMeetingService live) =>
            await live.CurrentMeetingIdAsync() is { } id
                ? Results.Ok(new { id })
                : ApiProblems.NotFound("Chưa có hội nghị nào. Hãy tạo hội nghị trong trang Thiết lập."));
        group.MapPost("/{id:int}/on-screen", async (int id, LiveMeetingService live) =>
        {
            await live.PutOnScreenAsync(id);
            return Results.Ok(new { id });
        }).RequireAuthorization(p => p.RequireRole(Roles.Admin, Roles.Chair));
        group.MapGet("/{id:int}/turns", async (int id, LiveMeetingService live) => Results.Ok(await live.TurnsAsync(id)))
            .RequireAuthorization(p => p.RequireRole(Roles.All));
    }
}
