using MeetingAssist.Host.Common;
using MeetingAssist.Host.Data;
using Microsoft.EntityFrameworkCore;

namespace MeetingAssist.Host.People;

public static class PersonDirectory
{
    /// <summary>
    /// Walk-in citizens need no account: the same name and hamlet, every tone mark included, is the same person
    /// («Hương» and «Hường» are two people). Accent-folded matching is only for search suggestions, where the clerk
    /// chooses. The new person is added to the caller's transaction, not committed here. Callers have refused an
    /// empty name already, with their own message.
    /// </summary>
    public static async Task<Person> FindOrAddCitizenAsync(MeetingDbContext db, string name, string? affiliation)
    {
        var cleanName = UserText.Line(name) ?? throw new ArgumentException("A person needs a name.", nameof(name));
        var cleanAffiliation = UserText.Line(affiliation) ?? "";
        var key = TextSearch.Fold($"{cleanName} {cleanAffiliation}");
        var candidates = await db.People.Where(p => p.SearchKey == key && !p.Archived).ToListAsync();
        var existing = candidates.FirstOrDefault(p => UserText.SameWords(p.Name, cleanName) && UserText.SameWords(p.Affiliation, cleanAffiliation));
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
        IQueryable<Person> q = db.People.AsNoTracking().Where(p => !p.Archived);
        foreach (var word in words)
            q = q.Where(p => p.SearchKey.Contains(word));
        return await q.OrderBy(p => p.Name).Take(limit).ToListAsync();
    }
}
