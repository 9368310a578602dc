using MeetingAssist.Host.Queue;
using MeetingAssist.Transcribe;
using MeetingAssist.Transcribe.Live;
using Microsoft.Extensions.Options;

namespace MeetingAssist.Host.LiveTranscript;

/// <summary>
/// Partial captions of the current speaker: a quick pass over the tail of the open speech, on its own clock (at
/// most every <see cref="LiveOptions.CaptionIntervalMs"/>), giving way to any final job.
/// </summary>
public sealed class CaptionPass(MeetingProcessors processors, SpeechJobQueue jobs, LiveGuard guard, LiveTranscriptPush push,
    LiveMeetingService live, IOptions<LiveOptions> options, TimeProvider time)
{
    private bool _lastCutShort;

    /// <summary>When the next caption pass may start: counted from the last one's start, whether it finished or gave way.</summary>
    public DateTimeOffset NextDue { get; private set; } = DateTimeOffset.MinValue;

    /// <summary>Captions a meeting's open speech; false when a final job arrived and the pass gave way.</summary>
    public async Task<bool> CaptionAsync(int meetingId, SpeechJob open, CancellationToken ct)
    {
        var recogniser = await processors.ForAsync(meetingId, ct);
        if (recogniser is null) return true;
        var turn = live.LoadedTurns(meetingId).FirstOrDefault(t => t.TurnId == open.TurnId);
        if (turn is null) return true;
        var text = await TextAsync(recogniser.Processor, Tail(open.Samples), ct);
        if (text is null) return false;
        if (text.Length > 0)
            await push.CaptionAsync(new CaptionDto(meetingId, open.TurnId, turn.Speaker.Name, text, false, open.EndMs));
        return true;
    }

    private float[] Tail(float[] open)
    {
        var keep = options.Value.CaptionSeconds * WhisperProcessor.SampleRate;
        return open.Length <= keep ? open : open[^keep..];
    }

    /// <summary>A quick pass over the tail of the open speech; null when a final job cut it short.</summary>
    private async Task<string?> TextAsync(WhisperProcessor processor, float[] tail, CancellationToken ct)
    {
        NextDue = time.GetUtcNow().AddMilliseconds(options.Value.CaptionIntervalMs);
        // Greedy decoding of speech cut off mid-word often loops; one sampled retry at a time (at most two) costs
        // little over this short context and turns most loops into readable words. Finals never wait for it.
        // A caption pass cut short by the next final job shows nothing; after one, the next tries a single greedy
        // pass so that something fits between final jobs on a busy worker.
        var whisper = processor.Options with
        {
            TemperatureIncrement = _lastCutShort ? 0f : 0.5f,
            BestOf = 1,
            AudioContext = WhisperOptions.AudioContextFor(tail.Length),
        };
        var duration = TimeSpan.FromSeconds(tail.Length / (double)WhisperProcessor.SampleRate);
        var text = new List<string>();
        var finished = await jobs.GiveWayAsync(async token =>
        {
            await foreach (var segment in processor.ProcessAsync(tail, whisper, token))
            {
                var verdict = guard.Check(segment, duration, 1, whisper.InitialPrompt);
                if (verdict.Verdict != GuardVerdict.Drop) text.Add(verdict.Text);
            }
        }, ct);
        _lastCutShort = !finished;
        return finished ? string.Join(" ", text) : null;
    }
}
