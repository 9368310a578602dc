using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MeetingAssist.Host.Data;
using MeetingAssist.Host.Meetings;
using MeetingAssist.Host.Petitions;
using MeetingAssist.Host.Plans;
using MeetingAssist.Host.Tests.Integration;
using MeetingAssist.Host.Tests.MeetingDocuments;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace MeetingAssist.Host.Tests.Petitions;

/// <summary>
/// The day a petition was received: an imported list keeps its own dates, so the yearly report counts last year's
/// list in last year however late it is imported; a clerk may give the day, never a day to come.
/// </summary>
public class PetitionReceivedOnTests
{
    private static string Day(DateOnly d) => d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    private static DateOnly TodayOf(MeetingHostFactory host) =>
        PetitionDeadlines.Today(host.Services.GetRequiredService<TimeProvider>(), host.Services.GetRequiredService<HallClock>());

    private static async Task<List<Petition>> PetitionsAsync(MeetingHostFactory host)
    {
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<MeetingDbContext>>().CreateDbContextAsync();
        return await db.Set<Petition>().AsNoTracking().OrderBy(p => p.Id).ToListAsync();
    }

    [Fact]
    public async Task ImportedListOfLastYear_KeepsItsDates_AndCountsInLastYearsReportNotThisYears()
    {
        await using var host = MeetingHostFactory.Start();
        var today = TodayOf(host);
        var lastYear = today.Year - 1;
        await using (var db = await host.Services.GetRequiredService<IDbContextFactory<MeetingDbContext>>().CreateDbContextAsync())
        {
            // The reports need the body that held the dialogues; no meeting, so only the petitions are counted.
            db.AddRange(new Plan { Year = lastYear, Title = $"Kế hoạch đối thoại năm {lastYear}", OrganisingBody = "Ủy ban nhân dân xã Kiến Minh" },
                new Plan { Year = today.Year, Title = $"Kế hoạch đối thoại năm {today.Year}", OrganisingBody = "Ủy ban nhân dân xã Kiến Minh" });
            await db.SaveChangesAsync();
        }
        var first = new DateOnly(lastYear, 3, 5);
        var second = new DateOnly(lastYear, 12, 31);
        var csv = "DANH SÁCH Ý KIẾN, KIẾN NGHỊ CỦA CỬ TRI\n" +
                  "STT;Họ và tên;Địa chỉ;Nội dung;Lĩnh vực;Ngày\n" +
                  $"1;Nguyễn Văn Hùng;Thôn Đông;Đề nghị sửa đường liên thôn đoạn qua cầu Đông bị sụt lún;Giao thông;{Day(first)}\n" +
                  $"2;Lê Thị Hoa;Thôn Tây;Đề nghị nạo vét kênh mương nội đồng trước mùa mưa;Thủy lợi;{Day(second)}\n" +
                  "3;Trần Văn Bình;Xóm Đồng;Đề nghị đo đạc lại ranh giới thửa đất số 12;Đất đai;\n";
        var file = new ByteArrayContent([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv)]);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        await using var secretary = await host.ClientAsync("secretary");

        var commit = await secretary.Http.PostAsync("/api/petitions/import/commit", new MultipartFormDataContent { { file, "file", "ds.csv" } });

        Assert.Equal(HttpStatusCode.OK, commit.StatusCode);
        var saved = await PetitionsAsync(host);
        Assert.Equal([first, second, today], saved.Select(p => p.ReceivedOn));
        var lastYearReport = StateFormatChecklist.Texts(await secretary.Http.GetByteArrayAsync($"/api/plans/years/{lastYear}/bao-cao-cap-tren.docx"));
        Assert.Contains(lastYearReport, t => t.StartsWith("Tổng số: 2 ý kiến, kiến nghị", StringComparison.Ordinal));
        var thisYearReport = StateFormatChecklist.Texts(await secretary.Http.GetByteArrayAsync($"/api/plans/years/{today.Year}/bao-cao-cap-tren.docx"));
        Assert.Contains(thisYearReport, t => t.StartsWith("Tổng số: 1 ý kiến, kiến nghị", StringComparison.Ordinal));
        Assert.DoesNotContain(thisYearReport, t => t.Contains("Nguyễn Văn Hùng", StringComparison.Ordinal));

