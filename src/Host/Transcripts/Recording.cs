namespace MeetingAssist.Host.Transcripts;

public enum RecordingState { Queued, Running, Done, Failed, Cancelled }

/// <summary>An uploaded recording of a meeting and the state of its transcription job.</summary>
public sealed class Recording
{
    public int Id { get; set; }
    public int MeetingId { get; set; }
    /// <summary>The name the file had on the secretary's computer (NFC), shown in lists and exports.</summary>
    public required string OriginalFileName { get; set; }
    /// <summary>Path relative to the data folder, so the data folder can be moved as a whole.</summary>
    public required string StoredPath { get; set; }
    public long SizeBytes { get; set; }
    public long DurationMs { get; set; }
    public DateTime UploadedAtUtc { get; set; }
    public string UploadedBy { get; set; } = "";
    public RecordingState State { get; set; }
    /// <summary>0–100, from the end of the latest segment over the audio duration.</summary>
    public double Progress { get; set; }
    /// <summary>Vietnamese explanation when the job failed.</summary>
    public string? Error { get; set; }
    public string? ModelName { get; set; }
    public DateTime? StartedAtUtc { get; set; }
    public DateTime? FinishedAtUtc { get; set; }
    /// <summary>
    /// Set for a second pass over the meeting's own live recording (<see cref="SecondPassQueue"/>): the instant on the
    /// meeting clock its segments count from. Null for an uploaded file, whose start must be found or entered.
    /// </summary>
    public long? ClockStartMs { get; set; }
    /// <summary>The one turn a second pass was asked for; null for the whole meeting.</summary>
    public int? PassTurnId { get; set; }
}

/// <summary>One segment of a meeting's draft transcript, as the engine produced it.</summary>
public sealed class TranscriptSegmentRow
{
    public long Id { get; set; }
    public int MeetingId { get; set; }
    public int RecordingId { get; set; }
    public long StartMs { get; set; }
    public long EndMs { get; set; }
    public required string Text { get; set; }
    public float AverageTokenProbability { get; set; }
    public float NoSpeechProbability { get; set; }
    public required string ModelName { get; set; }
    public required string Parameters { get; set; }
}

public static class RecordingStateLabels
{
    public static string Label(RecordingState state) => state switch
    {
        RecordingState.Queued => "Chờ",
        RecordingState.Running => "Đang nhận dạng",
        RecordingState.Done => "Xong",
        RecordingState.Failed => "Lỗi",
        RecordingState.Cancelled => "Đã hủy",
    };
}
