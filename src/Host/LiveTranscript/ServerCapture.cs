using System.Collections.Concurrent;
using System.Diagnostics;
using MeetingAssist.Host.Queue;
using MeetingAssist.Transcribe;
using Microsoft.Extensions.Options;

namespace MeetingAssist.Host.LiveTranscript;

public sealed record ServerCaptureRequest(string? Format, string? Device);

/// <summary>
/// Reads the hall microphone on the server with ffmpeg (ALSA/PulseAudio on Linux, DirectShow on Windows) and
/// feeds the live pipeline. If ffmpeg dies, it is started again within a second, and the audio continues on the
/// same timeline (the gap becomes silence).
/// </summary>
public sealed partial class ServerCapture(LiveTranscriptService pipeline, LiveMeetingService live, IOptions<LiveOptions> options, ILogger<ServerCapture> logger)
{
    private readonly ConcurrentDictionary<int, Capture> _captures = new();

    private sealed class Capture
    {
        public required CancellationTokenSource Stop { get; init; }
        public required Task Loop { get; set; }
        public Process? Process { get; set; }
        public string Input { get; set; } = "";
    }

    public bool IsRunning(int meetingId) => _captures.ContainsKey(meetingId);

    /// <summary>The ffmpeg process id, for operators (and tests) who need to see it.</summary>
    public int? ProcessId(int meetingId) =>
        _captures.TryGetValue(meetingId, out var c) && c.Process is { HasExited: false } p ? p.Id : null;

    public async Task StartAsync(int meetingId, ServerCaptureRequest request)
    {
        if (_captures.ContainsKey(meetingId)) throw new MeetingRuleException("Máy chủ đang thu âm cho hội nghị này.");
        var settings = options.Value.ServerCapture;
        var format = string.IsNullOrWhiteSpace(request.Format) ? settings.Format : request.Format.Trim();
        var device = string.IsNullOrWhiteSpace(request.Device) ? settings.Device : request.Device.Trim();
        if (format is not ("alsa" or "pulse" or "dshow" or "avfoundation" or "lavfi"))
            throw new MeetingRuleException("Kiểu thiết bị thu âm không hợp lệ (alsa, pulse, dshow, avfoundation hoặc lavfi).");
        await live.TurnsAsync(meetingId);
        var capture = new Capture { Stop = new CancellationTokenSource(), Loop = Task.CompletedTask, Input = $"{format}:{device}" };
        _captures[meetingId] = capture;
        var captureStart = live.NowMs;
        var session = await pipeline.SessionAsync(meetingId, "server:" + capture.Input, captureStart);
        capture.Loop = Task.Run(() => RunAsync(meetingId, session, format, device, settings.Realtime || format == "lavfi", capture));
    }

    public async Task StopAsync(int meetingId)
    {
        if (!_captures.TryRemove(meetingId, out var capture)) return;
        await capture.Stop.CancelAsync();
        try { capture.Process?.Kill(); } catch (InvalidOperationException) { }
        await capture.Loop;
    }

    private async Task RunAsync(int meetingId, LiveSession session, string format, string device, bool realtime, Capture capture)
    {
        var ct = capture.Stop.Token;
        var buffer = new byte[3200]; // 100 ms of 16-bit mono at 16 kHz
        var restarted = false;
        while (!ct.IsCancellationRequested)
        {
            var info = new ProcessStartInfo(AudioDecoder.FfmpegPath) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var arg in (string[])["-hide_banner", "-loglevel", "error", "-nostdin", .. (realtime ? ["-re"] : Array.Empty<string>()),
                         "-f", format, "-i", device, "-ac", "1", "-ar", "16000", "-f", "s16le", "pipe:1"])
                info.ArgumentList.Add(arg);
            try
            {
                capture.Process = Process.Start(info)!;
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
                    await pipeline.PushAsync(session, index, samples, ct);
                    carry = total - whole;
                    if (carry > 0) buffer[0] = buffer[whole];
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or IOException or InvalidDataException)
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
            pipeline.CountCaptureRestart(meetingId);
            restarted = true;
            LogRestart(meetingId);
            try { await Task.Delay(1000, ct); } catch (OperationCanceledException) { break; }
        }
        await pipeline.EndAsync(session);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Meeting {MeetingId}: server capture stopped unexpectedly; restarting")]
    private partial void LogRestart(int meetingId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Meeting {MeetingId}: server capture failed")]
    private partial void LogCaptureError(Exception ex, int meetingId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Meeting {MeetingId}: ffmpeg: {Line}")]
    private partial void LogFfmpeg(int meetingId, string line);
}
