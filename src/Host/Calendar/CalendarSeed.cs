namespace MeetingAssist.Host.Calendar;

/// <summary>The days the government swapped in 2026, seeded into a new database; later years are entered by the admin.</summary>
public static class CalendarSeed
{
    public static readonly IReadOnlyList<DayOverride> Year2026 =
    [
        new(new DateOnly(2026, 1, 2), true, "Nghỉ liền Tết Dương lịch, làm bù Thứ Bảy 10/01/2026"),
        new(new DateOnly(2026, 1, 10), false, "Làm bù cho ngày nghỉ Thứ Sáu 02/01/2026"),
        new(new DateOnly(2026, 8, 22), false, "Làm bù cho ngày nghỉ Thứ Hai 31/08/2026"),
        new(new DateOnly(2026, 8, 31), true, "Nghỉ liền Quốc khánh, làm bù Thứ Bảy 22/08/2026"),
    ];
}
