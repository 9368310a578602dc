using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MeetingAssist.Host.Data;
using MeetingAssist.Host.Queue;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MeetingAssist.Host.Tests.Integration;

/// <summary>The server side of a meeting day as the desk, the chair and the admin live it.</summary>
public class MeetingDayTests
{
    private static async Task<int> PeopleCountAsync(MeetingHostFactory host)
    {
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<MeetingDbContext>>().CreateDbContextAsync();
        return await db.People.CountAsync();
    }

    private static async Task<string> DetailOf(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!;

    [Fact]
    public async Task Register_ANameDifferingOnlyByAToneMark_IsQueuedAsTyped_NotReplacedByTheKnownPerson()
    {
        await using var host = MeetingHostFactory.Start();
        await using var desk = await host.ClientAsync("desk");
        var w = await desk.WatchAsync(1);
        var v = await w.Invoke("Register", new RegisterInput(null, "Ngô Thị Hường", "Thôn Nam", "Nước sạch", null, null));
        var known = (await w.WaitForVersionAsync(v)).Queue[^1].Speaker.PersonId;

        v = await w.Invoke("Register", new RegisterInput(null, "Ngô Thị Hương", "Thôn Nam", "Nước sạch", null, null));
        var queued = (await w.WaitForVersionAsync(v)).Queue[^1];

        Assert.Equal("Ngô Thị Hương", queued.Speaker.Name);
        Assert.NotEqual(known, queued.Speaker.PersonId);

        // The exact same name and hamlet is the same person again.
        v = await w.Invoke("Register", new RegisterInput(null, "Ngô Thị Hương", "Thôn Nam", "Đường làng", null, null));
        Assert.Equal(queued.Speaker.PersonId, (await w.WaitForVersionAsync(v)).Queue[^1].Speaker.PersonId);
    }

    [Fact]
    public async Task Register_RefusedByTheRules_LeavesNoStrayPerson()
    {
        await using var host = MeetingHostFactory.Start();
        await using var chair = await host.ClientAsync("chair");
        var w = await chair.WatchAsync(1);
        await w.Invoke("CloseList");
        var before = await PeopleCountAsync(host);

        var refused = await Assert.ThrowsAsync<HubException>(() => w.Invoke("Register", new RegisterInput(null, "Người Mới Hoàn Toàn", "Thôn Đông", "Hỏi", null, null)));

        Assert.Contains("đã đóng", refused.Message);
        Assert.Equal(before, await PeopleCountAsync(host));
    }

    [Fact]
    public async Task CallResponder_WithACitizensId_IsRefused()
    {
        await using var host = MeetingHostFactory.Start();
        await using var chair = await host.ClientAsync("chair");
        var w = await chair.WatchAsync(1);
        await w.Invoke("StartMeeting");
        await w.Invoke("GiveFloor", (int?)null);
        await w.Invoke("EndTurn");
        var citizen = w.Initial!.Queue[1].Speaker.PersonId!.Value;

        var refused = await Assert.ThrowsAsync<HubException>(() => w.Invoke("CallResponder", citizen, (int[]?)null));

        Assert.Contains("danh sách trả lời của hội nghị", refused.Message);
    }

    [Fact]
    public async Task JointAnswer_ToTwoStatements_IsRecordedOnTheTurn_AndShownWithBothNames()
    {
        await using var host = MeetingHostFactory.Start();
        await using var chair = await host.ClientAsync("chair");
        var w = await chair.WatchAsync(1);
        await w.Invoke("StartMeeting");
        for (var i = 0; i < 2; i++)
        {
            await w.Invoke("GiveFloor", (int?)null);
            await w.Invoke("EndTurn");
        }
        var first = w.Initial!.Queue[0];
        var second = w.Initial.Queue[1];
        var responder = w.Initial.Responders![0].PersonId;

        var v = await w.Invoke("CallResponder", responder, new[] { first.RequestId, second.RequestId });
        var s = await w.WaitForVersionAsync(v);

        Assert.Equal([first.RequestId, second.RequestId], s.Floor!.AnswersRequestIds);
        Assert.Equal([first.Speaker.Name, second.Speaker.Name], s.Floor.AnswersNames);
        var turns = await chair.Http.GetFromJsonAsync<JsonElement>("/api/meetings/1/turns");
        var answer = turns.EnumerateArray().Last();
        Assert.Equal([first.RequestId, second.RequestId], answer.GetProperty("aboutRequests").EnumerateArray().Select(e => e.GetInt32()));
        await w.Invoke("EndTurn");
        var refused = await Assert.ThrowsAsync<HubException>(() => w.Invoke("GiveFollowUp", (int?)null));
        Assert.Contains("nhiều ý kiến", refused.Message);
        v = await w.Invoke("GiveFollowUp", (int?)second.RequestId);
        Assert.Equal(second.Speaker.Name, (await w.WaitForVersionAsync(v)).Floor!.Speaker.Name);
    }

    [Fact]
    public async Task Undo_ByTheChair_NeverRemovesTheDesksRegistration_AndEachSeesTheirOwnLabel()
    {
        await using var host = MeetingHostFactory.Start();
        await using var chair = await host.ClientAsync("chair");
        await using var desk = await host.ClientAsync("desk");
        var cw = await chair.WatchAsync(1);
        var dw = await desk.WatchAsync(1);
        await cw.Invoke("StartMeeting");
        await cw.Invoke("GiveFloor", (int?)null);
        var v = await dw.Invoke("Register", new RegisterInput(null, "Cao Văn Lợi", "Thôn Đông", "Điện chiếu sáng", null, null));
        var s = await cw.WaitForVersionAsync(v);
        Assert.StartsWith("Mời phát biểu:", s.Undo!.Single(u => u.Actor == "chair").Label);
        Assert.Equal("Đăng ký phát biểu: Cao Văn Lợi", s.Undo!.Single(u => u.Actor == "desk").Label);
        Assert.Equal("Bàn đăng ký", s.Undo!.Single(u => u.Actor == "desk").ActorLabel);

        v = await cw.Invoke("Undo");
        s = await cw.WaitForVersionAsync(v);

        Assert.Null(s.Floor);
        Assert.Contains(s.Queue, r => r.Speaker.Name == "Cao Văn Lợi");

        // The chair may still undo the desk's registration, but only by choosing it.
        var deskAction = s.Undo!.Single(u => u.Actor == "desk").Seq;
        v = await cw.Invoke("UndoOf", deskAction);
        Assert.DoesNotContain((await cw.WaitForVersionAsync(v)).Queue, r => r.Speaker.Name == "Cao Văn Lợi");
        await Assert.ThrowsAsync<HubException>(() => dw.Invoke("UndoOf", 1));
    }

    [Fact]
    public async Task ACommandRetriedWithItsKey_AfterACut_IsAppliedOnce_AndAnsweredWithTheSameVersion()
    {
        var folder = MeetingHostFactory.NewDataFolder();
        int first;
        await using (var host = MeetingHostFactory.Start(folder))
        {
            await using var desk = await host.ClientAsync("desk");
            var w = await desk.WatchAsync(1);
            var input = new RegisterInput(null, "Cao Văn Lợi", "Thôn Đông", "Điện chiếu sáng", null, null);
            first = await w.InvokeWithKey("Register", "slip-0001", input);
            var again = await w.InvokeWithKey("Register", "slip-0001", input);
            Assert.Equal(first, again);
            Assert.Single((await w.Connection.InvokeAsync<MeetingSnapshot>("Join", 1)).Queue, r => r.Speaker.Name == "Cao Văn Lợi");
        }
        // The key survives a restart: the retry of a command stored just before the server went down is still known.
        await using (var host = MeetingHostFactory.Start(folder))
        {
            await using var desk = await host.ClientAsync("desk");
            var w = await desk.WatchAsync(1);
            var again = await w.InvokeWithKey("Register", "slip-0001", new RegisterInput(null, "Cao Văn Lợi", "Thôn Đông", "Điện chiếu sáng", null, null));
            Assert.Equal(first, again);
            Assert.Equal(first, w.Initial!.Version);
            var refused = await Assert.ThrowsAsync<HubException>(() => w.InvokeWithKey("RequeueRequest", "bad key with spaces", 1));
            Assert.Contains("Mã thao tác không hợp lệ", refused.Message);
        }
    }

    [Fact]
    public async Task StartTime_TypedInTheHall_IsShownInVietnamTime_WhateverTheServersZone()
    {
        await using var host = MeetingHostFactory.Start();
        await using var admin = await host.ClientAsync("admin");
        var withOffset = await admin.Http.PostAsJsonAsync("/api/meetings", new { title = "Quý I", scheduledStart = "2026-12-05T08:00+07:00" });
        withOffset.EnsureSuccessStatusCode();
        var hallTime = await admin.Http.PostAsJsonAsync("/api/meetings", new { title = "Quý II", scheduledStart = "2026-12-06T14:30" });
        hallTime.EnsureSuccessStatusCode();
        var firstId = (await withOffset.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var secondId = (await hallTime.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();

        var first = await admin.Http.GetFromJsonAsync<JsonElement>($"/api/meetings/{firstId}");
        Assert.Equal("2026-12-05T08:00", first.GetProperty("scheduledStartLocal").GetString());
        Assert.Equal(new DateTime(2026, 12, 5, 1, 0, 0, DateTimeKind.Utc), first.GetProperty("scheduledStart").GetDateTime().ToUniversalTime());
        var w = await admin.WatchAsync(secondId);
        Assert.Equal("14:30 ngày 06/12/2026", w.Initial!.Meeting.ScheduledStart);
    }

    [Fact]
    public async Task StartTime_IncompleteOrMissing_IsRefusedBesideTheField_NeverSavedAsToday()
    {
        await using var host = MeetingHostFactory.Start();
        await using var admin = await host.ClientAsync("admin");
        foreach (var start in new string?[] { null, "2026-12-05", "2026-13-05T08:00", "05/12/2026 8h", "2026-12-05T25:00" })
        {
            var response = await admin.Http.PostAsJsonAsync("/api/meetings", new { title = "Quý I", scheduledStart = start, nextSpeakersShown = 0 });
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            var errors = body.GetProperty("errors");
            Assert.Contains("ngày", errors.GetProperty("scheduledStart")[0].GetString(), StringComparison.OrdinalIgnoreCase);
            Assert.Contains("từ 1 đến 10", errors.GetProperty("nextSpeakersShown")[0].GetString());
        }
        var list = await admin.Http.GetFromJsonAsync<JsonElement>("/api/meetings");
        Assert.Equal(1, list.GetArrayLength());
    }

    [Fact]
    public async Task ASecondMeetingPutOnScreen_ReachesEveryScreenThatFollowsTheHall()
    {
        await using var host = MeetingHostFactory.Start();
        await using var admin = await host.ClientAsync("admin");
        await using var anonymous = await host.ClientAsync();
        var created = await admin.Http.PostAsJsonAsync("/api/meetings", new { title = "Hội nghị thôn Tây", scheduledStart = "2026-12-20T08:00", nextSpeakersShown = 3 });
        var secondId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();

        var projector = await anonymous.WatchAsync(1);
        var switched = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        projector.Connection.On<int>("OnScreen", id => switched.TrySetResult(id));
        var hall = await projector.Connection.InvokeAsync<MeetingSnapshot>("JoinHall");
        Assert.Equal(1, hall.MeetingId);
        Assert.True(hall.OnScreen);

        var put = await admin.Http.PostAsync($"/api/meetings/{secondId}/on-screen", null);
        put.EnsureSuccessStatusCode();

        Assert.Equal(secondId, await switched.Task.WaitAsync(TimeSpan.FromSeconds(5)));
        var next = await projector.Connection.InvokeAsync<MeetingSnapshot>("JoinHall");
        Assert.Equal(secondId, next.MeetingId);
        Assert.Equal(3, next.Meeting.NextSpeakersShown);
        var current = await anonymous.Http.GetFromJsonAsync<JsonElement>("/api/meetings/current");
        Assert.Equal(secondId, current.GetProperty("id").GetInt32());
        // The desk cannot choose what the hall shows.
        await using var desk = await host.ClientAsync("desk");
        Assert.Equal(HttpStatusCode.Forbidden, (await desk.Http.PostAsync("/api/meetings/1/on-screen", null)).StatusCode);
    }

    [Fact]
    public async Task Meetings_CanBeCopiedArchivedAndDeleted_ButAMeetingWithAHistoryIsOnlyArchived()
    {
        await using var host = MeetingHostFactory.Start();
        await using var admin = await host.ClientAsync("admin");
        var copy = await admin.Http.PostAsync("/api/meetings/1/copy", null);
        var copyId = (await copy.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var copied = await admin.Http.GetFromJsonAsync<JsonElement>($"/api/meetings/{copyId}");
        var original = await admin.Http.GetFromJsonAsync<JsonElement>("/api/meetings/1");
        Assert.EndsWith("(bản sao)", copied.GetProperty("title").GetString());
        Assert.Equal(original.GetProperty("agenda").GetRawText(), copied.GetProperty("agenda").GetRawText());
        Assert.Equal(original.GetProperty("responderIds").GetRawText(), copied.GetProperty("responderIds").GetRawText());
        var w = await admin.WatchAsync(copyId);
        Assert.Empty(w.Initial!.Queue);

        var refused = await admin.Http.DeleteAsync("/api/meetings/1");
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("lưu trữ", await DetailOf(refused));
        Assert.Equal(HttpStatusCode.NoContent, (await admin.Http.DeleteAsync($"/api/meetings/{copyId}")).StatusCode);

        (await admin.Http.PostAsJsonAsync("/api/meetings/1/archive", new { archived = true })).EnsureSuccessStatusCode();
        Assert.Equal(0, (await admin.Http.GetFromJsonAsync<JsonElement>("/api/meetings")).GetArrayLength());
        Assert.Equal(1, (await admin.Http.GetFromJsonAsync<JsonElement>("/api/meetings?archived=true")).GetArrayLength());
    }

    [Fact]
    public async Task APersonArchived_LeavesSearchAndTheMeetingsResponders()
    {
        await using var host = MeetingHostFactory.Start();
        await using var admin = await host.ClientAsync("admin");
        var w = await admin.WatchAsync(1);
        var responder = w.Initial!.Responders![0];
        Assert.Equal(HttpStatusCode.NoContent, (await admin.Http.DeleteAsync($"/api/people/{responder.PersonId}")).StatusCode);
        var found = await admin.Http.GetFromJsonAsync<JsonElement>($"/api/people?q={Uri.EscapeDataString(responder.Name)}");
        Assert.Equal(0, found.GetArrayLength());
        var after = await admin.Connection(w).InvokeAsync<MeetingSnapshot>("Join", 1);
        Assert.DoesNotContain(after.Responders!, r => r.PersonId == responder.PersonId);
    }
}

internal static class WatcherExtensions
{
    public static HubConnection Connection(this StaffClient _, MeetingWatcher watcher) => watcher.Connection;
}
