namespace MeetingAssist.Transcribe;

/// <summary>One timed passage of recognised speech.</summary>
/// <param name="Start">Offset of the passage from the start of the audio.</param>
/// <param name="End">Offset where the passage ends.</param>
/// <param name="Text">Recognised text, NFC-normalised so Vietnamese diacritics compare and index reliably.</param>
/// <param name="AverageTokenProbability">Mean probability of the text tokens (0–1); low values mark doubtful passages.</param>
/// <param name="NoSpeechProbability">The model's estimate that the window held no speech at all.</param>
public sealed record TranscriptSegment(
    TimeSpan Start,
    TimeSpan End,
    string Text,
    float AverageTokenProbability = 0f,
    float NoSpeechProbability = 0f);
