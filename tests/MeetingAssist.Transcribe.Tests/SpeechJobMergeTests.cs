using MeetingAssist.Transcribe.Live;

namespace MeetingAssist.Transcribe.Tests;

public class SpeechJobMergeTests
{
    private static SpeechJob Piece(int turn, long startMs, long endMs, float value, double ratio = 0.9) =>
        new(turn, startMs, endMs, Enumerable.Repeat(value, (int)(endMs - startMs) * 16).ToArray(), ratio);

    [Fact]
    public void Join_KeepsEachPauseAsSilence_SoTheWindowMatchesTheClock()
    {
        var a = Piece(7, 10_000, 12_000, 0.5f, ratio: 1.0);
        var b = Piece(7, 12_500, 15_500, 0.25f, ratio: 0.5);

        var joined = SpeechJobMerge.Join([a, b]);

        Assert.Equal((7, 10_000L, 15_500L), (joined.TurnId, joined.StartMs, joined.EndMs));
        Assert.Equal(5_500 * 16, joined.Samples.Length);
        Assert.All(joined.Samples[..(2_000 * 16)], x => Assert.Equal(0.5f, x));
        Assert.All(joined.Samples[(2_000 * 16)..(2_500 * 16)], x => Assert.Equal(0f, x));
        Assert.All(joined.Samples[(2_500 * 16)..], x => Assert.Equal(0.25f, x));
        // Speech ratio over the pieces (2 s at 1.0, 3 s at 0.5), not diluted by the known pause.
        Assert.Equal(0.7, joined.VadSpeechRatio, 6);
    }

    [Fact]
    public void Join_OnePiece_IsThatPiece()
    {
        var a = Piece(1, 0, 1_000, 0.1f);
        Assert.Same(a, SpeechJobMerge.Join([a]));
    }

    [Fact]
    public void CanJoin_NextPieceOfTheSameTurnAfterAShortPause()
    {
        var a = Piece(3, 0, 4_000, 0.1f);
        Assert.True(SpeechJobMerge.CanJoin(a, a, Piece(3, 4_400, 9_000, 0.1f)));
    }

    [Fact]
    public void CanJoin_NeverAcrossTurns_LongPauses_Overlaps_OrPast28Seconds()
    {
        var a = Piece(3, 0, 4_000, 0.1f);
        Assert.False(SpeechJobMerge.CanJoin(a, a, Piece(4, 4_100, 6_000, 0.1f)));   // the next speaker's words
        Assert.False(SpeechJobMerge.CanJoin(a, a, Piece(3, 6_100, 8_000, 0.1f)));   // a pause over 2 s
        Assert.False(SpeechJobMerge.CanJoin(a, a, Piece(3, 3_000, 5_000, 0.1f)));   // not after the window
        var last = Piece(3, 20_000, 26_000, 0.1f);
        Assert.False(SpeechJobMerge.CanJoin(a, last, Piece(3, 26_500, 28_500, 0.1f))); // the window would pass 28 s
        Assert.True(SpeechJobMerge.CanJoin(a, last, Piece(3, 26_500, 28_000, 0.1f)));
    }
}
