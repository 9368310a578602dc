using System.Buffers.Binary;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using MeetingAssist.Host.Tests.Integration;

namespace MeetingAssist.Host.Tests.LiveTranscript;

/// <summary>Speaks the sound desk's protocol: header (first sample, capture start) + PCM16, acknowledged with the next expected sample.</summary>
public sealed class AudioStream(ClientWebSocket socket, long captureStartMs) : IAsyncDisposable
{
    public const int Rate = 16_000;

    public ClientWebSocket Socket { get; } = socket;

    public static async Task<AudioStream> ConnectAsync(StaffClient client, int meetingId, long captureStartMs, string? origin = null)
    {
        var socket = new ClientWebSocket();
        socket.Options.Cookies = client.Cookies;
        if (origin is not null) socket.Options.SetRequestHeader("Origin", origin);
        var uri = new UriBuilder(client.BaseAddress) { Scheme = "ws", Path = $"/api/meetings/{meetingId}/live/audio" }.Uri;
        await socket.ConnectAsync(uri, CancellationToken.None);
        return new AudioStream(socket, captureStartMs);
    }

    /// <summary>Sends one block and returns the server's next expected sample.</summary>
    public async Task<long> SendAsync(long firstSample, ReadOnlyMemory<float> block)
    {
        var message = Encode(firstSample, block.Span);
        await Socket.SendAsync(message, WebSocketMessageType.Binary, true, CancellationToken.None);
        return await ReadNextAsync();
    }

    private byte[] Encode(long firstSample, ReadOnlySpan<float> samples)
    {
        var message = new byte[16 + samples.Length * 2];
        BinaryPrimitives.WriteInt64LittleEndian(message, firstSample);
        BinaryPrimitives.WriteInt64LittleEndian(message.AsSpan(8), captureStartMs);
        for (var i = 0; i < samples.Length; i++)
            BinaryPrimitives.WriteInt16LittleEndian(message.AsSpan(16 + 2 * i), (short)Math.Clamp(samples[i] * 32767f, short.MinValue, short.MaxValue));
        return message;
    }

    /// <summary>Streams a whole buffer in 100 ms blocks.</summary>
    public async Task<long> SendAllAsync(float[] samples, long firstSample = 0)
    {
        long next = 0;
        for (var i = 0; i < samples.Length; i += Rate / 10)
            next = await SendAsync(firstSample + i, samples.AsMemory(i, Math.Min(Rate / 10, samples.Length - i)));
        return next;
    }

    public async Task<long> ReadNextAsync()
    {
        var buffer = new byte[256];
        var result = await Socket.ReceiveAsync(buffer, new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);
        if (result.MessageType == WebSocketMessageType.Close)
            throw new InvalidOperationException($"Server closed the audio link: {result.CloseStatus} {result.CloseStatusDescription}");
        return JsonDocument.Parse(Encoding.UTF8.GetString(buffer, 0, result.Count)).RootElement.GetProperty("next").GetInt64();
    }

    public async ValueTask DisposeAsync()
    {
        if (Socket.State == WebSocketState.Open)
            await Socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        Socket.Dispose();
    }
}
