using System.Collections.Concurrent;
using System.Globalization;
using MeetingAssist.Host.Data;
using MeetingAssist.Host.Queue;
using MeetingAssist.Transcribe.Live;
using MeetingAssist.Transcribe.Vad;
using Microsoft.Extensions.Options;

namespace MeetingAssist.Host.LiveTranscript;

/// <summary>
/// The capture in progress for each meeting: audio in (from the sound desk or server capture), recorded, and cut
/// into speech jobs that go to the <see cref="SpeechJobQueue"/>.
/// </summary>
public sealed partial class LiveSessions
{
    /// <summary>A capture silent this long (link cut, microphone off) has its open speech closed, so the last words are not held back.</summary>
    private static readonly TimeSpan QuietCapture = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<int, LiveSession> _sessions = new();
    private readonly SpeechJobQueue _jobs;
    private readonly LiveMeetingService _live;
    private readonly LiveOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<LiveSessions> _logger;
    private readonly string _recordingsFolder;

    public LiveSessions(SpeechJobQueue jobs, LiveMeetingService live, IOptions<LiveOptions> options, IOptions<DataOptions> data,
        TimeProvider time, ILogger<LiveSessions> logger)
    {
        _jobs = jobs;
        _live = live;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _recordingsFolder = Path.Combine(Path.GetFullPath(data.Value.Folder), "recordings", "live");
        (Vad, VadFallbackReason) = SharedVoiceDetector.Get();
        if (VadFallbackReason is not null) LogVadFallback(VadFallbackReason);
    }

    public IVoiceActivityModel Vad { get; }

    /// <summary>Why the energy gate stands in for the neural detector; null when Silero is in use.</summary>
    public string? VadFallbackReason { get; }

    public string RecordingFolder(int meetingId) => Path.Combine(_recordingsFolder, meetingId.ToString(CultureInfo.InvariantCulture));

    public LiveSession? Of(int meetingId) => _sessions.GetValueOrDefault(meetingId);

    /// <summary>Starts (or continues) a capture; a different capture start replaces the previous session.</summary>
    public async Task<LiveSession> SessionAsync(int meetingId, string source, long captureStartMs)
    {
        await _live.TurnsAsync(meetingId); // loads the meeting, so turns are in memory for the audio path
        if (_sessions.TryGetValue(meetingId, out var existing) && existing.CaptureStartMs == captureStartMs && existing.Source == source)
            return existing;
        var session = new LiveSession(meetingId, source, captureStartMs, RecordingFolder(meetingId), Vad, () => Windows(meetingId), _options, _time);
        if (_sessions.TryGetValue(meetingId, out var previous))
        {
            _sessions[meetingId] = session;
            await _jobs.EnqueueAsync(meetingId, await previous.FlushAsync(_live.NowMs));
            await previous.DisposeAsync();
        }
        else
        {
            _sessions[meetingId] = session;
        }
        LogCaptureStarted(meetingId, source);
        return session;
    }

    public async Task PushAsync(LiveSession session, long sampleIndex, float[] samples, CancellationToken ct)
    {
        var jobs = await session.PushAsync(sampleIndex, samples, _live.NowMs, ct);
        await _jobs.EnqueueAsync(session.MeetingId, jobs);
    }

    /// <summary>The capture stopped: what was said so far still gets recognised.</summary>
    public async Task EndAsync(LiveSession session) =>
        await _jobs.EnqueueAsync(session.MeetingId, await session.FlushAsync(_live.NowMs, finishRecording: true));

    public ICollection<LiveSession> All => _sessions.Values;

    /// <summary>A capture that went quiet (link cut, microphone off) must not hold the last words back.</summary>
    public bool WentQuiet(LiveSession session) => _time.GetUtcNow() - session.LastAudio > QuietCapture;

    /// <summary>The speech a capture has open (not yet a final job), for a caption; null when there is none.</summary>
    public Task<SpeechJob?> OpenSpeechAsync(LiveSession session) => session.OpenSpeechAsync(_live.NowMs);

    /// <summary>Closes the open speech of a capture: it becomes a final job.</summary>
    public async Task FlushAsync(LiveSession session) =>
        await _jobs.EnqueueAsync(session.MeetingId, await session.FlushAsync(_live.NowMs));

    private IReadOnlyList<FloorWindow> Windows(int meetingId) =>
        _live.LoadedTurns(meetingId).Where(t => !t.Voided).Select(t => new FloorWindow(t.TurnId, t.StartedAtMs, t.EndedAtMs)).ToList();

    /// <summary>The server stops: every recording is completed on disk.</summary>
    public async Task CloseAllAsync()
    {
        foreach (var session in _sessions.Values) await session.DisposeAsync();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Voice activity: using the energy gate: {Reason}")]
    private partial void LogVadFallback(string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Meeting {MeetingId}: audio capture started from {Source}")]
    private partial void LogCaptureStarted(int meetingId, string source);
}
