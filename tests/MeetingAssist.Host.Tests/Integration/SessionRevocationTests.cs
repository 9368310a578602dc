using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace MeetingAssist.Host.Tests.Integration;

public class SessionRevocationTests
{
    /// <summary>A second client holding a copy of the cookies, as a stolen or forgotten cookie would be.</summary>
    private static async Task<StaffClient> CopyOfAsync(MeetingHostFactory host, StaffClient original)
    {
        var copy = await host.ClientAsync();
        foreach (Cookie cookie in original.Cookies.GetAllCookies()) copy.Cookies.Add(cookie);
        await copy.RefreshTokenAsync();
        return copy;
    }

    private static async Task<TaskCompletionSource> ClosedSignal(HubConnection connection)
    {
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };
        await Task.CompletedTask;
        return closed;
    }

    private static async Task AssertEndedAsync(StaffClient stale, MeetingWatcher openConnection, TaskCompletionSource closed)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await stale.Http.GetAsync("/api/meetings/1/live/capture")).StatusCode);
        var session = await stale.Http.GetFromJsonAsync<JsonElement>("/api/auth/session");
        Assert.Equal(JsonValueKind.Null, session.GetProperty("role").ValueKind);

        // The connection opened before the session ended is closed by the server at once.
        Assert.Same(closed.Task, await Task.WhenAny(closed.Task, Task.Delay(5000)));
        Assert.Equal(HubConnectionState.Disconnected, openConnection.Connection.State);

        // A new connection with the old cookie is anonymous: it can watch but not command.
        var again = await stale.WatchAsync(1);
        Assert.False(again.Initial!.IsStaffView);
        var refused = await Assert.ThrowsAsync<HubException>(() => again.Invoke("PauseTimer"));
        Assert.Contains("không có quyền", refused.Message);
    }

    [Fact]
    public async Task Logout_EndsTheSession_ForApiAndHub()
    {
        await using var host = MeetingHostFactory.Start();
        await using var chair = await host.ClientAsync("chair");
        await using var stale = await CopyOfAsync(host, chair);
        var watcher = await stale.WatchAsync(1);
        var closed = await ClosedSignal(watcher.Connection);
        Assert.Equal(HttpStatusCode.OK, (await stale.Http.GetAsync("/api/meetings/1/live/capture")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await chair.Http.PostAsync("/api/auth/logout", null)).StatusCode);
        await AssertEndedAsync(stale, watcher, closed);
    }

    [Fact]
    public async Task PasswordReset_EndsTheSession_ForApiAndHub()
    {
        await using var host = MeetingHostFactory.Start();
        await using var chair = await host.ClientAsync("chair");
        await using var admin = await host.ClientAsync("admin");
        var watcher = await chair.WatchAsync(1);
        var closed = await ClosedSignal(watcher.Connection);
        var users = await admin.Http.GetFromJsonAsync<JsonElement[]>("/api/users");
        var chairId = users!.Single(u => u.GetProperty("userName").GetString() == "chair").GetProperty("id").GetInt32();

        Assert.Equal(HttpStatusCode.OK, (await admin.Http.PostAsync($"/api/users/{chairId}/reset-password", null)).StatusCode);
        await AssertEndedAsync(chair, watcher, closed);
    }

    [Fact]
    public async Task PasswordChange_EndsOtherSessions_AndKeepsThisOne()
    {
        await using var host = MeetingHostFactory.Start();
        await using var chair = await host.ClientAsync("chair");
        await using var other = await CopyOfAsync(host, chair);
        var watcher = await other.WatchAsync(1);
        var closed = await ClosedSignal(watcher.Connection);

        var wrong = await chair.Http.PostAsJsonAsync("/api/auth/password", new { currentPassword = "sai", newPassword = "mat-khau-moi-dai" });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        var changed = await chair.Http.PostAsJsonAsync("/api/auth/password",
            new { currentPassword = host.InitialPasswords()["chair"], newPassword = "mat-khau-moi-dai" });
        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);

        await AssertEndedAsync(other, watcher, closed);
        Assert.Equal(HttpStatusCode.OK, (await chair.Http.GetAsync("/api/meetings/1/live/capture")).StatusCode);
    }

    [Fact]
    public async Task DeletedAdmin_CannotCreateAnAdmin()
    {
        await using var host = MeetingHostFactory.Start();
        await using var admin = await host.ClientAsync("admin");
        var created = await (await admin.Http.PostAsJsonAsync("/api/users", new { userName = "admin2", role = "admin" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        await using var second = await host.ClientAsync();
        (await second.Http.PostAsJsonAsync("/api/auth/login",
            new { userName = "admin2", password = created.GetProperty("password").GetString() })).EnsureSuccessStatusCode();
        await second.RefreshTokenAsync();
        var watcher = await second.WatchAsync(1);
        var closed = await ClosedSignal(watcher.Connection);
        var users = await admin.Http.GetFromJsonAsync<JsonElement[]>("/api/users");
        var id = users!.Single(u => u.GetProperty("userName").GetString() == "admin2").GetProperty("id").GetInt32();

        Assert.Equal(HttpStatusCode.NoContent, (await admin.Http.DeleteAsync($"/api/users/{id}")).StatusCode);

        var attempt = await second.Http.PostAsJsonAsync("/api/users", new { userName = "admin3", role = "admin" });
        Assert.Equal(HttpStatusCode.Unauthorized, attempt.StatusCode);
        var after = await admin.Http.GetFromJsonAsync<JsonElement[]>("/api/users");
        Assert.DoesNotContain(after!, u => u.GetProperty("userName").GetString() == "admin3");
        Assert.Same(closed.Task, await Task.WhenAny(closed.Task, Task.Delay(5000)));

        // An account made afterwards may get the deleted one's id; it must be able to log in.
        var next = await (await admin.Http.PostAsJsonAsync("/api/users", new { userName = "admin4", role = "admin" })).Content.ReadFromJsonAsync<JsonElement>();
        await using var fourth = await host.ClientAsync();
        (await fourth.Http.PostAsJsonAsync("/api/auth/login",
            new { userName = "admin4", password = next.GetProperty("password").GetString() })).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.OK, (await fourth.Http.GetAsync("/api/users")).StatusCode);
    }
}
