using System.Collections.Concurrent;
using MeetingAssist.Host.Queue;
using MeetingAssist.Transcribe;
using MeetingAssist.Transcribe.Live;

namespace MeetingAssist.Host.LiveTranscript;

/// <summary>
/// A passage to recognise again over the full window with temperature fallback when the hall is quiet.
/// <see cref="RowId"/> is the stored segment to improve, if the first text was kept.
/// </summary>
public sealed record SecondLook(int MeetingId, SpeechJob Job, TimeSpan Start, TimeSpan End, long? RowId, FirstPass First);

/// <summary>
/// The waiting second looks, bounded, and taking one: recognise, let <see cref="SecondLookDecision"/> judge the
/// new text against the first, and store the winner in place (or add the passage the first pass dropped).
/// </summary>
public sealed class SecondLooks(MeetingProcessors processors, SpeechJobQueue jobs, LiveGuard guard, LivePassages passages,
    LiveMeetingService live, LiveCounters counters)
{
    /// <summary>
    /// Second looks hold their audio in memory until a quiet moment; a hall that never falls quiet must not grow
    /// the server without bound. Past this much waiting speech the oldest look is given up: its passage keeps
    /// the first text, and the status page counts it.
    /// </summary>
    private static readonly TimeSpan Backlog = TimeSpan.FromMinutes(30);

    private readonly ConcurrentQueue<SecondLook> _waiting = new();
    private long _waitingSamples;

    public int Pending(int meetingId) => _waiting.Count(l => l.MeetingId == meetingId);

    public void Queue(SecondLook look)
    {
        _waiting.Enqueue(look);
        Interlocked.Add(ref _waitingSamples, look.Job.Samples.Length);
        while (Interlocked.Read(ref _waitingSamples) > Backlog.TotalSeconds * WhisperProcessor.SampleRate && _waiting.TryDequeue(out var oldest))
        {
            Interlocked.Add(ref _waitingSamples, -oldest.Job.Samples.Length);
            counters.For(oldest.MeetingId).CountSecondLookSkipped();
        }
    }

    /// <summary>Takes one second look; false when a final job arrived and it gave way (it is queued again).</summary>
    public async Task<bool> TakeOneAsync(CancellationToken ct)
    {
        if (!_waiting.TryDequeue(out var look)) return true;
        Interlocked.Add(ref _waitingSamples, -look.Job.Samples.Length);
        var recogniser = await processors.ForAsync(look.MeetingId, ct);
        var turn = live.LoadedTurns(look.MeetingId).FirstOrDefault(t => t.TurnId == look.Job.TurnId);
        if (recogniser is null || turn is null || turn.Voided) return true;
        var from = Math.Clamp((int)(look.Start.TotalSeconds * WhisperProcessor.SampleRate), 0, look.Job.Samples.Length - 1);
        var to = Math.Clamp((int)(look.End.TotalSeconds * WhisperProcessor.SampleRate), from + 1, look.Job.Samples.Length);
        var samples = look.Job.Samples[from..to];
        var options = recogniser.Processor.Options with { TemperatureIncrement = 0.2f, AudioContext = 0 };
        var segments = new List<TranscriptSegment>();
        var finished = await jobs.GiveWayAsync(async token =>
        {
            await foreach (var segment in recogniser.Processor.ProcessAsync(samples, options, token)) segments.Add(segment);
        }, ct);
        if (!finished)
        {
            Queue(look);
            return false;
        }
        if (segments.Count == 0) return true;
        var duration = TimeSpan.FromSeconds(samples.Length / (double)WhisperProcessor.SampleRate);
        var best = SecondLookDecision.Best(
            segments.Select(s => (Segment: s, Verdict: guard.Check(s, duration, look.Job.VadSpeechRatio, options.InitialPrompt))).ToList(),
            c => c.Verdict.Verdict, c => c.Segment.AverageTokenProbability);
        // No better than what the secretary already has: the first text stays.
        if (!SecondLookDecision.Wins(best.Verdict.Verdict, best.Segment.AverageTokenProbability, look.First)) return true;
        var shifted = best.Segment with { Start = best.Segment.Start + look.Start, End = best.Segment.End + look.Start };
        if (look.RowId is { } id)
        {
            if (!await passages.ImproveAsync(look.MeetingId, id, shifted, best.Verdict, recogniser.ModelName, options, ct)) return true;
        }
        else
        {
            await passages.AddAsync(look.MeetingId, look.Job, turn, shifted, best.Verdict, recogniser.ModelName, options, ct);
        }
        counters.For(look.MeetingId).CountSecondLookImproved();
        return true;
    }
}
