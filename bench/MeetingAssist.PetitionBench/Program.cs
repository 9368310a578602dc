// The registry at the size of a province's year: 50,000 petitions in the real SQLite schema.
// 1. The list, filtered and paged as the office page asks for it (p50/p95 over 300 queries); baseline in the same run:
//    the same queries after the registry's indexes are dropped.
// 2. Deadline recomputation after a holiday override: the pure pass over 50,000 running deadlines, and the stored one
//    (load, recompute, write the moved rows and their history); baseline: the same pass with an unchanged calendar.
// Usage: dotnet run -c Release --project bench/MeetingAssist.PetitionBench [-- COUNT]
using System.Diagnostics;
using MeetingAssist.Host.Calendar;
using MeetingAssist.Host.Data;
using MeetingAssist.Host.Petitions;
using Microsoft.EntityFrameworkCore;

var count = args.Length > 0 ? int.Parse(args[0]) : 50_000;
var folder = Directory.CreateTempSubdirectory("petition-bench-").FullName;
var options = new DbContextOptionsBuilder<MeetingDbContext>();
DataSetup.Configure(options, Path.Combine(folder, "bench.db"));
var today = new DateOnly(2026, 9, 15);
var calendar = new WorkingCalendar(CalendarSeed.Year2026);
string[] departments = ["Phòng Kinh tế", "Phòng Văn hóa - Xã hội", "Văn phòng HĐND-UBND", "Phòng Tài nguyên và Môi trường", "Công an xã", "Ban Quản lý dự án"];
var fields = PetitionLabels.CommonFields;

await using (var db = new MeetingDbContext(options.Options))
{
    await db.Database.MigrateAsync();
    var random = new Random(11);
    var sw = Stopwatch.StartNew();
    for (var batch = 0; batch < count; batch += 5000)
    {
        for (var i = batch; i < Math.Min(count, batch + 5000); i++)
        {
            var status = (PetitionStatus)random.Next(0, 7);
            var p = new Petition
            {
                Petitioner = $"Công dân số {i}", Address = $"Thôn {i % 40}", Content = $"Kiến nghị số {i} về {fields[i % fields.Length]}",
                Kind = random.Next(4) == 0 ? PetitionKind.Opinion : PetitionKind.Request, Field = fields[random.Next(fields.Length)],
                Department = status == PetitionStatus.New ? null : departments[random.Next(departments.Length)], Status = status,
                Source = (PetitionSource)random.Next(0, 7), MeetingId = null, ReceivedOn = new DateOnly(2026, 5, 1).AddDays(random.Next(0, 30)),
                CreatedUtc = DateTime.UtcNow, UpdatedUtc = DateTime.UtcNow,
            };
            if (p.Kind == PetitionKind.Request)
                PetitionDeadlines.SetDue(p, new DateOnly(2026, 6, 1).AddDays(random.Next(0, 120)), 7 + random.Next(0, 8), calendar, "Phòng ban trả lời kiến nghị");
            db.Add(p);
        }
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
    }
    Console.WriteLine($"Seeded {count:N0} petitions in {sw.Elapsed.TotalSeconds:F1} s ({folder})");
}

var filters = Enumerable.Range(0, 300).Select(i => (i % 6) switch
{
    0 => new PetitionFilter(null, departments[i % departments.Length], PetitionStatus.Assigned, null, null, null, null, null, 1 + i % 5, 50),
    1 => new PetitionFilter(fields[i % fields.Length], null, null, null, null, null, null, null, 1, 50),
    2 => new PetitionFilter(null, null, null, null, true, null, null, null, 1 + i % 10, 50),
    3 => new PetitionFilter(null, departments[i % departments.Length], null, new DateOnly(2026, 8, 1), true, null, null, null, 1, 50),
    4 => new PetitionFilter(null, null, null, null, null, null, PetitionSource.PublicPage, null, 20, 50),
    _ => new PetitionFilter(null, null, null, null, null, null, null, null, 1 + i % 100, 50),
}).ToList();

var ordered = await MeasureListAsync();
await using (var db = new MeetingDbContext(options.Options))
    await db.Database.ExecuteSqlRawAsync("""DROP INDEX "IX_Petitions_DueOrder" """);
