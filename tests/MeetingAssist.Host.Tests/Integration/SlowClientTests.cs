using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using MeetingAssist.Host.Queue;

namespace MeetingAssist.Host.Tests.Integration;

/// <summary>
/// Phones on a hall's LAN vanish, sleep and misbehave. None of that may slow the chair or the projector: pushes must
/// never wait for a client that stopped reading, and a client flooding calls must not hold the meeting.
/// </summary>
public class SlowClientTests(Xunit.Abstractions.ITestOutputHelper output)
{
    /// <summary>A hub client that joins a meeting and then never reads again (a phone that went to sleep, or an attacker).</summary>
    private static async Task<ClientWebSocket> StalledClientAsync(Uri baseAddress, int meetingId)
    {
        var socket = new ClientWebSocket();
        var uri = new UriBuilder(baseAddress) { Scheme = "ws", Path = "/hub/meeting" }.Uri;
        await socket.ConnectAsync(uri, CancellationToken.None);
        await SendAsync(socket, """{"protocol":"json","version":1}""");
        await SendAsync(socket, $$"""{"type":1,"invocationId":"1","target":"Join","arguments":[{{meetingId}}]}""");
        return socket;
    }

    private static Task SendAsync(ClientWebSocket socket, string message) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(message + "\u001e"), WebSocketMessageType.Text, true, CancellationToken.None);

    private static async Task<(double P99, double Max)> MeasureAsync(MeetingWatcher chair, MeetingWatcher projector, int commands)
    {
        var latencies = new List<double>();
        for (var i = 0; i < commands; i++)
        {
            var sw = Stopwatch.StartNew();
            var paused = projector.Received.MaxBy(r => r.Version)!.Floor!.RunningSinceMs is null;
            var version = await chair.Invoke(paused ? "ResumeTimer" : "PauseTimer");
            await projector.WaitForVersionAsync(version, timeoutMs: 15_000);
            latencies.Add(sw.Elapsed.TotalMilliseconds);
        }
        latencies.Sort();
        return (latencies[(int)Math.Ceiling(latencies.Count * 0.99) - 1], latencies[^1]);
    }

    [Fact]
    public async Task TwentyClientsThatStopReading_AndOneThatFloodsJoins_NeverHoldTheChairOrTheProjector()
    {
        await using var host = MeetingHostFactory.Start();
        await using var chair = await host.ClientAsync("chair");
        await using var desk = await host.ClientAsync("desk");
        await using var anonymous = await host.ClientAsync();
        var deskWatch = await desk.WatchAsync(1);
        // A long queue makes every snapshot large, so the stalled clients' buffers fill within a few commands.
        for (var i = 0; i < 60; i++)
            await deskWatch.Invoke("Register", new RegisterInput(null, $"Người dân số {i} với họ tên rất dài", "Tổ dân phố Kiến Thiết",
                new string('đ', 400) + i, "Đất đai", new string('g', 900)));
        var chairWatch = await chair.WatchAsync(1);
        var projector = await anonymous.WatchAsync(1);
        await chairWatch.Invoke("StartMeeting");
        await projector.WaitForVersionAsync(await chairWatch.Invoke("GiveFloor", (int?)null));
        // The same commands on the same machine without any misbehaving client: what "normal" is right now.
        var baseline = await MeasureAsync(chairWatch, projector, 60);

        var stalled = new List<ClientWebSocket>();
        for (var i = 0; i < 20; i++) stalled.Add(await StalledClientAsync(host.BaseAddress, 1));

        using var floodStop = new CancellationTokenSource();
        var flooder = await StalledClientAsync(host.BaseAddress, 1);
        var flood = Task.Run(async () =>
        {
            var n = 2;
            while (!floodStop.IsCancellationRequested)
            {
                try { await SendAsync(flooder, $$"""{"type":1,"invocationId":"{{n++}}","target":"Join","arguments":[1]}"""); }
                catch (Exception) { return; }
            }
        });

        var attacked = await MeasureAsync(chairWatch, projector, 150);
        await floodStop.CancelAsync();
        await flood;

        output.WriteLine($"chair → projector, {150} commands: p99 {attacked.P99:F0} ms, max {attacked.Max:F0} ms with 20 stalled clients and a join flood; " +
            $"p99 {baseline.P99:F0} ms, max {baseline.Max:F0} ms without them (same run)");
        // 200 ms is the goal on an idle machine; on a busy one, no worse than twice what the same run saw without attackers.
        var limit = Math.Max(200, 2 * baseline.P99);
        Assert.True(attacked.P99 < limit,
            $"chair → projector p99 {attacked.P99:F0} ms (max {attacked.Max:F0}) with 20 stalled clients and a flood; without them p99 {baseline.P99:F0} ms");
        // A new screen can still join at once.
        var late = await anonymous.WatchAsync(1);
        Assert.Equal(projector.Received[^1].Version, late.Initial!.Version);
        foreach (var s in stalled) s.Abort();
        flooder.Abort();
    }
}
