namespace MeetingAssist.Transcribe.Tests;

public class SegmentTests
{
    [Fact]
    public void Segment_Equality_IsByValue()
    {
        var a = new TranscriptSegment(TimeSpan.Zero, TimeSpan.FromSeconds(1), "xin chào");
        Assert.Equal(a, a with { });
        Assert.NotEqual(a, a with { Text = "khác" });
    }
}
