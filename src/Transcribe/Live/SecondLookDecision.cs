namespace MeetingAssist.Transcribe.Live;

/// <summary>What the first (fast) pass gave for a passage, as a second look needs to know it.</summary>
/// <param name="Verdict">The guard's verdict on the first text.</param>
/// <param name="Confidence">The first text's average token probability.</param>
/// <param name="Fitted">
/// The first text came from an encoder context fitted to the piece, not from the full 30 s window the model was
/// trained on: the full-window text is then the reference, not a rival.
/// </param>
public sealed record FirstPass(GuardVerdict Verdict, float Confidence, bool Fitted);

/// <summary>
/// When a live passage is recognised a second time (over the full window, with temperature fallback), and whether
/// the second text replaces the first. Pure: the recognition worker asks, and does the work.
/// </summary>
public static class SecondLookDecision
{
    /// <summary>The hall must have been quiet this long before a second look starts, so it never holds captions back.</summary>
    public static readonly TimeSpan QuietBeforeLook = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Whether a passage gets a second look: when second looks are on and either the first text looks like a
    /// decoding failure (a loop, no text over speech, low confidence) or it came from a fitted context.
    /// </summary>
    public static bool Worth(bool enabled, GuardResult first, bool fitted) => enabled && (first.WorthRetrying || fitted);

    /// <summary>
    /// Whether a waiting second look may start now: no final job waits (final text always goes first) and nobody
    /// has spoken for <see cref="QuietBeforeLook"/> (one started while someone speaks would delay their captions).
    /// </summary>
    public static bool MayStart(int finalJobsWaiting, TimeSpan sinceSpeech) => finalJobsWaiting == 0 && sinceSpeech >= QuietBeforeLook;

    /// <summary>
    /// Whether the second text replaces the first. A text the guard dropped never wins. A text the guard ranks
    /// better (kept over flagged, flagged over dropped) wins, a worse one loses. Between two texts of the same
    /// rank, one over a fitted context gives way to the full window's; otherwise the more confident text wins.
    /// </summary>
    public static bool Wins(GuardVerdict verdict, float confidence, FirstPass first)
    {
        if (verdict == GuardVerdict.Drop) return false;
        var (rank, firstRank) = (Rank(verdict), Rank(first.Verdict));
        if (rank != firstRank) return rank > firstRank;
        return first.Fitted || confidence > first.Confidence;
    }

    /// <summary>The candidate a second look offers among its segments: the best ranked, then the most confident.</summary>
    public static T Best<T>(IReadOnlyCollection<T> candidates, Func<T, GuardVerdict> verdict, Func<T, float> confidence)
    {
        if (candidates.Count == 0) throw new ArgumentException("A second look needs at least one candidate.", nameof(candidates));
        return candidates.MaxBy(c => (Rank(verdict(c)), confidence(c)))!;
    }

    private static int Rank(GuardVerdict verdict) => verdict switch
    {
        GuardVerdict.Keep => 2,
        GuardVerdict.Flag => 1,
        _ => 0,
    };
}
