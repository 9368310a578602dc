using System.Net;
using System.Net.Sockets;

namespace MeetingAssist.BrowserTests;

/// <summary>
/// A TCP relay between the pages and the server that can fail like a hall network does: a cut (every link dropped
/// and new ones refused, as when a switch loses power) and a stall (links stay open but nothing passes, as on a
/// saturated Wi-Fi), each until it is restored.
/// </summary>
public sealed class LinkProxy : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly int _targetPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _open = [];
    private readonly Lock _gate = new();
    private TaskCompletionSource _flowing = Released();
    private bool _cut;

    public LinkProxy(int targetPort)
    {
        _targetPort = targetPort;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        _ = AcceptLoopAsync();
    }

    public string BaseUrl => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    /// <summary>Drops every open link; new ones are closed as soon as they arrive, until <see cref="Restore"/>.</summary>
    public void Cut()
    {
        lock (_gate)
        {
            _cut = true;
            foreach (var client in _open) client.Dispose();
            _open.Clear();
        }
    }

    /// <summary>Holds every byte in both directions, on open and new links alike, until <see cref="Restore"/>.</summary>
    public void Stall()
    {
        lock (_gate)
        {
            if (_flowing.Task.IsCompleted) _flowing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    public void Restore()
    {
        lock (_gate)
        {
            _cut = false;
            _flowing.TrySetResult();
        }
    }

    private static TaskCompletionSource Released()
    {
        var released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        released.SetResult();
        return released;
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient inbound;
            try
            {
                inbound = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            _ = RelayAsync(inbound);
        }
    }

    private async Task RelayAsync(TcpClient inbound)
    {
        var outbound = new TcpClient();
        lock (_gate)
        {
            if (_cut)
            {
                inbound.Dispose();
                outbound.Dispose();
                return;
            }
            _open.Add(inbound);
            _open.Add(outbound);
        }
        try
        {
            await outbound.ConnectAsync(IPAddress.Loopback, _targetPort, _stop.Token);
            inbound.NoDelay = outbound.NoDelay = true;
            var a = PumpAsync(inbound.GetStream(), outbound.GetStream());
            var b = PumpAsync(outbound.GetStream(), inbound.GetStream());
            await Task.WhenAny(a, b);
        }
        catch (Exception)
        {
            // A refused or dropped link ends the relay; the browser sees the same.
        }
        finally
        {
            lock (_gate)
            {
                _open.Remove(inbound);
                _open.Remove(outbound);
            }
            inbound.Dispose();
            outbound.Dispose();
        }
    }

    private async Task PumpAsync(NetworkStream from, NetworkStream to)
    {
        var buffer = new byte[16 * 1024];
        while (true)
        {
            var read = await from.ReadAsync(buffer, _stop.Token);
            if (read == 0) return;
            Task flowing;
            lock (_gate) flowing = _flowing.Task;
            await flowing.WaitAsync(_stop.Token);
            await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
        }
    }

    public ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        Cut();
        _stop.Dispose();
        return ValueTask.CompletedTask;
    }
}
