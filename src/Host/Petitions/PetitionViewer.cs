using System.Security.Claims;
using MeetingAssist.Host.Access;
using MeetingAssist.Host.Data;
using Microsoft.EntityFrameworkCore;

namespace MeetingAssist.Host.Petitions;

/// <summary>Who is looking: office staff see the whole registry; a department account only what is assigned to its department.</summary>
public sealed record PetitionViewer(string Name, bool IsDepartment, string? Department)
{
    /// <summary>Roles that read the registry.</summary>
    public static readonly string[] Readers = [Roles.Admin, Roles.Chair, Roles.Desk, Roles.Secretary, Roles.Department];

    /// <summary>Roles that collect, classify and assign petitions (the office).</summary>
    public static readonly string[] Office = [Roles.Admin, Roles.Desk, Roles.Secretary];

    public static async Task<PetitionViewer> OfAsync(ClaimsPrincipal user, MeetingDbContext db)
    {
        var name = user.Identity?.Name ?? "?";
        if (!user.IsInRole(Roles.Department)) return new PetitionViewer(name, false, null);
        var id = Sessions.UserIdOf(user);
        var department = await db.Set<DepartmentAccount>().Where(d => d.UserId == id).Select(d => d.Department).FirstOrDefaultAsync();
        return new PetitionViewer(name, true, department);
    }

    public IQueryable<Petition> Visible(IQueryable<Petition> petitions) =>
        IsDepartment ? petitions.Where(p => Department != null && p.Department == Department) : petitions;
}
