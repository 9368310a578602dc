using MeetingAssist.Host.Data;
using MeetingAssist.Host.Meetings;
using MeetingAssist.Host.Petitions.Import;
using Microsoft.EntityFrameworkCore;

namespace MeetingAssist.Host.Petitions;

/// <summary>
/// Saves an imported petition list into the registry: every row or none (one transaction), each with a history row
/// saying it came from a file, so a list of last year's petitions becomes tracked records at once.
/// </summary>
public sealed class RegistryImportSink(IDbContextFactory<MeetingDbContext> dbFactory, TimeProvider time, HallClock hall) : IPetitionImportSink
{
    public async Task<int> SaveAllAsync(IReadOnlyList<ImportedPetition> rows, string actor, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;
        var today = PetitionDeadlines.Today(time, hall);
        var petitions = rows.Select(r => new Petition
        {
            Petitioner = r.Name.Length > 0 ? r.Name : "Cử tri (không ghi tên)",
            Address = r.Address,
            Content = r.Content,
            Field = r.Field,
            // A list titled "ý kiến, kiến nghị" without a kind column holds petitions that wait for an answer.
            Kind = r.Kind == ImportedPetitionKind.Opinion ? PetitionKind.Opinion : PetitionKind.Request,
            Source = PetitionSource.ExcelImport,
            Department = r.Department.Length > 0 ? r.Department : null,
            Status = r.Department.Length > 0 ? PetitionStatus.Assigned : PetitionStatus.New,
            StaffNotes = r.Note,
            // The list's own date says when the office received the row; a row without one was received today.
            ReceivedOn = r.Date ?? today,
            CreatedUtc = now,
            UpdatedUtc = now,
        }).ToList();
        db.Set<Petition>().AddRange(petitions);
        await db.SaveChangesAsync(ct);
        db.Set<PetitionHistory>().AddRange(petitions.Select((p, i) => new PetitionHistory
        {
            PetitionId = p.Id, AtUtc = now, By = actor, From = PetitionStatus.New, To = p.Status,
            Note = $"Nhập từ tệp, dòng {rows[i].RowNumber}" + (p.Department is null ? "." : $"; giao {p.Department}."),
        }));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return petitions.Count;
    }

    public async Task<IReadOnlyList<ExistingPetition>> ExistingAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Set<Petition>().AsNoTracking()
            .Select(p => new ExistingPetition(p.Id.ToString(), p.Petitioner, p.Address, p.Content)).ToListAsync(ct);
    }
}
