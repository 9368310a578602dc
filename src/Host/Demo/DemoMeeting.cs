using MeetingAssist.Host.Data;
using MeetingAssist.Host.Meetings;
using MeetingAssist.Host.People;
using MeetingAssist.Host.Queue;
using Microsoft.EntityFrameworkCore;

namespace MeetingAssist.Host.Demo;

/// <summary>
/// A realistic first meeting, modelled on a commune's 2026 dialogue plan, so a newcomer sees the product
/// work at once: a dozen registered citizens and two department heads ready to answer.
/// </summary>
public static class DemoMeeting
{
    private static readonly (string Name, string Hamlet, string Topic, string Field)[] Citizens =
    [
        ("Nguyễn Văn Bình", "Thôn Đông", "Đường liên thôn xuống cấp, đề nghị sửa chữa trước mùa mưa", "Hạ tầng giao thông – thủy lợi"),
        ("Trần Thị Hương", "Thôn Tây", "Chậm cấp giấy chứng nhận quyền sử dụng đất", "Đất đai"),
        ("Lê Văn Dũng", "Thôn Bắc", "Mức bồi thường giải phóng mặt bằng dự án đường tỉnh", "Giải phóng mặt bằng"),
        ("Phạm Thị Lan", "Thôn Nam", "Chế độ cho người có công chưa được chi trả", "Chính sách xã hội"),
        ("Hoàng Văn Thắng", "Thôn Trung", "Rác thải tồn đọng ở bãi tập kết đầu thôn", "Môi trường"),
        ("Vũ Thị Ngọc", "Tổ dân phố Kiến Thiết", "Thủ tục hành chính một cửa còn phải đi lại nhiều lần", "Cải cách hành chính"),
        ("Đặng Văn Hiển", "Thôn Đông", "Kênh tưới tiêu bị bồi lắng, ảnh hưởng vụ lúa", "Hạ tầng giao thông – thủy lợi"),
        ("Bùi Thị Thu", "Thôn Tây", "Hỗ trợ học phí cho con hộ cận nghèo", "Chính sách xã hội"),
        ("Đỗ Văn Quyết", "Thôn Bắc", "Tranh chấp ranh giới đất giữa hai hộ kéo dài", "Đất đai"),
        ("Ngô Thị Mến", "Thôn Nam", "Đèn chiếu sáng công cộng hỏng nhiều tháng", "Hạ tầng giao thông – thủy lợi"),
        ("Dương Văn Trường", "Tổ dân phố Kiến Thiết", "Thái độ tiếp dân của một số cán bộ", "Cán bộ"),
        ("Lý Thị Ể", "Thôn Trung", "Nước sinh hoạt bị nhiễm bẩn vào mùa khô", "Môi trường"),
    ];

    public static async Task<int?> SeedIfEmptyAsync(MeetingDbContext db, LiveMeetingService live, HallClock hallClock, TimeProvider clock)
    {
        if (await db.Meetings.AnyAsync()) return null;

        var responders = new[]
        {
            new Person { Name = "Nguyễn Thị Minh", Affiliation = "Phòng Kinh tế", Role = PersonRole.Responder, Title = "Trưởng phòng Kinh tế" },
            new Person { Name = "Trần Quốc Toản", Affiliation = "Phòng Văn hóa – Xã hội", Role = PersonRole.Responder, Title = "Trưởng phòng Văn hóa – Xã hội" },
        };
        var citizens = Citizens.Select(c => new Person { Name = c.Name, Affiliation = c.Hamlet, Role = PersonRole.Citizen }).ToList();
        foreach (var p in responders.Concat(citizens)) p.RefreshSearchKey();
        db.People.AddRange(responders);
        db.People.AddRange(citizens);

        var meeting = new Meeting
        {
            Title = "Hội nghị đối thoại giữa người đứng đầu cấp ủy, chính quyền xã Kiến Minh với Nhân dân năm 2026",
            Kind = MeetingKind.Periodic,
            OrganisingBody = "ỦY BAN NHÂN DÂN XÃ KIẾN MINH",
            ChairName = "Phạm Văn Hùng",
            ChairTitle = "Phó Bí thư Đảng ủy, Chủ tịch UBND xã",
            SecretaryName = "Lê Thị Thảo",
            Place = "Nhà văn hóa thôn Đông, xã Kiến Minh",
            ScheduledStart = hallClock.HallMidnightUtc(clock.GetUtcNow().UtcDateTime).AddHours(8),
            AudienceGroup = "Cán bộ, đảng viên và Nhân dân trên địa bàn xã",
            RulesText = "Người phát biểu đăng ký tại bàn tiếp nhận hoặc quét mã QR; phát biểu theo thứ tự chủ trì điều hành; " +
                        "mỗi lượt không quá 3 phút; không ngắt lời người khác; giữ trật tự trong hội trường.",
            StatementSeconds = 180,
            AnswerSeconds = 300,
            FollowUpSeconds = 60,
            Agenda =
            [
                new AgendaItem { Order = 0, Title = "Khai mạc, giới thiệu đại biểu" },
                new AgendaItem { Order = 1, Title = "Báo cáo kết quả giải quyết kiến nghị thu thập trước hội nghị" },
                new AgendaItem { Order = 2, Title = "Đối thoại trực tiếp với Nhân dân" },
                new AgendaItem { Order = 3, Title = "Kết luận của chủ trì hội nghị" },
            ],
        };
        db.Meetings.Add(meeting);
        await db.SaveChangesAsync();
        meeting.Responders = responders.Select(r => new MeetingResponder { MeetingId = meeting.Id, PersonId = r.Id }).ToList();
        await db.SaveChangesAsync();

        foreach (var (person, seed) in citizens.Zip(Citizens))
            await live.ExecuteAsync(meeting.Id, new RegisterSpeaker(person.ToSpeaker(), seed.Topic, seed.Field, null), new Actor("demo", null));
        await live.PutOnScreenAsync(meeting.Id);
        return meeting.Id;
    }
}
