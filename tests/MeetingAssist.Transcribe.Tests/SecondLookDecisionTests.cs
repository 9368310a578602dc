using MeetingAssist.Transcribe.Live;

namespace MeetingAssist.Transcribe.Tests;

public class SecondLookDecisionTests
{
    private static GuardResult Verdict(GuardVerdict verdict, bool worthRetrying) => new(verdict, "chữ", []) { WorthRetrying = worthRetrying };

    [Fact]
    public void Worth_SecondLooksOff_NeverEvenForALoopOverAFittedContext()
    {
        Assert.False(SecondLookDecision.Worth(enabled: false, Verdict(GuardVerdict.Drop, worthRetrying: true), fitted: true));
    }

    [Fact]
    public void Worth_ADecodingFailureOverTheFullWindow_GetsALook()
    {
        Assert.True(SecondLookDecision.Worth(enabled: true, Verdict(GuardVerdict.Drop, worthRetrying: true), fitted: false));
    }

    [Fact]
    public void Worth_AGoodTextOverAFittedContext_GetsALook()
    {
        Assert.True(SecondLookDecision.Worth(enabled: true, Verdict(GuardVerdict.Keep, worthRetrying: false), fitted: true));
    }

    [Fact]
    public void Worth_AGoodTextOverTheFullWindow_GetsNone()
    {
        Assert.False(SecondLookDecision.Worth(enabled: true, Verdict(GuardVerdict.Keep, worthRetrying: false), fitted: false));
    }

    [Fact]
    public void MayStart_AFinalJobWaits_NotEvenInALongQuiet()
    {
        Assert.False(SecondLookDecision.MayStart(finalJobsWaiting: 1, sinceSpeech: TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public void MayStart_OnlyOnceTheHallHasBeenQuietForTwoSeconds()
    {
        Assert.False(SecondLookDecision.MayStart(0, TimeSpan.FromMilliseconds(1_999)));
        Assert.True(SecondLookDecision.MayStart(0, TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public void Wins_ATextTheGuardDropped_NeverWins_EvenOverADroppedFittedText()
    {
        // Stored, it would put text the guard refused into the transcript.
        Assert.False(SecondLookDecision.Wins(GuardVerdict.Drop, 0.9f, new FirstPass(GuardVerdict.Drop, 0.1f, Fitted: true)));
        Assert.False(SecondLookDecision.Wins(GuardVerdict.Drop, 0.9f, new FirstPass(GuardVerdict.Drop, 0.1f, Fitted: false)));
    }

    [Fact]
    public void Wins_ABetterRankedText_WinsThoughLessConfident()
    {
        Assert.True(SecondLookDecision.Wins(GuardVerdict.Keep, 0.2f, new FirstPass(GuardVerdict.Flag, 0.9f, Fitted: false)));
        Assert.True(SecondLookDecision.Wins(GuardVerdict.Flag, 0.2f, new FirstPass(GuardVerdict.Drop, 0.9f, Fitted: false)));
    }

    [Fact]
    public void Wins_AWorseRankedText_LosesThoughMoreConfidentAndTheFirstWasFitted()
    {
        Assert.False(SecondLookDecision.Wins(GuardVerdict.Flag, 0.9f, new FirstPass(GuardVerdict.Keep, 0.2f, Fitted: true)));
    }

    [Fact]
    public void Wins_SameRankOverAFittedFirstText_TheFullWindowWinsThoughLessConfident()
    {
        Assert.True(SecondLookDecision.Wins(GuardVerdict.Keep, 0.2f, new FirstPass(GuardVerdict.Keep, 0.9f, Fitted: true)));
    }

    [Fact]
    public void Wins_SameRankOverAFullWindowFirstText_OnlyWhenMoreConfident()
    {
        var first = new FirstPass(GuardVerdict.Flag, 0.5f, Fitted: false);
        Assert.True(SecondLookDecision.Wins(GuardVerdict.Flag, 0.51f, first));
        Assert.False(SecondLookDecision.Wins(GuardVerdict.Flag, 0.5f, first));
        Assert.False(SecondLookDecision.Wins(GuardVerdict.Flag, 0.49f, first));
    }

    [Fact]
    public void Best_RankFirst_ThenConfidence()
    {
        (string Name, GuardVerdict Verdict, float Confidence)[] candidates =
        [
            ("loop", GuardVerdict.Drop, 0.99f),
            ("flagged", GuardVerdict.Flag, 0.95f),
            ("kept, unsure", GuardVerdict.Keep, 0.4f),
            ("kept, sure", GuardVerdict.Keep, 0.8f),
        ];
        Assert.Equal("kept, sure", SecondLookDecision.Best(candidates, c => c.Verdict, c => c.Confidence).Name);
        Assert.Equal("flagged", SecondLookDecision.Best(candidates[..2], c => c.Verdict, c => c.Confidence).Name);
    }

    [Fact]
    public void Best_NoCandidate_IsAnError()
    {
        Assert.Throws<ArgumentException>(() => SecondLookDecision.Best(Array.Empty<GuardVerdict>(), v => v, _ => 0f));
    }
}
