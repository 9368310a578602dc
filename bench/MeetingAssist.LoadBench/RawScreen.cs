using System.Buffers;
using System.Buffers.Text;
using System.Net.WebSockets;
using System.Text;

/// <summary>
/// A screen as cheap as a screen can be: SignalR's JSON protocol spoken directly over one WebSocket, reading only
/// the snapshot's version number out of the bytes. The full client library parses every message into objects; a
/// thousand of them in the benchmark's process took about a core and paused for garbage collection long enough to
/// show up as server latency. Here a message costs a byte search and nothing is allocated per message.
/// </summary>
sealed class RawScreen : IAsyncDisposable
{
    private const byte RecordSeparator = 0x1e;
    private static readonly byte[] VersionProperty = "\"version\":"u8.ToArray();
    private static readonly byte[] PingMessage = "{\"type\":6}\u001e"u8.ToArray();

    private readonly ClientWebSocket _socket = new();
    private readonly CancellationTokenSource _stop = new();
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
    private int _filled;
    private Task _receiving = Task.CompletedTask;
    private Task _keepAlive = Task.CompletedTask;

    private static long _pushes;
    private static long _pushedBytes;

    /// <summary>Snapshots pushed to all raw screens so far, and their bytes (what a change costs on the wire).</summary>
    public static (long Pushes, long Bytes) Pushed => (Interlocked.Read(ref _pushes), Interlocked.Read(ref _pushedBytes));

    /// <summary>Called with the version of every snapshot pushed to this screen.</summary>
    public Action<int>? OnSnapshot { get; set; }
    public Action? OnClosed { get; set; }

    /// <summary>Connects, shakes hands, calls the join method and returns the version of the snapshot it answers with.</summary>
    public async Task<int> ConnectAsync(Uri hubUri, string joinTarget, string joinArguments)
    {
        var ws = new UriBuilder(hubUri) { Scheme = hubUri.Scheme == "https" ? "wss" : "ws" }.Uri;
        await _socket.ConnectAsync(ws, _stop.Token);
        await SendAsync("{\"protocol\":\"json\",\"version\":1}\u001e"u8.ToArray());
        var joined = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        _receiving = ReceiveAsync(joined);
        await SendAsync(Encoding.UTF8.GetBytes($"{{\"type\":1,\"invocationId\":\"join\",\"target\":\"{joinTarget}\",\"arguments\":[{joinArguments}]}}\u001e"));
        // The server closes a connection it has not heard from in 30 s; a ping every 15 s keeps an idle screen.
        _keepAlive = KeepAliveAsync();
        return await joined.Task.WaitAsync(TimeSpan.FromSeconds(60));
    }

    private Task SendAsync(byte[] message) => _socket.SendAsync(message, WebSocketMessageType.Text, true, _stop.Token);

    private async Task KeepAliveAsync()
    {
        try
        {
            while (true)
            {
                await Task.Delay(TimeSpan.FromSeconds(15), _stop.Token);
                await SendAsync(PingMessage);
            }
        }
        catch (Exception) when (_stop.IsCancellationRequested || _socket.State != WebSocketState.Open)
        {
        }
    }

    private async Task ReceiveAsync(TaskCompletionSource<int> joined)
    {
        try
        {
            while (true)
            {
                if (_filled == _buffer.Length) Grow();
                var result = await _socket.ReceiveAsync(_buffer.AsMemory(_filled), _stop.Token);
                if (result.MessageType == WebSocketMessageType.Close) break;
                _filled += result.Count;
                if (result.EndOfMessage) Consume(joined);
            }
        }
        catch (Exception)
        {
        }
        joined.TrySetException(new InvalidOperationException("closed before joining"));
        if (!_stop.IsCancellationRequested) OnClosed?.Invoke();
    }

    /// <summary>Handles every complete record in the buffer and keeps an incomplete tail for the next frame.</summary>
    private void Consume(TaskCompletionSource<int> joined)
    {
        var data = _buffer.AsSpan(0, _filled);
        int end;
        while ((end = data.IndexOf(RecordSeparator)) >= 0)
        {
            var record = data[..end];
            if (record.StartsWith("{\"type\":1,"u8) && Version(record) is { } pushed)
            {
                Interlocked.Increment(ref _pushes);
                Interlocked.Add(ref _pushedBytes, record.Length + 1);
                OnSnapshot?.Invoke(pushed);
            }
            else if (record.StartsWith("{\"type\":3,"u8))
            {
                if (Version(record) is { } initial) joined.TrySetResult(initial);
                else joined.TrySetException(new InvalidOperationException(Encoding.UTF8.GetString(record)));
            }
            data = data[(end + 1)..];
        }
        data.CopyTo(_buffer);
        _filled = data.Length;
    }

    /// <summary>The first "version" in a snapshot is its own: it is the record's second property.</summary>
    private static int? Version(ReadOnlySpan<byte> record)
    {
        var at = record.IndexOf(VersionProperty);
        if (at < 0) return null;
        return Utf8Parser.TryParse(record[(at + VersionProperty.Length)..], out int version, out _) ? version : null;
    }

    private void Grow()
    {
        var bigger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
        _buffer.AsSpan(0, _filled).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = bigger;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _socket.Abort();
        try { await Task.WhenAll(_receiving, _keepAlive); } catch (Exception) { }
        _socket.Dispose();
        _stop.Dispose();
    }
}
