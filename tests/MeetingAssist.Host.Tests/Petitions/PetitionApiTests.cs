using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MeetingAssist.Host.Tests.Integration;

namespace MeetingAssist.Host.Tests.Petitions;

/// <summary>The registry through the real server: roles, filters, transitions, bulk assignment, extensions, calendar changes, public submissions.</summary>
public class PetitionApiTests
{
    private static async Task<int> CreateAsync(StaffClient client, object body)
    {
        var response = await client.Http.PostAsJsonAsync("/api/petitions", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    private static async Task<JsonElement> GetAsync(StaffClient client, string url) => await client.Http.GetFromJsonAsync<JsonElement>(url);

    private static async Task<string> DetailOf(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!;

    [Fact]
    public async Task ClerkAssignsAndTransitions_DepartmentSeesOnlyItsOwn_AndIllegalStepsAre409()
    {
        await using var host = MeetingHostFactory.Start();
        await using var admin = await host.ClientAsync("admin");
        await using var desk = await host.ClientAsync("desk");
        var accounts = await GetAsync(admin, "/api/petitions/department-accounts");
        var departmentUser = accounts.EnumerateArray().Single(a => a.GetProperty("userName").GetString() == "department").GetProperty("userId").GetInt32();
        (await admin.Http.PutAsJsonAsync($"/api/petitions/department-accounts/{departmentUser}", new { department = "Phòng Kinh tế" })).EnsureSuccessStatusCode();

        var road = await CreateAsync(desk, new { kind = "Request", petitioner = "Nguyễn Văn An", address = "Thôn Đông", source = "Letter", field = "Hạ tầng giao thông – thủy lợi", content = "Đường thôn Đông xuống cấp." });
        var land = await CreateAsync(desk, new { kind = "Request", petitioner = "Trần Thị Bình", address = "Thôn Tây", source = "FatherlandFront", field = "Đất đai", content = "Chậm cấp giấy chứng nhận." });

        // Illegal: straight from "mới" to "đã giải quyết".
        var skip = await desk.Http.PostAsJsonAsync($"/api/petitions/{road}/transition", new { to = "Resolved" });
        Assert.Equal(HttpStatusCode.Conflict, skip.StatusCode);
        Assert.Contains("Không thể chuyển từ «Mới» sang «Đã giải quyết»", await DetailOf(skip));

        var bulk = await desk.Http.PostAsJsonAsync("/api/petitions/bulk-assign", new { ids = new[] { road }, department = "Phòng Kinh tế" });
        Assert.Equal(HttpStatusCode.OK, bulk.StatusCode);
        (await desk.Http.PostAsJsonAsync("/api/petitions/bulk-assign", new { ids = new[] { land }, department = "Phòng Tài nguyên và Môi trường" })).EnsureSuccessStatusCode();

        await using var department = await host.ClientAsync("department");
        var seen = await GetAsync(department, "/api/petitions");
        Assert.Equal(1, seen.GetProperty("total").GetInt32());
        Assert.Equal(road, seen.GetProperty("items")[0].GetProperty("id").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await department.Http.GetAsync($"/api/petitions/{land}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await department.Http.PostAsJsonAsync("/api/petitions", new { petitioner = "x", content = "y" })).StatusCode);
        var roadForDepartment = await GetAsync(department, $"/api/petitions/{road}");
        Assert.Equal(JsonValueKind.Null, roadForDepartment.GetProperty("staffNotes").ValueKind);
        Assert.NotEqual(JsonValueKind.Null, roadForDepartment.GetProperty("petition").GetProperty("dueDate").ValueKind);

        var answered = await department.Http.PostAsJsonAsync($"/api/petitions/{road}/transition",
            new { to = "Answered", answer = "Phòng Kinh tế trả lời: sẽ sửa đường trong quý II.", note = "Đã khảo sát" });
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await department.Http.PostAsJsonAsync($"/api/petitions/{road}/transition", new { to = "Resolved" })).StatusCode);

        (await desk.Http.PostAsJsonAsync($"/api/petitions/{road}/transition", new { to = "AnsweredAtMeeting" })).EnsureSuccessStatusCode();
        (await desk.Http.PostAsJsonAsync($"/api/petitions/{road}/transition", new { to = "Resolved" })).EnsureSuccessStatusCode();
        var again = await desk.Http.PostAsJsonAsync($"/api/petitions/{road}/transition", new { to = "Assigned" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("đã giải quyết xong", await DetailOf(again));
        var reassignClosed = await desk.Http.PostAsJsonAsync("/api/petitions/bulk-assign", new { ids = new[] { road, land }, department = "Phòng Văn hóa" });
        Assert.Equal(HttpStatusCode.Conflict, reassignClosed.StatusCode);

        var detail = await GetAsync(desk, $"/api/petitions/{road}");
        var history = detail.GetProperty("history").EnumerateArray().Select(h => (h.GetProperty("from").GetString(), h.GetProperty("to").GetString(), h.GetProperty("by").GetString())).ToList();
        Assert.Equal(
        [
            ("Mới", "Mới", "desk"), ("Mới", "Đã phân công", "desk"), ("Đã phân công", "Đã có trả lời", "department"),
            ("Đã có trả lời", "Trả lời tại hội nghị", "desk"), ("Trả lời tại hội nghị", "Đã giải quyết", "desk"),
        ], history);
        Assert.Equal("Phòng Kinh tế trả lời: sẽ sửa đường trong quý II.", detail.GetProperty("answer").GetString());
    }

    [Fact]
    public async Task Filters_Paging_Overdue_AndExtension()
    {
        await using var host = MeetingHostFactory.Start();
        await using var desk = await host.ClientAsync("secretary");
        var yesterday = DateTime.UtcNow.AddHours(7).Date.AddDays(-1).ToString("yyyy-MM-dd");
        var late = await CreateAsync(desk, new { kind = "Request", petitioner = "Lê Văn Cường", field = "Môi trường", source = "Email", content = "Rác thải ở kênh.", dueDate = yesterday });
        for (var i = 0; i < 5; i++)
            await CreateAsync(desk, new { kind = "Opinion", petitioner = $"Cử tri {i}", field = "Đất đai", source = "Questionnaire", content = $"Ý kiến số {i}" });

        Assert.Equal(5, (await GetAsync(desk, "/api/petitions?field=Đất đai")).GetProperty("total").GetInt32());
        Assert.Equal(1, (await GetAsync(desk, "/api/petitions?source=Email")).GetProperty("total").GetInt32());
        var page = await GetAsync(desk, "/api/petitions?field=Đất đai&pageSize=2&page=3");
        Assert.Equal(1, page.GetProperty("items").GetArrayLength());
        var overdue = await GetAsync(desk, "/api/petitions?overdue=true");
        Assert.Equal(late, overdue.GetProperty("items").EnumerateArray().Single().GetProperty("id").GetInt32());
        Assert.Equal(5, (await GetAsync(desk, "/api/petitions?overdue=false")).GetProperty("total").GetInt32());
        Assert.Equal(1, (await GetAsync(desk, "/api/petitions/dashboard")).GetProperty("overdueCount").GetInt32());
        Assert.Single((await GetAsync(desk, "/api/petitions/reminders")).EnumerateArray());

        var noReason = await desk.Http.PostAsJsonAsync($"/api/petitions/{late}/extension", new { days = 5 });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        var extended = await desk.Http.PostAsJsonAsync($"/api/petitions/{late}/extension", new { days = 5, reason = "Cần khảo sát hiện trường" });
        Assert.Equal(HttpStatusCode.OK, extended.StatusCode);
        var item = (await extended.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("petition");
        Assert.False(item.GetProperty("overdue").GetBoolean());
        Assert.True(item.GetProperty("extended").GetBoolean());
        Assert.Equal(0, (await GetAsync(desk, "/api/petitions?overdue=true")).GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, (await desk.Http.GetAsync("/api/petitions?dueBefore=hôm-qua")).StatusCode);
    }

    [Fact]
    public async Task AnOverrideChange_RecomputesRunningDeadlines_AndReportsWhichMoved()
    {
        await using var host = MeetingHostFactory.Start();
        await using var admin = await host.ClientAsync("admin");
        var id = await CreateAsync(admin, new { kind = "Request", petitioner = "Phạm Thị Dung", field = "Chính sách xã hội", content = "Chế độ người có công.", department = "Phòng Văn hóa - Xã hội" });
        (await admin.Http.PostAsJsonAsync($"/api/petitions/{id}/transition", new { to = "Assigned" })).EnsureSuccessStatusCode();
        var due = (await GetAsync(admin, $"/api/petitions/{id}")).GetProperty("petition").GetProperty("dueDate").GetString()!;
        var today = DateTime.UtcNow.AddHours(7).ToString("yyyy-MM-dd");
        var firstWorkingDay = (await GetAsync(admin, $"/api/calendar/deadline?from={today}&days=1")).GetProperty("date").GetString()!;

        var change = await admin.Http.PutAsJsonAsync($"/api/calendar/overrides/{firstWorkingDay}", new { isDayOff = true, reason = "Nghỉ theo quyết định của UBND tỉnh" });
        Assert.Equal(HttpStatusCode.OK, change.StatusCode);
        var moved = (await change.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("moved").EnumerateArray().Single();
        Assert.Equal(id, moved.GetProperty("petitionId").GetInt32());
        Assert.Equal(due, moved.GetProperty("from").GetString());
        var newDue = (await GetAsync(admin, $"/api/petitions/{id}")).GetProperty("petition").GetProperty("dueDate").GetString()!;
        Assert.Equal(moved.GetProperty("to").GetString(), newDue);
        Assert.True(DateOnly.Parse(newDue) > DateOnly.Parse(due));

        var undo = await admin.Http.DeleteAsync($"/api/calendar/overrides/{firstWorkingDay}");
        Assert.Equal(due, (await undo.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("moved")[0].GetProperty("to").GetString());
        var year = await GetAsync(admin, "/api/calendar/2026");
        Assert.Contains(year.GetProperty("days").EnumerateArray(), d => d.GetProperty("date").GetString() == "2026-01-10" && d.GetProperty("isWorkingDay").GetBoolean());
        Assert.Equal("2026-02-17", year.GetProperty("tet").GetString());
    }

    [Fact]
    public async Task PublicOpinion_IsRateLimitedPerAddress_AndEntersTheRegistryOnlyWhenApproved()
    {
        await using var host = MeetingHostFactory.Start(settings: new Dictionary<string, string?> { ["MeetingAssist:Access:PhoneRequestsPerWindow"] = "3" });
        await using var citizen = await host.ClientAsync();
        var empty = await citizen.Http.PostAsJsonAsync("/api/public/opinions", new { name = "", content = "" });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("họ tên", await DetailOf(empty));
        var sent = await citizen.Http.PostAsJsonAsync("/api/public/opinions", new { name = "Hoàng Văn Em", address = "Tổ dân phố 3", field = "Môi trường", content = "Xin lắp đèn đường." });
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        var opinionId = (await sent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.OK, (await citizen.Http.PostAsJsonAsync("/api/public/opinions", new { name = "A", content = "B" })).StatusCode);
        var limited = await citizen.Http.PostAsJsonAsync("/api/public/opinions", new { name = "A", content = "C" });
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Contains("quá nhiều", await DetailOf(limited));

        await using var desk = await host.ClientAsync("desk");
        Assert.Equal(0, (await GetAsync(desk, "/api/petitions")).GetProperty("total").GetInt32());
        var pending = await GetAsync(desk, "/api/petitions/opinions");
        Assert.Equal(2, pending.GetArrayLength());
        var approved = await desk.Http.PostAsJsonAsync($"/api/petitions/opinions/{opinionId}/approve", new { kind = "Request", department = "Phòng Kinh tế" });
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await desk.Http.PostAsJsonAsync($"/api/petitions/opinions/{opinionId}/approve", new { })).StatusCode);
        var list = await GetAsync(desk, "/api/petitions?source=PublicPage");
        var entry = list.GetProperty("items").EnumerateArray().Single();
        Assert.Equal("Hoàng Văn Em", entry.GetProperty("petitioner").GetString());
        Assert.Equal("Trang công khai", entry.GetProperty("sourceLabel").GetString());
        var other = pending.EnumerateArray().Single(o => o.GetProperty("id").GetInt32() != opinionId).GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.BadRequest, (await desk.Http.PostAsJsonAsync($"/api/petitions/opinions/{other}/reject", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await desk.Http.PostAsJsonAsync($"/api/petitions/opinions/{other}/reject", new { note = "Không có nội dung" })).StatusCode);
        Assert.Equal(0, (await GetAsync(desk, "/api/petitions/opinions")).GetArrayLength());
    }

    [Fact]
    public async Task PlanRules_GiveEachMeetingItsDatesWithReasons()
    {
        await using var host = MeetingHostFactory.Start();
        await using var secretary = await host.ClientAsync("secretary");
        var bad = await secretary.Http.PostAsJsonAsync("/api/plans", new { year = 2026, title = "KH", rules = new { conclusionWorkingDays = 0, conclusionComplexWorkingDays = 15, departmentAnswerWorkingDays = 7, reportWorkingDays = 5, noticeDaysBefore = 7 } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var created = await secretary.Http.PostAsJsonAsync("/api/plans", new { year = 2026, title = "Kế hoạch đối thoại năm 2026", organisingBody = "UBND xã Mai Trung", rules = new { noticeDaysBefore = 7, noticeCountKind = "Working", answersWorkingDaysBefore = 4, conclusionWorkingDays = 5, conclusionComplexWorkingDays = 15, departmentAnswerWorkingDays = 10, reportWorkingDays = 5 } });
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var planId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var meetings = await GetAsync(secretary, "/api/meetings");
        var meetingId = meetings[0].GetProperty("id").GetInt32();
        (await secretary.Http.PutAsJsonAsync($"/api/plans/{planId}/meetings", new { meetingIds = new[] { meetingId } })).EnsureSuccessStatusCode();
        var dates = await GetAsync(secretary, $"/api/meetings/{meetingId}/deadlines");
        Assert.Equal(planId, dates.GetProperty("planId").GetInt32());
        var rules = dates.GetProperty("deadlines").EnumerateArray().ToList();
        Assert.Equal(6, rules.Count);
        Assert.Contains("7 ngày làm việc trước", rules[0].GetProperty("explanation").GetString());
        Assert.Contains("5 ngày làm việc kể từ ngày sau", rules[2].GetProperty("explanation").GetString());
    }
}
