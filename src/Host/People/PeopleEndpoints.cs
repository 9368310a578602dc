using MeetingAssist.Host.Access;
using MeetingAssist.Host.Common;
using MeetingAssist.Host.Data;
using Microsoft.EntityFrameworkCore;

namespace MeetingAssist.Host.People;

public sealed record PersonDto(int Id, string Name, string Affiliation, string Role, string RoleLabel, string Title);
public sealed record PersonInput(string? Name, string? Affiliation, PersonRole? Role, string? Title);

public static class PeopleEndpoints
{
    public static void MapPeople(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/people").RequireAntiforgery();
        group.MapGet("/", async (string? q, MeetingDbContext db) =>
                (await PersonDirectory.SearchAsync(db, q, 20)).Select(ToDto))
            .RequireAuthorization(p => p.RequireRole(Roles.All));
        group.MapPost("/", Create).RequireAuthorization(p => p.RequireRole(Roles.Admin));
        group.MapPut("/{id:int}", Update).RequireAuthorization(p => p.RequireRole(Roles.Admin));
        group.MapDelete("/{id:int}", Archive).RequireAuthorization(p => p.RequireRole(Roles.Admin));
    }

    /// <summary>People are archived, never erased: turns and requests that name them stay exactly as they were.</summary>
    private static async Task<IResult> Archive(int id, MeetingDbContext db, IPeopleChanges live)
    {
        var person = await db.People.FindAsync(id);
        if (person is null) return ApiProblems.NotFound("Không tìm thấy người này.");
        person.Archived = true;
        var responderOf = await db.MeetingResponders.Where(r => r.PersonId == id).ToListAsync();
        db.MeetingResponders.RemoveRange(responderOf);
        await db.SaveChangesAsync();
        if (responderOf.Count > 0) await live.PeopleChangedAsync();
        return Results.NoContent();
    }

    public static PersonDto ToDto(Person p) => new(p.Id, p.Name, p.Affiliation, p.Role.ToString(), PersonRoleLabels.Label(p.Role), p.Title);

    private static async Task<IResult> Create(PersonInput input, MeetingDbContext db, IPeopleChanges live)
    {
        var person = new Person { Name = "" };
        if (Apply(input, person) is { } problem) return problem;
        db.People.Add(person);
        await db.SaveChangesAsync();
        if (person.Role == PersonRole.Responder) await live.PeopleChangedAsync();
        return Results.Ok(ToDto(person));
    }

    private static async Task<IResult> Update(int id, PersonInput input, MeetingDbContext db, IPeopleChanges live)
    {
        var person = await db.People.FindAsync(id);
        if (person is null) return ApiProblems.NotFound("Không tìm thấy người này.");
        var wasResponder = person.Role == PersonRole.Responder;
        if (Apply(input, person) is { } problem) return problem;
        await db.SaveChangesAsync();
        if (wasResponder || person.Role == PersonRole.Responder) await live.PeopleChangedAsync();
        return Results.Ok(ToDto(person));
    }

    private static IResult? Apply(PersonInput input, Person person)
    {
        var name = UserText.Line(input.Name);
        if (string.IsNullOrEmpty(name)) return ApiProblems.BadRequest("Chưa nhập họ và tên.");
        if (name.Length > TextLimits.Short || (input.Affiliation?.Length ?? 0) > TextLimits.Short || (input.Title?.Length ?? 0) > TextLimits.Short)
            return ApiProblems.BadRequest($"Họ tên, đơn vị và chức vụ không quá {TextLimits.Short} ký tự.");
        if (input.Role is { } r && !Enum.IsDefined(r)) return ApiProblems.BadRequest("Vai trò không hợp lệ.");
        person.Name = name;
        person.Affiliation = UserText.Line(input.Affiliation) ?? "";
        person.Role = input.Role ?? PersonRole.Citizen;
        person.Title = UserText.Line(input.Title) ?? "";
        person.RefreshSearchKey();
        return null;
    }
}
