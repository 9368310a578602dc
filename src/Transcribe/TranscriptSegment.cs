namespace MeetingAssist.Transcribe;

/// <summary>One timed passage of recognised speech.</summary>
public sealed record TranscriptSegment(TimeSpan Start, TimeSpan End, string Text);
