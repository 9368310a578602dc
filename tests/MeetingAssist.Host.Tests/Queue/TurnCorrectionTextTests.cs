using MeetingAssist.Host.Meetings;
using MeetingAssist.Host.Queue;
using Microsoft.Extensions.Options;

namespace MeetingAssist.Host.Tests.Queue;

public class TurnCorrectionTextTests
{
    private static readonly long At = DateTimeOffset.Parse("2026-12-05T01:30:15Z").ToUnixTimeMilliseconds();

    [Fact]
    public void Correction_IsWordedInTheHallsTime_NotAFixedOffset()
    {
        var vietnam = new HallClock(Options.Create(new HallOptions()));
        Assert.Equal("Lượt này bị hủy bằng thao tác hoàn tác lúc 08:30:15.",
            TurnCorrectionText.Describe(new TurnCorrection(TurnCorrectionKind.Voided, At), vietnam));

        // A hall elsewhere words the same fact in its own zone: the stored correction carries no clock text.
        var utcHall = new HallClock(Options.Create(new HallOptions { TimeZone = "UTC" }));
        Assert.Equal("Kết thúc lúc 01:29:15 đã được hoàn tác lúc 01:30:15.",
            TurnCorrectionText.Describe(new TurnCorrection(TurnCorrectionKind.EndingUndone, At, At - 60_000), utcHall));
    }
}
