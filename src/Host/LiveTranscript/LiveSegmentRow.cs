namespace MeetingAssist.Host.LiveTranscript;

/// <summary>One recognised passage of the live draft transcript, attributed to the floor turn it was spoken in.</summary>
public sealed class LiveSegmentRow
{
    public long Id { get; set; }
    public int MeetingId { get; set; }
    public int TurnId { get; set; }
    public required string SpeakerName { get; set; }
    public string SpeakerAffiliation { get; set; } = "";
    public string SpeakerRole { get; set; } = "";
    public string TurnKind { get; set; } = "";
    /// <summary>Server clock, Unix milliseconds.</summary>
    public long StartMs { get; set; }
    public long EndMs { get; set; }
    public required string Text { get; set; }
    public float Confidence { get; set; }
    public float NoSpeechProbability { get; set; }
    public double VadSpeechRatio { get; set; }
    /// <summary>Set when the hallucination guard kept the text but wants the secretary to check it.</summary>
    public string? Flag { get; set; }
    public string ModelName { get; set; } = "";
    public string Parameters { get; set; } = "";
}

/// <param name="Voided">
/// The turn was voided after the passage was stored (the chair undid a floor given by mistake): the passage stays in
/// the draft, marked, but no longer counts as that speaker's words.
/// </param>
public sealed record LiveSegmentDto(
    long Id, int MeetingId, int TurnId, string SpeakerName, string SpeakerAffiliation, string SpeakerRole, string TurnKind,
    long StartMs, long EndMs, string Text, float Confidence, float NoSpeechProbability, double VadSpeechRatio, string? Flag, string ModelName, string Parameters,
    bool Voided = false)
{
    public const string VoidedFlag = "Lượt phát biểu này đã bị hủy (chủ tọa hoàn tác), đoạn này không tính là lời của người được gọi nhầm.";

    public static LiveSegmentDto From(LiveSegmentRow r) => new(r.Id, r.MeetingId, r.TurnId, r.SpeakerName, r.SpeakerAffiliation,
        r.SpeakerRole, r.TurnKind, r.StartMs, r.EndMs, r.Text, r.Confidence, r.NoSpeechProbability, r.VadSpeechRatio, r.Flag, r.ModelName, r.Parameters);

    /// <summary>The passage of a voided turn: marked, and without the name of the person the floor was given to by mistake.</summary>
    public static LiveSegmentDto FromVoided(LiveSegmentRow r) => From(r) with
    {
        SpeakerName = "",
        SpeakerAffiliation = "",
        SpeakerRole = "",
        Flag = r.Flag is null ? VoidedFlag : VoidedFlag + " " + r.Flag,
        Voided = true,
    };
}

/// <summary>
/// Live caption of the current speaker; partial text is replaced by the final segment. <see cref="AtMs"/> is the
/// end of the audio the text covers (server clock), so a screen can tell how fresh the caption is.
/// </summary>
public sealed record CaptionDto(int MeetingId, int TurnId, string SpeakerName, string Text, bool IsFinal, long AtMs);
