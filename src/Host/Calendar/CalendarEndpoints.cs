using System.Globalization;
using System.Security.Claims;
using MeetingAssist.Host.Access;
using MeetingAssist.Host.Common;
using MeetingAssist.Host.Data;
using MeetingAssist.Host.Petitions;
using Microsoft.EntityFrameworkCore;

namespace MeetingAssist.Host.Calendar;

public sealed record DayView(DateOnly Date, string Weekday, bool IsWorkingDay, string Reason, bool IsOverride);

public sealed record YearView(int Year, DateOnly Tet, int? LeapMonth, IReadOnlyList<DayView> Days);

public sealed record OverrideInput(bool? IsDayOff, string? Reason);

public sealed record OverrideResult(DayView Day, IReadOnlyList<MovedDeadline> Moved);

/// <summary>The year's days off and the admin's overrides; a change recomputes running deadlines and says which moved.</summary>
public static class CalendarEndpoints
{
    public static void MapCalendar(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/calendar").RequireAntiforgery();
        group.MapGet("/{year:int}", Year).RequireAuthorization(p => p.RequireRole(PetitionViewer.Readers));
        group.MapGet("/deadline", Compute).RequireAuthorization(p => p.RequireRole(PetitionViewer.Readers));
        group.MapPut("/overrides/{date}", Save).RequireAuthorization(p => p.RequireRole(Roles.Admin));
        group.MapDelete("/overrides/{date}", Remove).RequireAuthorization(p => p.RequireRole(Roles.Admin));
    }

    private static async Task<IResult> Year(int year, CalendarStore store)
    {
        if (year is < 1901 or > 2099) return ApiProblems.BadRequest("Năm phải từ 1901 đến 2099.");
        var calendar = await store.CurrentAsync();
        var days = calendar.ExceptionsOf(year).Select(d => View(d, calendar)).ToList();
        return Results.Ok(new YearView(year, LunarCalendar.Vietnam.NewYear(year), LunarCalendar.Vietnam.LeapMonthOf(year), days));
    }

    private static async Task<IResult> Compute(string? from, int? days, DayCountKind? kind, bool? before, CalendarStore store)
    {
        if (ParseDate(from) is not { } day) return ApiProblems.BadRequest($"Ngày bắt đầu không đúng dạng {DayText.Expected}.");
        if (days is not (>= 0 and <= 365)) return ApiProblems.BadRequest("Số ngày phải từ 0 đến 365.");
        var calendar = await store.CurrentAsync();
        var count = kind ?? DayCountKind.Working;
        var rule = count == DayCountKind.Working ? "Hạn tính theo ngày làm việc" : "Hạn tính theo ngày";
        return Results.Ok(before == true ? calendar.Before(day, days.Value, count, rule) : calendar.After(day, days.Value, count, rule));
    }

    private static async Task<IResult> Save(string date, OverrideInput input, ClaimsPrincipal user, MeetingDbContext db, CalendarStore store, TimeProvider time)
    {
        if (ParseDate(date) is not { } day) return ApiProblems.BadRequest($"Ngày không đúng dạng {DayText.Expected}.");
        var reason = UserText.Line(input.Reason);
        if (input.IsDayOff is not { } dayOff) return ApiProblems.BadRequest("Hãy chọn nghỉ hay làm việc.");
        if (reason is null or { Length: > 300 }) return ApiProblems.BadRequest("Hãy ghi căn cứ điều chỉnh (ví dụ số văn bản), không quá 300 ký tự.");
        var row = await db.Set<CalendarOverrideRow>().FirstOrDefaultAsync(o => o.Date == day);
        if (row is null) db.Add(new CalendarOverrideRow { Date = day, IsDayOff = dayOff, Reason = reason });
        else
        {
            row.IsDayOff = dayOff;
            row.Reason = reason;
        }
        await db.SaveChangesAsync();
        return Results.Ok(await AfterChangeAsync(day, user, db, store, time));
    }

    private static async Task<IResult> Remove(string date, ClaimsPrincipal user, MeetingDbContext db, CalendarStore store, TimeProvider time)
    {
        if (ParseDate(date) is not { } day) return ApiProblems.BadRequest($"Ngày không đúng dạng {DayText.Expected}.");
        var row = await db.Set<CalendarOverrideRow>().FirstOrDefaultAsync(o => o.Date == day);
        if (row is null) return ApiProblems.NotFound("Ngày này không có điều chỉnh.");
        db.Remove(row);
        await db.SaveChangesAsync();
        return Results.Ok(await AfterChangeAsync(day, user, db, store, time));
    }

    private static async Task<OverrideResult> AfterChangeAsync(DateOnly day, ClaimsPrincipal user, MeetingDbContext db, CalendarStore store, TimeProvider time)
    {
        store.Invalidate();
        var calendar = await store.CurrentAsync();
        var moved = await PetitionDeadlines.RecomputeStoredAsync(db, calendar, user.Identity?.Name ?? "?", time.GetUtcNow().UtcDateTime, day);
        return new OverrideResult(View(calendar.Describe(day), calendar), moved);
    }

    private static DayView View(DayStatus d, WorkingCalendar calendar) =>
        new(d.Date, WorkingCalendar.Weekday(d.Date), d.IsWorkingDay, d.Reason, calendar.Overrides.Any(o => o.Date == d.Date));

    private static DateOnly? ParseDate(string? text) => DayText.Parse(text);
}
