using System.Collections.Concurrent;
using System.Diagnostics;
using MeetingAssist.Host.Queue;
using MeetingAssist.Transcribe;
using Microsoft.Extensions.Options;

namespace MeetingAssist.Host.LiveTranscript;

public sealed record ServerCaptureRequest(string? Device);

/// <summary>A device that is not one the server offers; the page shows the message.</summary>
public sealed class CaptureDeviceException(string message) : Exception(message);

/// <summary>Too many capture starts for one meeting in the last hour; each start can begin a new recording file.</summary>
public sealed class CaptureLimitException(string message) : Exception(message);

/// <summary>
/// Reads the hall microphone on the server with ffmpeg (ALSA/PulseAudio on Linux, DirectShow on Windows) and
/// feeds the live sessions. If ffmpeg dies, it is started again within a second, and the audio continues on the
/// same timeline (the gap becomes silence). Only devices from <see cref="CaptureDevices"/> can be opened.
/// </summary>
public sealed partial class ServerCapture(LiveSessions sessions, LiveCounters counters, LiveMeetingService live, CaptureDevices devices,
    IOptions<LiveOptions> options, TimeProvider time, ILogger<ServerCapture> logger)
{
    private readonly ConcurrentDictionary<int, Capture> _captures = new();
    private readonly ConcurrentDictionary<int, Stopped> _stopped = new();
    private readonly ConcurrentDictionary<int, Queue<DateTimeOffset>> _starts = new();
    private readonly SemaphoreSlim _startStop = new(1, 1);

    private sealed class Capture
    {
        public required CancellationTokenSource Stop { get; init; }
        public required Task Loop { get; set; }
        public required string DeviceId { get; init; }
        public required long CaptureStartMs { get; init; }
        public Process? Process { get; set; }
    }

    /// <summary>The last capture of a meeting, so a start soon after a stop continues its timeline.</summary>
    private sealed record Stopped(string DeviceId, long CaptureStartMs, long StoppedAtMs);

    public bool IsRunning(int meetingId) => _captures.ContainsKey(meetingId);

    public string? DeviceId(int meetingId) => _captures.TryGetValue(meetingId, out var c) ? c.DeviceId : null;

    /// <summary>The ffmpeg process id, for operators (and tests) who need to see it.</summary>
    public int? ProcessId(int meetingId) =>
        _captures.TryGetValue(meetingId, out var c) && c.Process is { HasExited: false } p ? p.Id : null;

    /// <summary>
    /// Starts capturing from a listed device. Starting again with the device already running changes nothing;
    /// a start soon after a stop continues the same capture timeline instead of beginning a new one.
    /// </summary>
    public async Task StartAsync(int meetingId, ServerCaptureRequest request)
    {
        var device = await devices.FindAsync(string.IsNullOrWhiteSpace(request.Device) ? CaptureDevices.ConfiguredId : request.Device)
            ?? throw new CaptureDeviceException("Thiết bị thu âm không có trong danh sách của máy chủ. Hãy chọn một thiết bị trong danh sách.");
        await live.TurnsAsync(meetingId);
        await _startStop.WaitAsync();
        try
        {
            if (_captures.TryGetValue(meetingId, out var running))
            {
                if (running.DeviceId == device.Id) return;
                throw new MeetingRuleException("Máy chủ đang thu âm bằng thiết bị khác cho hội nghị này; hãy dừng thu trước.");
            }
            CountStart(meetingId);
            var now = live.NowMs;
            var settings = options.Value;
            // Continue the previous timeline when the pause is short enough to be filled with silence.
            var captureStart = _stopped.TryGetValue(meetingId, out var previous) && previous.DeviceId == device.Id
                && now - previous.StoppedAtMs < (settings.MaxGapSeconds - 1) * 1000L
                ? previous.CaptureStartMs
                : now;
            var capture = new Capture { Stop = new CancellationTokenSource(), Loop = Task.CompletedTask, DeviceId = device.Id, CaptureStartMs = captureStart };
            var session = await sessions.SessionAsync(meetingId, "server:" + device.Id, captureStart);
            _captures[meetingId] = capture;
            capture.Loop = Task.Run(() => RunAsync(meetingId, session, device, capture));
        }
        finally
        {
            _startStop.Release();
        }
    }

    private void CountStart(int meetingId)
    {
        var limit = options.Value.ServerCapture.MaxStartsPerHour;
        var starts = _starts.GetOrAdd(meetingId, _ => new Queue<DateTimeOffset>());
        var now = time.GetUtcNow();
        while (starts.Count > 0 && now - starts.Peek() > TimeSpan.FromHours(1)) starts.Dequeue();
        if (starts.Count >= limit)
            throw new CaptureLimitException($"Đã bắt đầu thu trên máy chủ {limit} lần trong một giờ cho hội nghị này; hãy kiểm tra thiết bị rồi thử lại sau.");
        starts.Enqueue(now);
    }

    public async Task StopAsync(int meetingId)
    {
        await _startStop.WaitAsync();
        try
        {
            if (!_captures.TryRemove(meetingId, out var capture)) return;
            await capture.Stop.CancelAsync();
            try { capture.Process?.Kill(); } catch (InvalidOperationException) { }
            await capture.Loop;
            _stopped[meetingId] = new Stopped(capture.DeviceId, capture.CaptureStartMs, live.NowMs);
        }
        finally
        {
            _startStop.Release();
        }
    }

    private async Task RunAsync(int meetingId, LiveSession session, CaptureDevice device, Capture capture)
    {
        var ct = capture.Stop.Token;
        var buffer = new byte[3200]; // 100 ms of 16-bit mono at 16 kHz
        // A continued timeline places its first audio by the wall clock, like a restart.
        var restarted = session.NextSample > 0;
        while (!ct.IsCancellationRequested)
        {
            // Format and input come from the server's own device list (CaptureDevices), never from a request.
            string[] arguments = ["-hide_banner", "-loglevel", "error", "-nostdin", .. (device.Realtime ? ["-re"] : Array.Empty<string>()),
                "-f", device.Format, "-i", device.Input, "-ac", "1", "-ar", "16000", "-f", "s16le", "pipe:1"];
            try
            {
                capture.Process = Ffmpeg.Start(FfmpegProgram.Ffmpeg, arguments);
                capture.Process.ErrorDataReceived += (_, e) => { if (e.Data is not null) LogFfmpeg(meetingId, e.Data); };
                capture.Process.BeginErrorReadLine();
                var stdout = capture.Process.StandardOutput.BaseStream;
                var carry = 0;
                while (!ct.IsCancellationRequested)
                {
                    var read = await stdout.ReadAsync(buffer.AsMemory(carry), ct);
                    if (read == 0) break;
                    var total = carry + read;
                    var whole = total / 2 * 2;
                    var samples = AudioDecoder.FromPcm16(buffer.AsSpan(0, whole));
                    var index = session.NextSample;
                    if (restarted)
                    {
                        // Place the first audio after a restart by the wall clock: the time lost becomes silence.
                        index = Math.Max(index, (live.NowMs - session.CaptureStartMs) * 16 - samples.Length);
                        restarted = false;
                    }
                    await sessions.PushAsync(session, index, samples, ct);
                    carry = total - whole;
                    if (carry > 0) buffer[0] = buffer[whole];
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is AudioDecodeException or IOException or InvalidDataException)
            {
                LogCaptureError(ex, meetingId);
            }
            finally
            {
                try { if (capture.Process is { HasExited: false } p) p.Kill(); } catch (InvalidOperationException) { }
                capture.Process?.Dispose();
                capture.Process = null;
            }
            if (ct.IsCancellationRequested) break;
            counters.For(meetingId).CountCaptureRestart();
            restarted = true;
            LogRestart(meetingId);
            try { await Task.Delay(TimeSpan.FromSeconds(1), time, ct); } catch (OperationCanceledException) { break; }
        }
        await sessions.EndAsync(session);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Meeting {MeetingId}: server capture stopped unexpectedly; restarting")]
    private partial void LogRestart(int meetingId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Meeting {MeetingId}: server capture failed")]
    private partial void LogCaptureError(Exception ex, int meetingId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Meeting {MeetingId}: ffmpeg: {Line}")]
    private partial void LogFfmpeg(int meetingId, string line);
}
