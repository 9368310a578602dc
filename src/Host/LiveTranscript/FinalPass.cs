using MeetingAssist.Host.Queue;
using MeetingAssist.Transcribe;
using MeetingAssist.Transcribe.Live;
using Microsoft.Extensions.Options;

namespace MeetingAssist.Host.LiveTranscript;

/// <summary>
/// The final text of one piece of a meeting's speech: recognised fast, checked by the guard, stored or dropped,
/// and queued for a second look when it may be improved.
/// </summary>
public sealed class FinalPass(MeetingProcessors processors, LiveGuard guard, LivePassages passages, SecondLooks secondLooks,
    LiveMeetingService live, IOptions<LiveOptions> options)
{
    public async Task RecogniseAsync(int meetingId, SpeechJob job, CancellationToken ct)
    {
        var recogniser = await processors.ForAsync(meetingId, ct);
        if (recogniser is null) return;
        var turn = live.LoadedTurns(meetingId).FirstOrDefault(t => t.TurnId == job.TurnId);
        if (turn is null || turn.Voided) return;
        var duration = TimeSpan.FromSeconds(job.Samples.Length / (double)WhisperProcessor.SampleRate);
        // The encoder's cost is set by its context, not by the audio: a 3-second piece over the full 30-second window
        // costs as much as 30 seconds of speech. Fitted to the piece, the text lands well within two seconds of the
        // turn's end; the second look then recognises it over the full window the model was trained on.
        var settings = options.Value;
        var whisper = settings.FastFinalPass
            ? recogniser.Processor.Options with { AudioContext = WhisperOptions.AudioContextFor(job.Samples.Length) }
            : recogniser.Processor.Options;
        var fitted = whisper.AudioContext is > 0 and < WhisperOptions.FullAudioContext;
        await foreach (var segment in recogniser.Processor.ProcessAsync(job.Samples, whisper, ct))
        {
            var verdict = guard.Check(segment, duration, job.VadSpeechRatio, whisper.InitialPrompt);
            LiveSegmentRow? row = null;
            if (verdict.Verdict == GuardVerdict.Drop)
                passages.Dropped(meetingId, job.TurnId, verdict);
            else
                row = await passages.AddAsync(meetingId, job, turn, segment, verdict, recogniser.ModelName, whisper, ct);
            if (SecondLookDecision.Worth(settings.SecondLook, verdict, fitted))
                secondLooks.Queue(new SecondLook(meetingId, job, segment.Start, segment.End, row?.Id,
                    new FirstPass(verdict.Verdict, segment.AverageTokenProbability, fitted)));
        }
    }
}
