using System.Collections.Concurrent;
using MeetingAssist.Host.Queue;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Logging.Abstractions;

namespace MeetingAssist.Host.Tests.Queue;

/// <summary>
/// The manager writes a push straight into an idle connection and queues it behind a busy one. These check what that
/// must keep: every message once, in the order each sender sent them, never two writes at once on one connection,
/// and a connection that stops reading closed without holding up the sender or anyone else.
/// </summary>
public class BoundedHubLifetimeManagerTests
{
    private sealed class Hub1 : Hub;

    /// <summary>A connection that records what is written to it; a gate, when closed, makes its writes wait.</summary>
    private sealed class RecordingConnection(string id) : HubConnectionContext(
        new DefaultConnectionContext(id), new HubConnectionContextOptions(), NullLoggerFactory.Instance)
    {
        private int _writing;
        public ConcurrentQueue<(int Sender, int Sequence)> Received { get; } = new();
        public volatile bool Overlapped;
        public volatile bool Aborted;
        public TaskCompletionSource? Gate { get; set; }

        public override async ValueTask WriteAsync(SerializedHubMessage message, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Increment(ref _writing) > 1) Overlapped = true;
            try
            {
                var invocation = (InvocationMessage)message.Message!;
                if (Gate is { } gate) await gate.Task;
                // Some writes finish later, as a real pipe's flush does under back-pressure.
                else if (Random.Shared.Next(8) == 0) await Task.Yield();
                Received.Enqueue(((int)invocation.Arguments[0]!, (int)invocation.Arguments[1]!));
            }
            finally
            {
                Interlocked.Decrement(ref _writing);
            }
        }

        // No transport behind this connection: closing it is only recorded.
        public override void Abort() => Aborted = true;
    }

    private static async Task<(BoundedHubLifetimeManager<Hub1> Manager, RecordingConnection[] Connections)> GroupOf(int count)
    {
        var manager = new BoundedHubLifetimeManager<Hub1>(NullLogger<BoundedHubLifetimeManager<Hub1>>.Instance);
        var connections = Enumerable.Range(0, count).Select(i => new RecordingConnection($"c{i}")).ToArray();
        foreach (var connection in connections)
        {
            await manager.OnConnectedAsync(connection);
            await manager.AddToGroupAsync(connection.ConnectionId, "screens");
        }
        return (manager, connections);
    }

    [Fact]
    public async Task ConcurrentSenders_EachConnectionGetsEveryMessageOnce_InEachSendersOrder_OneWriteAtATime()
    {
        // Fewer messages in all than a queue holds, so no connection can be closed for falling behind.
        const int senders = 6, perSender = 10;
        Assert.True(senders * perSender < BoundedHubLifetimeManager<Hub1>.QueueCapacity);
        var (manager, connections) = await GroupOf(30);

        await Task.WhenAll(Enumerable.Range(0, senders).Select(sender => Task.Run(async () =>
        {
            for (var sequence = 0; sequence < perSender; sequence++)
            {
                await manager.SendGroupAsync("screens", "Snapshot", [sender, sequence]);
                if (sequence % 3 == 0) await Task.Yield();
            }
        })));

        foreach (var connection in connections)
        {
            await WaitUntil(() => connection.Received.Count >= senders * perSender);
            Assert.False(connection.Overlapped, $"{connection.ConnectionId}: two writes ran at once");
            Assert.False(connection.Aborted);
            var received = connection.Received.ToList();
            Assert.Equal(senders * perSender, received.Count);
            Assert.Equal(senders * perSender, received.Distinct().Count());
            foreach (var sender in Enumerable.Range(0, senders))
                Assert.Equal(Enumerable.Range(0, perSender), received.Where(m => m.Sender == sender).Select(m => m.Sequence));
        }
    }

    [Fact]
    public async Task AConnectionThatStopsReading_IsClosedWhenItsQueueIsFull_AndOthersGetEverything()
    {
        var (manager, connections) = await GroupOf(3);
        var stuck = connections[0];
        stuck.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var pushes = BoundedHubLifetimeManager<Hub1>.QueueCapacity + 5;

        for (var sequence = 0; sequence < pushes; sequence++)
        {
            // Every send returns at once, however far behind the stuck connection is.
            var send = manager.SendGroupAsync("screens", "Snapshot", [0, sequence]);
            Assert.True(send.IsCompleted);
        }

        Assert.True(stuck.Aborted, "the connection that stopped reading was not closed");
        foreach (var reader in connections[1..])
        {
            await WaitUntil(() => reader.Received.Count >= pushes);
            Assert.Equal(Enumerable.Range(0, pushes), reader.Received.Select(m => m.Sequence));
            Assert.False(reader.Aborted);
        }
        stuck.Gate.SetResult();
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition() && DateTime.UtcNow < deadline) await Task.Delay(10);
    }
}
