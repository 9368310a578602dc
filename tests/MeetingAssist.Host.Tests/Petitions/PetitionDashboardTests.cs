using System.Net.Http.Json;
using System.Text.Json;
using MeetingAssist.Host.Data;
using MeetingAssist.Host.MeetingDocuments;
using MeetingAssist.Host.Meetings;
using MeetingAssist.Host.Petitions;
using MeetingAssist.Host.Tests.Integration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MeetingAssist.Host.Tests.Petitions;

/// <summary>The dashboard's on-time rate is the reports' rate: on time over all fallen due, the overdue unanswered included.</summary>
public class PetitionDashboardTests
{
    [Fact]
    public async Task OnTimeRate_CountsOverdueUnanswered_AndEqualsTheReportsRate()
    {
        await using var host = MeetingHostFactory.Start();
        var today = PetitionDeadlines.Today(host.Services.GetRequiredService<TimeProvider>(), host.Services.GetRequiredService<HallClock>());
        var factory = host.Services.GetRequiredService<IDbContextFactory<MeetingDbContext>>();
        await using (var db = await factory.CreateDbContextAsync())
        {
            Petition Make(string who, PetitionStatus status, DateOnly due, DateOnly? answered) => new()
            {
                Petitioner = who, Content = "Đường liên thôn xuống cấp", Kind = PetitionKind.Request, Status = status, Department = "Phòng Kinh tế",
                DueDate = due, AnsweredOn = answered, ReceivedOn = due.AddDays(-20), CreatedUtc = DateTime.UtcNow, UpdatedUtc = DateTime.UtcNow,
            };
            db.AddRange(
                Make("Nguyễn Văn An", PetitionStatus.Answered, today.AddDays(-10), today.AddDays(-12)),
                Make("Trần Thị Bình", PetitionStatus.Assigned, today.AddDays(-3), null),
                // Not yet due and unanswered: in neither count.
                Make("Lê Văn Cường", PetitionStatus.Assigned, today.AddDays(30), null));
            await db.SaveChangesAsync();
        }
        await using var secretary = await host.ClientAsync("secretary");

        var dashboard = await secretary.Http.GetFromJsonAsync<JsonElement>("/api/petitions/dashboard");

        Assert.Equal(50, dashboard.GetProperty("onTimeRate").GetDouble());
        Assert.Equal(1, dashboard.GetProperty("answeredOnTime").GetInt32());
        Assert.Equal(0, dashboard.GetProperty("answeredLate").GetInt32());
        Assert.Equal(2, dashboard.GetProperty("fallenDue").GetInt32());
        await using var read = await factory.CreateDbContextAsync();
        var tally = PetitionTally.Of(await read.Set<Petition>().AsNoTracking().ToListAsync(), today);
        Assert.Equal(tally.OnTimeRate, dashboard.GetProperty("onTimeRate").GetDouble());
        Assert.Equal(tally.FallenDue, dashboard.GetProperty("fallenDue").GetInt32());
    }

    [Theory]
    [InlineData(1, 0, 1, 50.0)]
    [InlineData(1, 1, 1, 33.3)]
    [InlineData(2, 0, 1, 66.7)]
    [InlineData(0, 0, 0, null)]
    public void OnTimeRateOf_OnTimeOverAllFallenDue_OneDecimal(int onTime, int late, int overdue, double? expected) =>
        Assert.Equal(expected, PetitionTally.OnTimeRateOf(onTime, late, overdue));
}