        // The registry's detail shows the day received.
        var detail = await secretary.Http.GetFromJsonAsync<JsonElement>($"/api/petitions/{saved[0].Id}");
        Assert.Equal(first.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), detail.GetProperty("petition").GetProperty("receivedOn").GetString());
    }

    [Fact]
    public async Task ManualEntry_TakesTheGivenDay_OrToday_AndRefusesADayToCome()
    {
        await using var host = MeetingHostFactory.Start();
        var today = TodayOf(host);
        await using var desk = await host.ClientAsync("desk");
        object Form(string? receivedOn) => new { kind = "Request", petitioner = "Nguyễn Văn An", source = "Letter", content = "Đường thôn Đông xuống cấp.", receivedOn };

        var future = await desk.Http.PostAsJsonAsync("/api/petitions", Form(today.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        Assert.Equal(HttpStatusCode.BadRequest, future.StatusCode);
        var problem = await future.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal($"Ngày nhận {Day(today.AddDays(1))} chưa đến; ngày nhận không được sau hôm nay ({Day(today)}).", problem.GetProperty("detail").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty("receivedOn", out _));
        foreach (var noSuchDay in new[] { "31/02/2025", "2025-02-31", "hôm qua" })
        {
            var malformed = await desk.Http.PostAsJsonAsync("/api/petitions", Form(noSuchDay));
            Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
            Assert.Equal("Ngày nhận không đúng dạng ngày/tháng/năm, ví dụ 31/12/2026.",
                (await malformed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        }
        Assert.Empty(await PetitionsAsync(host));

        // Typed the way dates are written in Vietnam, or as the ISO form scripts send.
        (await desk.Http.PostAsJsonAsync("/api/petitions", Form("30/6/2025"))).EnsureSuccessStatusCode();
        (await desk.Http.PostAsJsonAsync("/api/petitions", Form("2025-07-01"))).EnsureSuccessStatusCode();
        (await desk.Http.PostAsJsonAsync("/api/petitions", Form(null))).EnsureSuccessStatusCode();
        Assert.Equal([new DateOnly(2025, 6, 30), new DateOnly(2025, 7, 1), today], (await PetitionsAsync(host)).Select(p => p.ReceivedOn));
    }

    [Fact]
    public async Task Migration_FillsTheDayReceivedFromTheEntryTime_InVietnamTime()
    {
        var path = Path.Combine(Path.GetTempPath(), $"received-on-{Guid.NewGuid():N}.db");
        try
        {
            var options = new DbContextOptionsBuilder<MeetingDbContext>().UseSqlite($"Data Source={path};Pooling=False").Options;
            await using var db = new MeetingDbContext(options);
            var migrator = db.GetService<IMigrator>();
            var all = db.Database.GetMigrations().ToList();
            await migrator.MigrateAsync(all[all.IndexOf(all.Single(m => m.EndsWith("_PetitionReceivedOn", StringComparison.Ordinal))) - 1]);
            // As EF wrote CreatedUtc before the column existed: 18:30 UTC is already the next day in Vietnam.
            foreach (var (who, created) in new[] { ("Trước nửa đêm", "2025-12-31 16:59:59.9999999"), ("Sau nửa đêm", "2025-12-31 18:30:00"), ("Giữa ngày", "2026-03-01 02:00:00.1234567") })
                await db.Database.ExecuteSqlAsync($"""
                    INSERT INTO Petitions (Kind, Petitioner, Address, Source, Field, Level, Urgency, Content, Status, StaffNotes, DueCountKind, CreatedUtc, UpdatedUtc)
                    VALUES ('Request', {who}, '', 'Letter', '', 'Commune', 'Normal', 'Nội dung', 'New', '', 'Working', {created}, {created})
                    """);

            await migrator.MigrateAsync();

            db.ChangeTracker.Clear();
            var received = await db.Set<Petition>().AsNoTracking().OrderBy(p => p.Id).Select(p => p.ReceivedOn).ToListAsync();
            Assert.Equal([new DateOnly(2025, 12, 31), new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 1)], received);
            // Stored as EF stores every DateOnly, so the year report's comparison in SQL holds.
            var stored = await db.Database.SqlQuery<string>($"SELECT ReceivedOn AS Value FROM Petitions ORDER BY Id").ToListAsync();
            Assert.Equal(["2025-12-31", "2026-01-01", "2026-03-01"], stored);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }
}
