using MeetingAssist.Host.Access;
using MeetingAssist.Host.Common;
using MeetingAssist.Host.Data;
using Microsoft.EntityFrameworkCore;

namespace MeetingAssist.Host.Petitions;

public sealed record TemplateInput(string? Field, string? Text);

public sealed record DepartmentAccountInput(string? Department);

public sealed record DepartmentAccountItem(int UserId, string UserName, string? Department);

/// <summary>Answer templates per field, and which department each department account answers for.</summary>
public static partial class PetitionEndpoints
{
    private static void MapSettings(RouteGroupBuilder group)
    {
        group.MapGet("/templates", async (MeetingDbContext db) =>
                (await db.Set<AnswerTemplate>().AsNoTracking().OrderBy(t => t.Field).ToListAsync()).Select(t => new { t.Field, t.Text }))
            .RequireAuthorization(p => p.RequireRole(PetitionViewer.Readers));
        group.MapPut("/templates", SaveTemplate).RequireAuthorization(p => p.RequireRole(PetitionViewer.Office));
        group.MapGet("/departments", async (MeetingDbContext db) =>
                (await db.Set<Petition>().Where(p => p.Department != null).Select(p => p.Department!).Distinct().ToListAsync())
                .Union(await db.Set<DepartmentAccount>().Select(d => d.Department).Distinct().ToListAsync()).Order().ToList())
            .RequireAuthorization(p => p.RequireRole(PetitionViewer.Readers));
        group.MapGet("/department-accounts", async (MeetingDbContext db) =>
                await db.Users.AsNoTracking().Where(u => u.Role == Roles.Department).OrderBy(u => u.UserName)
                    .Select(u => new DepartmentAccountItem(u.Id, u.UserName,
                        db.Set<DepartmentAccount>().Where(d => d.UserId == u.Id).Select(d => d.Department).FirstOrDefault()))
                    .ToListAsync())
            .RequireAuthorization(p => p.RequireRole(Roles.Admin));
        group.MapPut("/department-accounts/{userId:int}", SaveDepartmentAccount).RequireAuthorization(p => p.RequireRole(Roles.Admin));
    }

    private static async Task<IResult> SaveTemplate(TemplateInput input, MeetingDbContext db)
    {
        var field = UserText.Line(input.Field);
        var text = UserText.Text(input.Text);
        if (field is null or { Length: > 100 }) return ApiProblems.BadRequest("Hãy chọn lĩnh vực (không quá 100 ký tự).");
        if (text is { Length: > 4000 }) return ApiProblems.BadRequest("Mẫu trả lời không quá 4.000 ký tự.");
        var row = await db.Set<AnswerTemplate>().FirstOrDefaultAsync(t => t.Field == field);
        if (text is null)
        {
            if (row is not null) db.Remove(row);
        }
        else if (row is null) db.Add(new AnswerTemplate { Field = field, Text = text });
        else row.Text = text;
        await db.SaveChangesAsync();
        return Results.NoContent();
    }

    private static async Task<IResult> SaveDepartmentAccount(int userId, DepartmentAccountInput input, MeetingDbContext db)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId);
        if (user is null) return ApiProblems.NotFound("Không tìm thấy tài khoản.");
        if (user.Role != Roles.Department) return ApiProblems.Conflict("Chỉ tài khoản có vai trò «Phòng ban» mới gắn với một phòng ban.");
        var department = UserText.Line(input.Department);
        if (department is null or { Length: > 200 }) return ApiProblems.BadRequest("Hãy nhập tên phòng ban (không quá 200 ký tự).");
        var row = await db.Set<DepartmentAccount>().FirstOrDefaultAsync(d => d.UserId == userId);
        if (row is null) db.Add(new DepartmentAccount { UserId = userId, Department = department });
        else row.Department = department;
        await db.SaveChangesAsync();
        return Results.Ok(new DepartmentAccountItem(user.Id, user.UserName, department));
    }
}
