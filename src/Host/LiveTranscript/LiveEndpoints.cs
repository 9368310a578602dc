using MeetingAssist.Host.Common;
using System.Buffers.Binary;
using System.Net.WebSockets;
using System.Text;
using MeetingAssist.Host.Access;
using MeetingAssist.Host.Data;
using MeetingAssist.Host.Queue;
using MeetingAssist.Transcribe;
using Microsoft.EntityFrameworkCore;

namespace MeetingAssist.Host.LiveTranscript;

public static class LiveEndpoints
{
    /// <summary>Bytes before the PCM in every audio message: first sample index, then the capture start on the server clock.</summary>
    public const int HeaderBytes = 16;

    private static readonly string[] StaffWhoCapture = [Roles.Secretary, Roles.Admin];

    public static IServiceCollection AddLiveTranscript(this IServiceCollection services)
    {
        services.AddOptions<LiveOptions>().BindConfiguration("MeetingAssist:Live").ValidatedOnStart();
        services.AddSingleton<LiveSegmentStore>();
        services.AddSingleton<LiveCounters>();
        services.AddSingleton<SpeechJobQueue>();
        services.AddSingleton<LiveSessions>();
        services.AddSingleton<LiveTranscriptPush>();
        services.AddSingleton<LiveGuard>();
        services.AddSingleton<LivePassages>();
        services.AddSingleton<MeetingProcessors>();
        services.AddSingleton<SecondLooks>();
        services.AddSingleton<FinalPass>();
        services.AddSingleton<CaptionPass>();
        services.AddSingleton<LiveStatus>();
        services.AddHostedService<LiveRecognitionWorker>();
        services.AddSingleton<CaptureDevices>();
        services.AddSingleton<ServerCapture>();
        return services;
    }

    public static void MapLiveTranscript(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/meetings/{id:int}/live").RequireAntiforgery();
        group.Map("/audio", Audio).RequireAuthorization(p => p.RequireRole(StaffWhoCapture));
        group.MapGet("/status", async (int id, LiveStatus status) => Results.Ok(await status.OfAsync(id)))
            .RequireAuthorization(p => p.RequireRole(Roles.All));
        group.MapGet("/segments", async (int id, MeetingDbContext db) =>
            {
                // Voiding is read from the turns at request time: a passage stored before the undo is marked too.
                var voided = (await db.FloorTurns.AsNoTracking().Where(t => t.MeetingId == id && t.Voided).Select(t => t.TurnId).ToListAsync()).ToHashSet();
                return (await db.LiveSegments.AsNoTracking().Where(s => s.MeetingId == id).OrderBy(s => s.StartMs).ToListAsync())
                    .Select(s => voided.Contains(s.TurnId) ? LiveSegmentDto.FromVoided(s) : LiveSegmentDto.From(s));
            })
            .RequireAuthorization(p => p.RequireRole(Roles.All));
        group.MapGet("/recordings", (int id, LiveSessions live) =>
                RecordingFiles(live, id).Select(f => new { file = Path.GetFileName(f.Path), startMs = f.StartMs }))
            .RequireAuthorization(p => p.RequireRole(Roles.All));
        group.MapGet("/recordings/{file}", (int id, string file, LiveSessions live) =>
            {
                var match = RecordingFiles(live, id).FirstOrDefault(f => Path.GetFileName(f.Path) == file);
                return match.Path is null
                    ? ApiProblems.NotFound("Không tìm thấy tệp ghi âm này.")
                    : Results.File(match.Path, "audio/ogg", enableRangeProcessing: true);
            })
            .RequireAuthorization(p => p.RequireRole(Roles.All));
        group.MapPost("/capture/start", async (int id, ServerCaptureRequest? request, ServerCapture capture) =>
            {
                try
                {
                    await capture.StartAsync(id, request ?? new ServerCaptureRequest(null));
                    return Results.Ok(new { running = true, pid = capture.ProcessId(id), device = capture.DeviceId(id) });
                }
                catch (CaptureDeviceException ex) { return ApiProblems.BadRequest(ex.Message); }
                catch (CaptureLimitException ex) { return ApiProblems.Problem(429, ex.Message); }
            })
            .RequireAuthorization(p => p.RequireRole(StaffWhoCapture));
        group.MapPost("/capture/stop", async (int id, ServerCapture capture) =>
            {
                await capture.StopAsync(id);
                return Results.Ok(new { running = false });
            })
            .RequireAuthorization(p => p.RequireRole(StaffWhoCapture));
        group.MapGet("/capture", (int id, ServerCapture capture) =>
                Results.Ok(new { running = capture.IsRunning(id), pid = capture.ProcessId(id), device = capture.DeviceId(id) }))
            .RequireAuthorization(p => p.RequireRole(Roles.All));
        group.MapGet("/capture/devices", async (CaptureDevices devices, CancellationToken ct) =>
                (await devices.ListAsync(ct)).Select(d => new CaptureDeviceDto(d.Id, d.Label)))
            .RequireAuthorization(p => p.RequireRole(StaffWhoCapture));
    }

