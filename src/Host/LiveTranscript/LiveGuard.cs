using MeetingAssist.Transcribe;
using MeetingAssist.Transcribe.Live;
using Microsoft.Extensions.Options;

namespace MeetingAssist.Host.LiveTranscript;

/// <summary>The hallucination guard with the hall's thresholds, as every live pass applies it to a recognised segment.</summary>
public sealed class LiveGuard(IOptions<LiveOptions> options)
{
    private readonly HallucinationGuard _guard = new()
    {
        MinVadSpeechRatio = options.Value.Guard.MinVadSpeechRatio,
        NoSpeechThreshold = options.Value.Guard.NoSpeechThreshold,
        LowConfidence = options.Value.Guard.LowConfidence,
        TimestampTolerance = TimeSpan.FromMilliseconds(options.Value.Guard.TimestampToleranceMs),
    };

    public GuardResult Check(TranscriptSegment segment, TimeSpan duration, double vadSpeechRatio, string? prompt) =>
        _guard.Check(new SegmentEvidence(segment.Text, segment.Start, segment.End, duration,
            segment.AverageTokenProbability, segment.NoSpeechProbability, vadSpeechRatio, prompt));
}
