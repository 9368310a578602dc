using MeetingAssist.Host.Queue;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace MeetingAssist.Host.Tests.Integration;

public class LiveMeetingTests
{
    [Fact]
    public async Task ChairAndProjector_SeeTheSameStateAndVersions()
    {
        await using var host = MeetingHostFactory.Start();
        await using var chairClient = await host.ClientAsync("chair");
        await using var publicClient = await host.ClientAsync();
        var chair = await chairClient.WatchAsync(1);
        var projector = await publicClient.WatchAsync(1);
        Assert.Equal(chair.Initial!.Version, projector.Initial!.Version);
        Assert.Equal(12, projector.Initial.Queue.Count);

        await chair.Invoke("StartMeeting");
        var version = await chair.Invoke("GiveFloor", (int?)null);

        var seenByChair = await chair.WaitForVersionAsync(version);
        var seenByProjector = await projector.WaitForVersionAsync(version);
        Assert.Equal(version, seenByChair.Version);
        Assert.Equal(version, seenByProjector.Version);
        Assert.Equal("Nguyễn Văn Bình", seenByProjector.Floor!.Speaker.Name);
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(seenByChair.Floor), System.Text.Json.JsonSerializer.Serialize(seenByProjector.Floor));
        Assert.Equal(seenByChair.Queue.Select(r => r.RequestId), seenByProjector.Queue.Select(r => r.RequestId));
        // Versions only grow, one per stored action.
        var versions = projector.Received.Select(s => s.Version).ToList();
        Assert.Equal(versions.Order(), versions);
        Assert.Equal(versions.Distinct().Count(), versions.Count);
    }

    [Fact]
    public async Task PublicSnapshot_HidesNotesPendingRequestsAndStaffLists()
    {
        await using var host = MeetingHostFactory.Start();
        await using var desk = await host.ClientAsync("desk");
        await using var anonymous = await host.ClientAsync();
        var deskWatch = await desk.WatchAsync(1);
        var version = await deskWatch.Invoke("Register", new RegisterInput(null, "Cao Văn Lợi", "Thôn Đông", "Hỏi về điện", "Hạ tầng", "Ghi chú nội bộ"));
        var staff = await deskWatch.WaitForVersionAsync(version);
        Assert.Equal("Ghi chú nội bộ", staff.Queue[^1].Note);
        Assert.NotNull(staff.Responders);
        Assert.Equal(2, staff.Responders!.Count);

        var projector = await anonymous.WatchAsync(1);
        Assert.False(projector.Initial!.IsStaffView);
        Assert.Null(projector.Initial.Queue[^1].Note);
        Assert.Null(projector.Initial.Pending);
        Assert.Null(projector.Initial.Responders);
        Assert.Null(projector.Initial.Undo);
    }

    [Fact]
    public async Task CommandsWithoutTheRole_AreRefused_AndChangeNothing()
    {
        await using var host = MeetingHostFactory.Start();
        await using var anonymous = await host.ClientAsync();
        await using var desk = await host.ClientAsync("desk");
        var watcher = await anonymous.WatchAsync(1);
        var deskWatcher = await desk.WatchAsync(1);
        var before = watcher.Initial!.Version;

        var refused = await Assert.ThrowsAsync<HubException>(() => watcher.Invoke("StartMeeting"));
        Assert.Contains("không có quyền", refused.Message);
        await Assert.ThrowsAsync<HubException>(() => watcher.Invoke("Register", new RegisterInput(null, "Kẻ lạ", "", "x", null, null)));
        await Assert.ThrowsAsync<HubException>(() => deskWatcher.Invoke("StartMeeting"));
        await Assert.ThrowsAsync<HubException>(() => deskWatcher.Invoke("Undo"));

        var after = await watcher.Connection.InvokeAsync<MeetingSnapshot>("Join", 1);
        Assert.Equal(before, after.Version);
        Assert.Equal(nameof(MeetingStatus.Preparing), after.Status);
    }

    [Fact]
    public async Task RefusedCommand_ReachesTheClientInVietnamese()
    {
        await using var host = MeetingHostFactory.Start();
        await using var chair = await host.ClientAsync("chair");
        var watcher = await chair.WatchAsync(1);
        var ex = await Assert.ThrowsAsync<HubException>(() => watcher.Invoke("GiveFloor", (int?)null));
        Assert.Contains("Hội nghị chưa bắt đầu.", ex.Message);
        var missing = await Assert.ThrowsAsync<HubException>(() => watcher.Connection.InvokeAsync<MeetingSnapshot>("Join", 999));
        Assert.Contains("Không tìm thấy hội nghị", missing.Message);
    }

    [Fact]
    public async Task Undo_FromTheHub_RevertsTwoActionsInARow()
    {
        await using var host = MeetingHostFactory.Start();
        await using var chair = await host.ClientAsync("chair");
        var w = await chair.WatchAsync(1);
        await w.Invoke("StartMeeting");
        var third = w.Initial!.Queue[2].RequestId;
        await w.Invoke("MoveRequest", third, 0);
        var v = await w.Invoke("GiveFloor", (int?)null);
        Assert.Equal(third, (await w.WaitForVersionAsync(v)).Floor!.RequestId);
        Assert.StartsWith("Mời phát biểu: Lê Văn Dũng", (await w.WaitForVersionAsync(v)).Undo!.Single(u => u.Actor == "chair").Label);

        await w.Invoke("Undo");
        v = await w.Invoke("Undo");
        var s = await w.WaitForVersionAsync(v);
        Assert.Null(s.Floor);
        Assert.Equal(w.Initial.Queue.Select(r => r.RequestId), s.Queue.Select(r => r.RequestId));
        Assert.Equal("Bắt đầu hội nghị", s.Undo!.Single(u => u.Actor == "chair").Label);
    }

    [Fact]
    public async Task State_SurvivesAHostRestart_OnTheSameDatabase()
    {
        var folder = MeetingHostFactory.NewDataFolder();
        MeetingSnapshot before;
        await using (var host = MeetingHostFactory.Start(folder))
        {
            await using var chair = await host.ClientAsync("chair");
            var w = await chair.WatchAsync(1);
            await w.Invoke("StartMeeting");
            await w.Invoke("GiveFloor", (int?)null);
            await w.Invoke("EndTurn");
            var responder = w.Initial!.Responders![0].PersonId;
            await w.Invoke("CallResponder", responder, (int[]?)null);
            await w.Invoke("PauseTimer");
            var v = await w.Invoke("ExtendTime", 30);
            before = await w.WaitForVersionAsync(v);
        }

        await using (var host = MeetingHostFactory.Start(folder))
        {
            await using var chair = await host.ClientAsync("chair");
            var after = (await chair.WatchAsync(1)).Initial!;
            Assert.Equal(before.Version, after.Version);
            Assert.Equal(System.Text.Json.JsonSerializer.Serialize(before.Floor), System.Text.Json.JsonSerializer.Serialize(after.Floor));
            Assert.Equal(before.Queue, after.Queue);
            Assert.Equal(before.Finished, after.Finished);
            Assert.Equal(before.Thread, after.Thread);
            Assert.Equal(System.Text.Json.JsonSerializer.Serialize(before.Undo), System.Text.Json.JsonSerializer.Serialize(after.Undo));
            Assert.True(after.Floor!.RunningSinceMs is null, "a paused timer stays paused across a restart");
        }
    }

    [Fact]
    public async Task DeskRegistration_OfANewPerson_IsFoundLaterWithoutAccents()
    {
        await using var host = MeetingHostFactory.Start();
        await using var desk = await host.ClientAsync("desk");
        var w = await desk.WatchAsync(1);
        await w.Invoke("Register", new RegisterInput(null, "Đinh Thị Ánh", "Thôn Bắc", "Hỏi về trường học", "Giáo dục", null));
        var found = await desk.Http.GetStringAsync("/api/people?q=dinh thi anh");
        Assert.Contains("Đinh Thị Ánh", found);
        var demo = await desk.Http.GetStringAsync("/api/people?q=nguyen van binh");
        Assert.Contains("Nguyễn Văn Bình", demo);
    }
}
