using MeetingAssist.Host.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MeetingAssist.Host.Calendar;

/// <summary>A stored override of one day (<see cref="DayOverride"/>).</summary>
public sealed class CalendarOverrideRow
{
    public int Id { get; set; }
    public DateOnly Date { get; set; }
    public bool IsDayOff { get; set; }
    public required string Reason { get; set; }
}

public sealed class CalendarOverrideConfiguration : IEntityTypeConfiguration<CalendarOverrideRow>
{
    public void Configure(EntityTypeBuilder<CalendarOverrideRow> e)
    {
        e.ToTable("CalendarOverrides");
        e.HasIndex(o => o.Date).IsUnique();
        e.Property(o => o.Reason).HasMaxLength(300);
        e.HasData(CalendarSeed.Year2026.Select((o, i) => new CalendarOverrideRow { Id = i + 1, Date = o.Date, IsDayOff = o.IsDayOff, Reason = o.Reason }));
    }
}

/// <summary>
/// The working calendar with the stored overrides, kept in memory and rebuilt when an override changes (the
/// change goes through <see cref="Invalidate"/>), so deadline arithmetic never reads the database.
/// </summary>
public sealed class CalendarStore(IDbContextFactory<MeetingDbContext> factory)
{
    private volatile WorkingCalendar? _current;

    public async Task<WorkingCalendar> CurrentAsync(CancellationToken ct = default)
    {
        if (_current is { } calendar) return calendar;
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.Set<CalendarOverrideRow>().AsNoTracking().ToListAsync(ct);
        return _current = new WorkingCalendar(rows.Select(r => new DayOverride(r.Date, r.IsDayOff, r.Reason)));
    }

    public void Invalidate() => _current = null;
}
