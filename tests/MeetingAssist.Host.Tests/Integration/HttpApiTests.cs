using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace MeetingAssist.Host.Tests.Integration;

public class HttpApiTests
{
    private static async Task<string> DetailOf(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("detail").GetString()!;
    }

    [Fact]
    public async Task Login_LocksTheAccount_AfterRepeatedFailures()
    {
        await using var host = MeetingHostFactory.Start(settings: new Dictionary<string, string?> { ["MeetingAssist:Access:MaxFailedLogins"] = "3" });
        await using var client = await host.ClientAsync();
        for (var i = 0; i < 3; i++)
        {
            var wrong = await client.Http.PostAsJsonAsync("/api/auth/login", new { userName = "chair", password = "sai-mat-khau" });
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
            Assert.Contains("không đúng", await DetailOf(wrong));
        }
        var locked = await client.Http.PostAsJsonAsync("/api/auth/login", new { userName = "chair", password = host.InitialPasswords()["chair"] });
        Assert.Equal((HttpStatusCode)423, locked.StatusCode);
        Assert.Contains("tạm khóa", await DetailOf(locked));
    }

    [Fact]
    public async Task Login_WithTheGeneratedPassword_GivesTheRole()
    {
        await using var host = MeetingHostFactory.Start();
        await using var client = await host.ClientAsync("admin");
        var session = await client.Http.GetFromJsonAsync<JsonElement>("/api/auth/session");
        Assert.Equal("admin", session.GetProperty("role").GetString());
        Assert.Equal("Quản trị", session.GetProperty("roleLabel").GetString());
        Assert.Equal(5, host.InitialPasswords().Count);
        Assert.All(host.InitialPasswords().Values, p => Assert.True(p.Length >= 12));
    }

    [Fact]
    public async Task StateChangingCall_WithoutAntiforgeryToken_IsRefused()
    {
        await using var host = MeetingHostFactory.Start();
        await using var client = await host.ClientAsync();
        client.Http.DefaultRequestHeaders.Remove("X-CSRF-TOKEN");
        var response = await client.Http.PostAsJsonAsync("/api/auth/login", new { userName = "admin", password = host.InitialPasswords()["admin"] });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("tải lại trang", await DetailOf(response));
    }

    [Fact]
    public async Task AdminEndpoints_RefuseOtherRolesAndAnonymous()
    {
        await using var host = MeetingHostFactory.Start();
        await using var anonymous = await host.ClientAsync();
        await using var chair = await host.ClientAsync("chair");
        var unauthenticated = await anonymous.Http.GetAsync("/api/users");
        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
        Assert.Contains("đăng nhập", await DetailOf(unauthenticated));
        var forbidden = await chair.Http.PutAsJsonAsync("/api/meetings/1", new { title = "Đổi tên" });
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Contains("không có quyền", await DetailOf(forbidden));
    }

