/// <summary>
/// The server's own account of its stalls: its stall monitor logs "Server stalled N ms; garbage collection paused it
/// M ms of that" whenever the whole process stopped for 250 ms or more. Collected per step.
/// </summary>
static class ServerStalls
{
    private static readonly System.Text.RegularExpressions.Regex Line = new(@"Server stalled (\d+) ms; garbage collection paused it (\d+) ms");
    private static readonly System.Collections.Concurrent.ConcurrentQueue<(int StallMs, int CollectorMs)> Seen = new();

    public static void Read(string? line)
    {
        if (line is null) return;
        var match = Line.Match(line);
        if (match.Success) Seen.Enqueue((int.Parse(match.Groups[1].Value), int.Parse(match.Groups[2].Value)));
    }

    /// <summary>Stalls logged since the last call: how many, the longest, and the collector's share of their total.</summary>
    public static (int Count, int MaxMs, int TotalMs, int CollectorMs) Take()
    {
        var taken = new List<(int StallMs, int CollectorMs)>();
        while (Seen.TryDequeue(out var stall)) taken.Add(stall);
        return (taken.Count, taken.Count == 0 ? 0 : taken.Max(t => t.StallMs), taken.Sum(t => t.StallMs), taken.Sum(t => t.CollectorMs));
    }
}
