using System.Globalization;
using MeetingAssist.Host.Meetings;
using MeetingAssist.Host.Queue;

namespace MeetingAssist.Host.FloorPetitions;

/// <summary>
/// A citizen's statement turn as the petitions at the meeting need it: who spoke, on what, when, the petition the
/// desk named on the slip, and the department head who answered it (if one did).
/// </summary>
public sealed record StatementTurn(
    int MeetingId, FloorTurnRecord Turn, string Topic, string? Field, PetitionRef? Referenced, SpeakerRef? Responder, bool Current,
    IReadOnlyList<FloorTurnRecord> Recent)
{
    /// <summary>How many recent statements the chair can go back to (one answer often covers several).</summary>
    public const int RecentShown = 6;

    /// <summary>
    /// The turn the chair means: the one named, else the statement on the floor, else the latest statement (the
    /// chair marks the answer after the statement ended, often while the answer is being given). Null when there is none.
    /// </summary>
    public static async Task<StatementTurn?> FindAsync(LiveMeetingService live, int meetingId, int? turnId)
    {
        var snapshot = await live.SnapshotAsync(meetingId, staff: true);
        var turns = await live.TurnsAsync(meetingId);
        var statements = turns.Where(t => t.Kind == TurnKind.Statement && !t.Voided).ToList();
        var turn = turnId is { } id ? statements.FirstOrDefault(t => t.TurnId == id) : statements.LastOrDefault();
        if (turn is null) return null;
        var request = (snapshot.Finished ?? []).FirstOrDefault(r => r.RequestId == turn.RequestId);
        // The latest answer given to this statement names the department that answered it.
        var answer = turns.LastOrDefault(t => t.Kind == TurnKind.Answer && !t.Voided && turn.RequestId is { } rid && t.AboutRequests.Contains(rid));
        return new StatementTurn(meetingId, turn, request?.Topic ?? "", request?.Field, request?.Petition, answer?.Speaker,
            snapshot.Floor?.TurnId == turn.TurnId, statements.TakeLast(RecentShown).Reverse().ToList());
    }

    public string StartedAt(HallClock hall) => StartedAt(hall, Turn);

    public static string StartedAt(HallClock hall, FloorTurnRecord turn) =>
        hall.ToHall(DateTimeOffset.FromUnixTimeMilliseconds(turn.StartedAtMs).UtcDateTime).ToString("HH:mm:ss 'ngày' dd/MM/yyyy", CultureInfo.InvariantCulture);

    /// <summary>"lượt phát biểu số 12 của Ông A, bắt đầu lúc 09:15:02 ngày 05/01/2026", for the petition's history.</summary>
    public string Describe(HallClock hall) => $"lượt phát biểu số {Turn.TurnId} của {Turn.Speaker.Name}, bắt đầu lúc {StartedAt(hall)}";
}