    [Fact]
    public async Task MeetingSetup_BadInput_GetsAVietnameseMessage_NeverA500()
    {
        await using var host = MeetingHostFactory.Start();
        await using var admin = await host.ClientAsync("admin");
        var empty = await admin.Http.PostAsJsonAsync("/api/meetings", new { title = " " });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("tên hội nghị", await DetailOf(empty));

        var badTime = await admin.Http.PostAsJsonAsync("/api/meetings", new { title = "Hội nghị", statementSeconds = 5 });
        Assert.Equal(HttpStatusCode.BadRequest, badTime.StatusCode);

        var malformed = await admin.Http.PostAsync("/api/meetings", new StringContent("{\"title\": ", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Contains("không hợp lệ", await DetailOf(malformed));

        var wrongType = await admin.Http.PostAsync("/api/meetings", new StringContent("{\"title\": 5, \"kind\": \"Khác\"}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);

        var missing = await admin.Http.PutAsJsonAsync("/api/meetings/999", new { title = "X" });
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task MeetingEdit_ReachesLiveScreens_AtANewVersion()
    {
        await using var host = MeetingHostFactory.Start();
        await using var admin = await host.ClientAsync("admin");
        var watcher = await admin.WatchAsync(1);
        var meeting = await admin.Http.GetFromJsonAsync<JsonElement>("/api/meetings/1");
        var response = await admin.Http.PutAsJsonAsync("/api/meetings/1", new
        {
            title = "Hội nghị đối thoại chuyên đề về đất đai",
            kind = "Thematic",
            place = meeting.GetProperty("place").GetString(),
            scheduledStart = meeting.GetProperty("scheduledStartLocal").GetString(),
            statementSeconds = 120,
            agenda = new[] { new { title = "Khai mạc" }, new { title = "Đối thoại" } },
        });
        response.EnsureSuccessStatusCode();
        var updated = await watcher.WaitForVersionAsync(watcher.Initial!.Version + 1);
        Assert.Equal("Hội nghị đối thoại chuyên đề về đất đai", updated.Meeting.Title);
        Assert.Equal("Chuyên đề", updated.Meeting.KindLabel);
        Assert.Equal(["Khai mạc", "Đối thoại"], updated.Agenda);
        Assert.Equal(12, updated.Queue.Count);
    }

    [Fact]
    public async Task PhoneRequest_IsRateLimited_PerAddress()
    {
        await using var host = MeetingHostFactory.Start(settings: new Dictionary<string, string?> { ["MeetingAssist:Access:PhoneRequestsPerWindow"] = "2" });
        await using var phone = await host.ClientAsync();
        for (var i = 0; i < 2; i++)
        {
            var ok = await phone.Http.PostAsJsonAsync("/api/meetings/1/ask", new { name = $"Người {i}", affiliation = "Thôn Nam", topic = "Hỏi" });
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }
        var limited = await phone.Http.PostAsJsonAsync("/api/meetings/1/ask", new { name = "Người 3", topic = "Hỏi" });
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Contains("quá nhiều", await DetailOf(limited));
    }

    [Fact]
    public async Task PhoneRequest_ShowsItsStatus_AndIsRefusedOnAClosedList()
    {
        await using var host = MeetingHostFactory.Start();
        await using var phone = await host.ClientAsync();
        await using var chair = await host.ClientAsync("chair");
        var missingName = await phone.Http.PostAsJsonAsync("/api/meetings/1/ask", new { topic = "Hỏi" });
        Assert.Equal(HttpStatusCode.BadRequest, missingName.StatusCode);

        var asked = await phone.Http.PostAsJsonAsync("/api/meetings/1/ask", new { name = "Hà Thị Nga", affiliation = "Thôn Tây", topic = "Hỏi về học phí" });
        var askedBody = await asked.Content.ReadFromJsonAsync<JsonElement>();
        var requestId = askedBody.GetProperty("requestId").GetInt32();
        var token = Uri.EscapeDataString(askedBody.GetProperty("token").GetString()!);
        var status = await phone.Http.GetFromJsonAsync<JsonElement>($"/api/meetings/1/requests/{requestId}/status?token={token}");
        Assert.Equal("PendingApproval", status.GetProperty("status").GetString());

        var w = await chair.WatchAsync(1);
        await w.Invoke("ApproveRequest", requestId);
        status = await phone.Http.GetFromJsonAsync<JsonElement>($"/api/meetings/1/requests/{requestId}/status?token={token}");
        Assert.Equal("Waiting", status.GetProperty("status").GetString());
        Assert.Equal(13, status.GetProperty("position").GetInt32());

        await w.Invoke("CloseList");
        var closed = await phone.Http.PostAsJsonAsync("/api/meetings/1/ask", new { name = "Muộn", topic = "Hỏi" });
        Assert.Equal(HttpStatusCode.Conflict, closed.StatusCode);
        Assert.Contains("đã đóng", await DetailOf(closed));
        var noMeeting = await phone.Http.PostAsJsonAsync("/api/meetings/77/ask", new { name = "X", topic = "Hỏi" });
        Assert.Equal(HttpStatusCode.NotFound, noMeeting.StatusCode);
    }

    [Fact]
    public async Task MissingMeeting_IsAVietnamese404_AndABrokenRuleA409_OnEveryMeetingEndpoint()
    {
        await using var host = MeetingHostFactory.Start();
        await using var admin = await host.ClientAsync("admin");
        await using var phone = await host.ClientAsync();
        var missing = new[]
        {
            await admin.Http.GetAsync("/api/meetings/77/turns"),
            await admin.Http.PostAsync("/api/meetings/77/on-screen", null),
            await admin.Http.GetAsync("/api/meetings/77/live/status"),
            await phone.Http.GetAsync("/api/meetings/77/ask/state"),
        };
        foreach (var response in missing)
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("Không tìm thấy hội nghị.", await DetailOf(response));
        }

        // A rule refusal from the live meeting becomes a 409 carrying the rule's own message.
        await using var chair = await host.ClientAsync("chair");
        var w = await chair.WatchAsync(1);
        await w.Invoke("CloseList");
        var closed = await phone.Http.PostAsJsonAsync("/api/meetings/1/ask", new { name = "Muộn", topic = "Hỏi" });
        Assert.Equal(HttpStatusCode.Conflict, closed.StatusCode);
        Assert.Contains("đã đóng", await DetailOf(closed));
    }

    [Fact]
    public async Task QrCode_PointsAtTheConfiguredLanAddress_NotLocalhost()
    {
        await using var host = MeetingHostFactory.Start(settings: new Dictionary<string, string?> { ["MeetingAssist:PublicUrl"] = "http://192.168.1.10:5080" });
        await using var client = await host.ClientAsync();
        var link = await client.Http.GetFromJsonAsync<JsonElement>("/api/meetings/1/ask-link");
        Assert.Equal("http://192.168.1.10:5080/ask?m=1", link.GetProperty("url").GetString());
        var svg = await client.Http.GetAsync("/api/meetings/1/qr.svg");
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<svg", await svg.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Pages_AreServedWithAStrictContentSecurityPolicy()
    {
        await using var host = MeetingHostFactory.Start();
        await using var client = await host.ClientAsync();
        var page = await client.Http.GetAsync("/");
        page.EnsureSuccessStatusCode();
        Assert.Contains("script-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single());
        var signalr = await client.Http.GetAsync("/assets/signalr.min.js");
        Assert.Equal(HttpStatusCode.OK, signalr.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync("/assets/nothing.js")).StatusCode);
    }

    [Fact]
    public async Task Database_UsesWriteAheadLog()
    {
        await using var host = MeetingHostFactory.Start();
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(host.DataFolder, "meetingassist.db")}");
        await connection.OpenAsync();
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", (string?)await cmd.ExecuteScalarAsync());
    }
}
