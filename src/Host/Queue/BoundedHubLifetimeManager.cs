using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace MeetingAssist.Host.Queue;

/// <summary>
/// Pushes to hub connections without ever waiting for one of them. SignalR's default manager awaits every
/// connection's write, so one phone that stops reading holds up the sender — and the sender used to be the
/// meeting's command path. Here a message is serialised once for all connections and handed to each without
/// waiting: straight into the connection's buffer when nothing of it is waiting (the usual case, and one thread-pool
/// hop fewer per connection, which is most of a push's cost at a thousand screens), otherwise into its small queue,
/// drained in order by a loop that runs only while there is something to drain. A connection whose queue is full has
/// fallen behind and is closed, and its screen reconnects and takes a fresh snapshot.
/// </summary>
public sealed partial class BoundedHubLifetimeManager<THub>(ILogger<BoundedHubLifetimeManager<THub>> logger) : HubLifetimeManager<THub>
    where THub : Hub
{
    /// <summary>Messages a connection may have waiting. Snapshots are whole states, so a screen this far behind loses nothing by resyncing.</summary>
    public const int QueueCapacity = 64;

    private readonly ConcurrentDictionary<string, Outbox> _connections = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, Outbox>> _groups = new(StringComparer.Ordinal);

    private sealed class Outbox
    {
        public required HubConnectionContext Connection { get; init; }
        public Channel<SerializedHubMessage> Queue { get; } = Channel.CreateBounded<SerializedHubMessage>(
            new BoundedChannelOptions(QueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        public ConcurrentDictionary<string, byte> Groups { get; } = new(StringComparer.Ordinal);

        /// <summary>
        /// Messages posted and not yet written. Whoever raises it from zero owns the writing until it is back at
        /// zero, so messages reach the connection in the order they were counted and only one writer runs.
        /// </summary>
        public int Unwritten;
    }

    public override Task OnConnectedAsync(HubConnectionContext connection)
    {
        _connections[connection.ConnectionId] = new Outbox { Connection = connection };
        return Task.CompletedTask;
    }

    public override Task OnDisconnectedAsync(HubConnectionContext connection)
    {
        if (_connections.TryRemove(connection.ConnectionId, out var outbox))
        {
            foreach (var group in outbox.Groups.Keys) RemoveMember(group, connection.ConnectionId);
            outbox.Queue.Writer.TryComplete();
        }
        return Task.CompletedTask;
    }

    public override Task AddToGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default)
    {
        if (_connections.TryGetValue(connectionId, out var outbox))
        {
            outbox.Groups[groupName] = 0;
            _groups.GetOrAdd(groupName, _ => new(StringComparer.Ordinal))[connectionId] = outbox;
        }
        return Task.CompletedTask;
    }

    public override Task RemoveFromGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default)
    {
        if (_connections.TryGetValue(connectionId, out var outbox)) outbox.Groups.TryRemove(groupName, out _);
        RemoveMember(groupName, connectionId);
        return Task.CompletedTask;
    }

    public override Task SendAllAsync(string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        Post(_connections.Values, methodName, args);

    public override Task SendAllExceptAsync(string methodName, object?[] args, IReadOnlyList<string> excludedConnectionIds, CancellationToken cancellationToken = default) =>
        Post(_connections.Values.Where(o => !excludedConnectionIds.Contains(o.Connection.ConnectionId)), methodName, args);

    public override Task SendConnectionAsync(string connectionId, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        SendConnectionsAsync([connectionId], methodName, args, cancellationToken);

    public override Task SendConnectionsAsync(IReadOnlyList<string> connectionIds, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        Post(connectionIds.Select(id => _connections.GetValueOrDefault(id)).OfType<Outbox>(), methodName, args);

    public override Task SendGroupAsync(string groupName, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        SendGroupsAsync([groupName], methodName, args, cancellationToken);

    public override Task SendGroupsAsync(IReadOnlyList<string> groupNames, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        Post(Members(groupNames).DistinctBy(o => o.Connection.ConnectionId), methodName, args);

    public override Task SendGroupExceptAsync(string groupName, string methodName, object?[] args, IReadOnlyList<string> excludedConnectionIds, CancellationToken cancellationToken = default) =>
        Post(Members([groupName]).Where(o => !excludedConnectionIds.Contains(o.Connection.ConnectionId)), methodName, args);

    public override Task SendUserAsync(string userId, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        SendUsersAsync([userId], methodName, args, cancellationToken);

    public override Task SendUsersAsync(IReadOnlyList<string> userIds, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        Post(_connections.Values.Where(o => o.Connection.UserIdentifier is { } user && userIds.Contains(user)), methodName, args);

    private IEnumerable<Outbox> Members(IEnumerable<string> groupNames) =>
        groupNames.SelectMany(g => _groups.TryGetValue(g, out var members) ? members.Values : Enumerable.Empty<Outbox>());

    private void RemoveMember(string groupName, string connectionId)
    {
        if (_groups.TryGetValue(groupName, out var members))
        {
            members.TryRemove(connectionId, out _);
            if (members.IsEmpty) _groups.TryRemove(new KeyValuePair<string, ConcurrentDictionary<string, Outbox>>(groupName, members));
        }
    }

    /// <summary>Hands one message, serialised once per protocol, to each connection; never waits.</summary>
    private Task Post(IEnumerable<Outbox> targets, string methodName, object?[] args)
    {
        SerializedHubMessage? message = null;
        foreach (var outbox in targets)
        {
            message ??= new SerializedHubMessage(new InvocationMessage(methodName, args));
            if (Interlocked.Increment(ref outbox.Unwritten) == 1)
            {
                // Nothing of this connection is waiting: write now. The write only fills the connection's buffer;
                // if the buffer is full (a slow reader), the rest is finished off this thread.
                WriteThenDrain(outbox, message);
                continue;
            }
            if (outbox.Queue.Writer.TryWrite(message)) continue;
            // Full: this client stopped reading. Closing it frees its memory; the screen reconnects and resyncs.
            LogDropped(outbox.Connection.ConnectionId, QueueCapacity);
            outbox.Queue.Writer.TryComplete();
            outbox.Connection.Abort();
        }
        return Task.CompletedTask;
    }

    /// <summary>Writes a message as the owner of the connection's writing, then what others queued meanwhile.</summary>
    private void WriteThenDrain(Outbox outbox, SerializedHubMessage message)
    {
        ValueTask write;
        try
        {
            write = outbox.Connection.WriteAsync(message, outbox.Connection.ConnectionAborted);
        }
        catch (Exception ex)
        {
            Fail(ex, outbox);
            return;
        }
        if (write.IsCompletedSuccessfully)
        {
            if (Interlocked.Decrement(ref outbox.Unwritten) > 0) _ = DrainAsync(outbox, null);
            return;
        }
        _ = DrainAsync(outbox, write);
    }

    /// <summary>
    /// Finishes a write that did not complete at once, then writes the queued messages until none is left unwritten.
    /// A message counted but not yet queued (its poster is between the two steps) is awaited: it is on its way.
    /// </summary>
    private async Task DrainAsync(Outbox outbox, ValueTask? unfinished)
    {
        try
        {
            if (unfinished is { } pending)
            {
                await pending;
                if (Interlocked.Decrement(ref outbox.Unwritten) == 0) return;
            }
            var aborted = outbox.Connection.ConnectionAborted;
            do
            {
                var next = await outbox.Queue.Reader.ReadAsync(aborted);
                await outbox.Connection.WriteAsync(next, aborted);
            }
            while (Interlocked.Decrement(ref outbox.Unwritten) > 0);
        }
        catch (OperationCanceledException)
        {
            // The connection closed.
        }
        catch (ChannelClosedException)
        {
            // The connection fell behind and was closed, or disconnected.
        }
        catch (Exception ex)
        {
            Fail(ex, outbox);
        }
    }

    private void Fail(Exception ex, Outbox outbox)
    {
        if (outbox.Connection.ConnectionAborted.IsCancellationRequested) return; // closed meanwhile: nothing to report
        LogWriteFailed(ex, outbox.Connection.ConnectionId);
        outbox.Connection.Abort();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Hub connection {ConnectionId} fell {Capacity} messages behind and was closed; it will resync on reconnect")]
    private partial void LogDropped(string connectionId, int capacity);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing to hub connection {ConnectionId} failed")]
    private partial void LogWriteFailed(Exception ex, string connectionId);
}
