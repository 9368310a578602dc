namespace MeetingAssist.Transcribe.Live;

/// <summary>A period during which one person held the floor, on the server clock (Unix ms). Open while <see cref="EndMs"/> is null.</summary>
public sealed record FloorWindow(int TurnId, long StartMs, long? EndMs);

/// <summary>A piece of speech attributed to exactly one floor turn.</summary>
public sealed record AttributedSpeech(int TurnId, long StartMs, long EndMs);

/// <summary>
/// Floor events are hard boundaries: speech is cut at the moment the chair gives or ends the floor, and
/// speech outside every turn is attributed to nobody. This is what makes the draft minutes exact.
/// </summary>
public static class FloorAttribution
{
    /// <summary>Splits one stretch of speech across the turns it overlaps; parts outside all turns are dropped.</summary>
    /// <param name="minimumMs">Pieces shorter than this (a word clipped at a boundary) are not worth recognising.</param>
    public static IReadOnlyList<AttributedSpeech> Split(long startMs, long endMs, IEnumerable<FloorWindow> turns, long nowMs, int minimumMs = 200)
    {
        var result = new List<AttributedSpeech>();
        foreach (var turn in turns.OrderBy(t => t.StartMs))
        {
            var turnEnd = turn.EndMs ?? nowMs;
            var from = Math.Max(startMs, turn.StartMs);
            var to = Math.Min(endMs, turnEnd);
            if (to - from >= minimumMs) result.Add(new AttributedSpeech(turn.TurnId, from, to));
        }
        return result;
    }
}
