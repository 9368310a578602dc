using MeetingAssist.Host.Meetings;

namespace MeetingAssist.Host.Queue;

/// <summary>Words a turn correction for people: Vietnamese, in the hall's time zone.</summary>
public static class TurnCorrectionText
{
    public static string Describe(TurnCorrection correction, HallClock hall) => correction.Kind switch
    {
        TurnCorrectionKind.Voided => $"Lượt này bị hủy bằng thao tác hoàn tác lúc {Time(correction.AtMs, hall)}.",
        TurnCorrectionKind.EndingUndone =>
            $"Kết thúc lúc {Time(correction.UndoneEndMs ?? correction.AtMs, hall)} đã được hoàn tác lúc {Time(correction.AtMs, hall)}.",
        _ => throw new ArgumentOutOfRangeException(nameof(correction)),
    };

    private static string Time(long ms, HallClock hall) =>
        hall.ToHall(DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime).ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
}
