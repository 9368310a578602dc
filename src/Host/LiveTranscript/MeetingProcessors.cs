using MeetingAssist.Host.Queue;
using MeetingAssist.Host.Transcripts;
using MeetingAssist.Transcribe;

namespace MeetingAssist.Host.LiveTranscript;

/// <summary>A meeting's recogniser: the model it runs on and the initial prompt built from the meeting.</summary>
public sealed record MeetingProcessor(WhisperFactory Factory, WhisperProcessor Processor, string Prompt)
{
    public string ModelName => Path.GetFileName(Factory.Model.Path);
}

/// <summary>
/// One whisper processor per meeting, shared by its final passes, captions and second looks, made again when the
/// active model or the meeting's prompt (speakers, responders, agenda) changes. Used by the recognition worker
/// only, one call at a time.
/// </summary>
public sealed class MeetingProcessors(SpeechService speech, LiveMeetingService live)
{
    private readonly Dictionary<int, MeetingProcessor> _processors = new();

    /// <summary>The meeting's processor; null without an engine or a model (the audio is recorded anyway; the status says why).</summary>
    public async Task<MeetingProcessor?> ForAsync(int meetingId, CancellationToken ct)
    {
        WhisperFactory factory;
        try
        {
            factory = await speech.AcquireAsync(ct);
        }
        catch (SpeechUnavailableException)
        {
            return null;
        }
        var prompt = await PromptAsync(meetingId);
        if (_processors.TryGetValue(meetingId, out var cached) && cached.Factory == factory && cached.Prompt == prompt) return cached;
        if (cached is not null) await cached.Processor.DisposeAsync();
        // Each job is one stretch of speech already cut at pauses (at most 30 s), so it is decoded as text only,
        // one segment spanning the job: its times are the job's own, set by the voice detector and floor events.
        var options = speech.Options.ToWhisperOptions() with
        {
            InitialPrompt = prompt,
            TextOnly = true,
            TemperatureIncrement = 0f,
        };
        var made = new MeetingProcessor(factory, factory.CreateProcessor(options), prompt);
        _processors[meetingId] = made;
        return made;
    }

    private async Task<string> PromptAsync(int meetingId)
    {
        var snapshot = await live.SnapshotAsync(meetingId, staff: true);
        var speakers = snapshot.Queue.Concat(snapshot.Finished ?? []).Select(r => (r.Speaker.Name, r.Speaker.Affiliation));
        var responders = (snapshot.Responders ?? []).Select(r => (r.Name, r.Title));
        return InitialPrompt.Build(snapshot.Meeting.Title, snapshot.Agenda, speakers, responders);
    }

    public async Task DisposeAllAsync()
    {
        foreach (var p in _processors.Values) await p.Processor.DisposeAsync();
        _processors.Clear();
    }
}
