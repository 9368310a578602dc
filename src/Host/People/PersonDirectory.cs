using MeetingAssist.Host.Data;
using MeetingAssist.Host.Queue;
using Microsoft.EntityFrameworkCore;

namespace MeetingAssist.Host.People;

public static class PersonDirectory
{
    /// <summary>Walk-in citizens need no account: the same folded name and hamlet is taken to be the same person.</summary>
    public static async Task<Person> FindOrCreateCitizenAsync(MeetingDbContext db, string name, string? affiliation)
    {
        var cleanName = name.Trim().Normalize(System.Text.NormalizationForm.FormC);
        var cleanAffiliation = (affiliation ?? "").Trim().Normalize(System.Text.NormalizationForm.FormC);
        var key = TextSearch.Fold($"{cleanName} {cleanAffiliation}");
        var existing = await db.People.FirstOrDefaultAsync(p => p.SearchKey == key);
        if (existing is not null) return existing;
        var person = new Person { Name = cleanName, Affiliation = cleanAffiliation, Role = PersonRole.Citizen };
        person.RefreshSearchKey();
        db.People.Add(person);
        await db.SaveChangesAsync();
        return person;
    }

    /// <summary>Accent-insensitive search: every word typed must appear in the name or hamlet.</summary>
    public static async Task<List<Person>> SearchAsync(MeetingDbContext db, string? query, int limit)
    {
        var words = TextSearch.Fold(query).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        IQueryable<Person> q = db.People.AsNoTracking();
        foreach (var word in words)
            q = q.Where(p => p.SearchKey.Contains(word));
        return await q.OrderBy(p => p.Name).Take(limit).ToListAsync();
    }
}