var indexed = await MeasureListAsync();
await using (var db = new MeetingDbContext(options.Options))
{
    await db.Database.ExecuteSqlRawAsync("""
        DROP INDEX IF EXISTS "IX_Petitions_Status_DueDate";
        DROP INDEX IF EXISTS "IX_Petitions_Department_Status";
        DROP INDEX IF EXISTS "IX_Petitions_Field";
        DROP INDEX IF EXISTS "IX_Petitions_MeetingId";
        """);
}
var unindexed = await MeasureListAsync();
Console.WriteLine($"List (filtered, paged), without the registry's indexes (baseline): p50 {unindexed.P50:F1} ms, p95 {unindexed.P95:F1} ms");
Console.WriteLine($"List (filtered, paged), with the filter indexes only:              p50 {indexed.P50:F1} ms, p95 {indexed.P95:F1} ms");
Console.WriteLine($"List (filtered, paged), with the filter and due-order indexes:      p50 {ordered.P50:F1} ms, p95 {ordered.P95:F1} ms");

// Recomputation: Mon 21 Sep 2026 becomes a day off.
var changed = new WorkingCalendar([.. CalendarSeed.Year2026, new DayOverride(new DateOnly(2026, 9, 21), true, "Nghỉ theo quyết định")]);
List<Petition> running;
await using (var db = new MeetingDbContext(options.Options))
    running = await db.Set<Petition>().AsNoTracking().ToListAsync();
var copy = running.Select(Clone).ToList();
var sw2 = Stopwatch.StartNew();
var unchangedMoved = PetitionDeadlines.Recompute(copy, new WorkingCalendar(CalendarSeed.Year2026)).Count;
var pureBaseline = sw2.Elapsed;
sw2.Restart();
var pureMoved = PetitionDeadlines.Recompute(running.Select(Clone).ToList(), changed).Count;
var pure = sw2.Elapsed;
Console.WriteLine($"Recompute in memory, unchanged calendar (baseline): {pureBaseline.TotalMilliseconds:F0} ms, {unchangedMoved} moved");
Console.WriteLine($"Recompute in memory, one more day off:             {pure.TotalMilliseconds:F0} ms, {pureMoved} moved");

await using (var db = new MeetingDbContext(options.Options))
{
    sw2.Restart();
    var none = await PetitionDeadlines.RecomputeStoredAsync(db, new WorkingCalendar(CalendarSeed.Year2026), "bench", DateTime.UtcNow);
    Console.WriteLine($"Recompute stored, unchanged calendar (baseline):   {sw2.Elapsed.TotalMilliseconds:F0} ms, {none.Count} moved");
}
await using (var db = new MeetingDbContext(options.Options))
{
    sw2.Restart();
    var moved = await PetitionDeadlines.RecomputeStoredAsync(db, changed, "bench", DateTime.UtcNow, new DateOnly(2026, 9, 21));
    Console.WriteLine($"Recompute stored, one more day off, rows spanning that day: {sw2.Elapsed.TotalMilliseconds:F0} ms, {moved.Count} moved and written");
}
await using (var db = new MeetingDbContext(options.Options))
{
    // Back to the seeded calendar, then the same change read over every running row (the baseline for the narrowed read).
    await PetitionDeadlines.RecomputeStoredAsync(db, new WorkingCalendar(CalendarSeed.Year2026), "bench", DateTime.UtcNow);
}
await using (var db = new MeetingDbContext(options.Options))
{
    sw2.Restart();
    var moved = await PetitionDeadlines.RecomputeStoredAsync(db, changed, "bench", DateTime.UtcNow);
    Console.WriteLine($"Recompute stored, one more day off, every running row (baseline): {sw2.Elapsed.TotalMilliseconds:F0} ms, {moved.Count} moved and written");
}
Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
Directory.Delete(folder, recursive: true);

async Task<(double P50, double P95)> MeasureListAsync()
{
    await using var db = new MeetingDbContext(options.Options);
    await PetitionEndpoints.QueryAsync(db.Set<Petition>().AsNoTracking(), filters[0], today);
    var times = new List<double>();
    foreach (var filter in filters)
    {
        var sw = Stopwatch.StartNew();
        await PetitionEndpoints.QueryAsync(db.Set<Petition>().AsNoTracking(), filter, today);
        times.Add(sw.Elapsed.TotalMilliseconds);
    }
    times.Sort();
    return (times[times.Count / 2], times[(int)(times.Count * 0.95)]);
}

static Petition Clone(Petition p) => new()
{
    Id = p.Id, Petitioner = p.Petitioner, Content = p.Content, Kind = p.Kind, Status = p.Status, DueDate = p.DueDate,
    DueFrom = p.DueFrom, DueDays = p.DueDays, DueCountKind = p.DueCountKind,
};
