using System.Globalization;
using MeetingAssist.Host.Meetings;
using MeetingAssist.Host.Queue;

namespace MeetingAssist.Host.Minutes;

/// <summary>A floor turn as the minutes need it: who, what kind, about which statements, when.</summary>
public sealed record MinutesTurn(
    int TurnId, TurnKind Kind, string SpeakerName, string Affiliation, string? Title, int? RequestId,
    IReadOnlyList<int> About, long StartedAtMs, long? EndedAtMs, bool Voided);

/// <summary>A citizen's registered request: the topic of the statement header comes from here, never retyped.</summary>
public sealed record MinutesRequest(int RequestId, string Name, string Affiliation, string Topic);

public sealed record AttendanceCount(string Group, int Count);

public sealed record MinutesResponder(string Name, string Title);

/// <summary>Everything the biên bản is composed from, read in one go so composing is a pure function.</summary>
public sealed record MinutesInput(
    Meeting Meeting,
    IReadOnlyList<string> Agenda,
    IReadOnlyList<MinutesResponder> Responders,
    long? StartedAtMs,
    IReadOnlyList<MinutesTurn> Turns,
    IReadOnlyDictionary<int, MinutesRequest> Requests,
    MinutesDraft Draft,
    IReadOnlyDictionary<int, MinutesTurnChoice> Choices,
    IReadOnlyDictionary<int, string> Verbatim)
{
    /// <summary>The turns that count, in the order they were given: a voided turn (floor given by mistake) is not part of the record.</summary>
    public IEnumerable<MinutesTurn> RecordedTurns => Turns.Where(t => !t.Voided).OrderBy(t => t.StartedAtMs).ThenBy(t => t.TurnId);

    public IReadOnlyList<AttendanceCount> Attendance => MinutesJson.Attendance(Draft.AttendanceJson);

    public IReadOnlyList<string> Conclusions => MinutesJson.Strings(Draft.ConclusionsJson);

    /// <summary>One conclusion slot per agenda item, or a single one when the meeting has no agenda.</summary>
    public IReadOnlyList<string> ConclusionLabels => Agenda.Count > 0 ? Agenda : ["Kết luận chung"];

    public TurnTextMode ModeOf(int turnId) => Choices.TryGetValue(turnId, out var c) ? c.Mode : TurnTextMode.Verbatim;

    public string SummaryOf(int turnId) => Choices.TryGetValue(turnId, out var c) ? c.Summary : "";

    public string VerbatimOf(int turnId) => Verbatim.TryGetValue(turnId, out var text) ? text : "";

    /// <summary>The header of a turn in the minutes, from the floor log: "Nguyễn Văn Bình (Thôn Đông) phát biểu về: …".</summary>
    public string HeaderOf(MinutesTurn turn)
    {
        var who = turn.SpeakerName + (turn.Affiliation.Length > 0 ? $" ({turn.Affiliation})" : "");
        return turn.Kind switch
        {
            TurnKind.Statement => turn.RequestId is { } id && Requests.TryGetValue(id, out var r) && r.Topic.Length > 0
                ? $"{who} phát biểu về: {r.Topic}"
                : $"{who} phát biểu",
            TurnKind.Answer => $"{turn.SpeakerName}{(string.IsNullOrWhiteSpace(turn.Title) ? (turn.Affiliation.Length > 0 ? ", " + turn.Affiliation : "") : ", " + turn.Title)} trả lời"
                               + (AboutNames(turn) is { Length: > 0 } names ? $" ý kiến của {names}" : ""),
            TurnKind.FollowUp => $"{who} có ý kiến phản hồi",
            TurnKind.Chair => $"Chủ tọa {turn.SpeakerName} phát biểu",
            _ => who,
        };
    }

    public string AboutNames(MinutesTurn turn) =>
        string.Join(", ", turn.About.Select(id => Requests.TryGetValue(id, out var r) ? r.Name : null).OfType<string>().Distinct());
}

/// <summary>Times as the minutes write them, in the hall's zone.</summary>
public sealed class MinutesClock(HallClock hall)
{
    public DateTime Hall(long unixMs) => hall.ToHall(DateTimeOffset.FromUnixTimeMilliseconds(unixMs).UtcDateTime);

    public DateTime Hall(DateTime utc) => hall.ToHall(utc);

    /// <summary>"08 giờ 05 phút, ngày 05 tháng 12 năm 2026".</summary>
    public static string Long(DateTime hallTime) =>
        string.Create(CultureInfo.InvariantCulture, $"{hallTime:HH} giờ {hallTime:mm} phút, ") + Documents.StateDates.Long(DateOnly.FromDateTime(hallTime));

    public string Short(long unixMs) => Hall(unixMs).ToString("HH:mm", CultureInfo.InvariantCulture);
}