    /// <summary>Recorded files on disk, so playback works after a restart too; name pattern audio-&lt;start ms&gt;.ogg.</summary>
    internal static IEnumerable<(string Path, long StartMs)> RecordingFiles(LiveSessions live, int meetingId)
    {
        var folder = live.RecordingFolder(meetingId);
        if (!Directory.Exists(folder)) yield break;
        foreach (var path in Directory.GetFiles(folder, "audio-*.ogg").Order())
        {
            var stem = Path.GetFileNameWithoutExtension(path)["audio-".Length..];
            if (long.TryParse(stem, out var start)) yield return (path, start);
        }
    }

    /// <summary>
    /// The sound desk streams 16 kHz mono PCM16 over a WebSocket. Each binary message is a header (first sample
    /// index, capture start in server-clock ms, both little-endian int64) and the samples. The server answers
    /// with the next sample it expects, so after a cut the page resends only what was not stored.
    /// </summary>
    private static async Task Audio(int id, HttpContext http, LiveSessions live, LiveMeetingService meetings)
    {
        if (!http.WebSockets.IsWebSocketRequest)
        {
            await ApiProblems.BadRequest("Địa chỉ này chỉ nhận luồng âm thanh (WebSocket).").ExecuteAsync(http);
            return;
        }
        // Browsers send cookies on cross-site WebSocket requests; only our own pages may stream audio.
        if (!SameOrigin.IsAllowed(http.Request))
        {
            http.Response.StatusCode = StatusCodes.Status403Forbidden;
            await ApiProblems.Problem(403, "Chỉ trang của MeetingAssist được gửi âm thanh.").ExecuteAsync(http);
            return;
        }
        try
        {
            await meetings.TurnsAsync(id);
        }
        catch (MeetingNotFoundException ex)
        {
            await ApiProblems.NotFound(ex.Message).ExecuteAsync(http);
            return;
        }

        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        var ct = http.RequestAborted;
        var message = new MemoryStream();
        var receive = new byte[64 * 1024];
        LiveSession? session = null;
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                message.SetLength(0);
                WebSocketReceiveResult result;
                do
                {
                    result = await socket.ReceiveAsync(receive, ct);
                    if (result.MessageType == WebSocketMessageType.Close) break;
                    message.Write(receive, 0, result.Count);
                    if (message.Length > 10 * 16_000 * 2 + HeaderBytes)
                        throw new InvalidDataException("Gói âm thanh quá lớn.");
                } while (!result.EndOfMessage);
                if (result.MessageType == WebSocketMessageType.Close) break;
                if (result.MessageType != WebSocketMessageType.Binary || message.Length < HeaderBytes || (message.Length - HeaderBytes) % 2 != 0)
                    throw new InvalidDataException("Gói âm thanh không đúng định dạng.");

                var (firstSample, captureStart, samples) = Parse(message);
                if (firstSample < 0 || Math.Abs(captureStart - meetings.NowMs) > TimeSpan.FromDays(1).TotalMilliseconds)
                    throw new InvalidDataException("Mốc thời gian của gói âm thanh không hợp lệ.");
                if (session is null || session.CaptureStartMs != captureStart)
                    session = await live.SessionAsync(id, "browser", captureStart);
                await live.PushAsync(session, firstSample, samples, ct);
                var ack = Encoding.UTF8.GetBytes($"{{\"next\":{session.NextSample}}}");
                await socket.SendAsync(ack, WebSocketMessageType.Text, true, ct);
            }
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        }
        catch (InvalidDataException ex)
        {
            // A client that sends garbage often hangs up at once too: telling it why must not turn into a server error.
            try
            {
                await socket.CloseAsync(WebSocketCloseStatus.InvalidPayloadData, Truncate(ex.Message), CancellationToken.None);
            }
            catch (WebSocketException)
            {
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // The link dropped; the page reconnects and resends from the last acknowledged sample.
        }
        finally
        {
            if (session is not null) await live.EndAsync(session);
        }
    }

    private static (long FirstSample, long CaptureStartMs, float[] Samples) Parse(MemoryStream message)
    {
        var bytes = message.GetBuffer().AsSpan(0, (int)message.Length);
        return (BinaryPrimitives.ReadInt64LittleEndian(bytes), BinaryPrimitives.ReadInt64LittleEndian(bytes[8..]),
            AudioDecoder.FromPcm16(bytes[HeaderBytes..]));
    }

    /// <summary>A close reason is limited to 123 bytes of UTF-8.</summary>
    private static string Truncate(string reason)
    {
        while (Encoding.UTF8.GetByteCount(reason) > 120) reason = reason[..^1];
        return reason;
    }
}
