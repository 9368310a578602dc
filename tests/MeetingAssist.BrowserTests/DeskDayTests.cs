using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MeetingAssist.BrowserTests;

/// <summary>The desk at the door as a clerk runs it: one slip after another, from the keyboard alone.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DeskDayTests(BrowserFixture browser) : ScreenTest(browser)
{
    private static readonly (string Name, string Hamlet, string Field, string Topic)[] Slips =
    [
        ("Phan Văn Khải", "Thôn Đông", "Đất đai", "Đề nghị đo đạc lại thửa đất bị cấp chồng lấn"),
        ("Tạ Thị Hoa", "Thôn Tây", "Môi trường", "Mùi hôi từ trại lợn gần khu dân cư"),
        ("Kiều Văn Lực", "Thôn Bắc", "Cán bộ", "Cán bộ địa chính hẹn nhiều lần chưa xuống kiểm tra"),
        ("Mạc Thị Oanh", "Thôn Nam", "Chính sách xã hội", "Trợ cấp người cao tuổi chậm hai tháng"),
        ("Lưu Đình Phúc", "Thôn Trung", "Hạ tầng giao thông – thủy lợi", "Cầu tràn ngập nước mỗi khi mưa lớn"),
        ("Tôn Nữ Quỳnh", "Tổ dân phố Kiến Thiết", "Cải cách hành chính", "Chứng thực bản sao phải chờ đến chiều"),
        ("Khổng Văn Sơn", "Thôn Đông", "Giải phóng mặt bằng", "Tiến độ chi trả bồi thường dự án kênh"),
        ("Giang Thị Tuyết", "Thôn Tây", "Khác", "Đề nghị mở lớp dạy bơi cho trẻ em mùa hè"),
        ("Âu Văn Uy", "Thôn Bắc", "Môi trường", "Bãi rác tự phát cạnh đường liên thôn"),
        ("Ứng Thị Vân", "Thôn Nam", "Đất đai", "Hồ sơ chuyển mục đích sử dụng đất bị trả lại"),
    ];

    [Fact]
    public async Task TenSlipsByKeyboardOnly_EachQueuedOnce_ThenTwoPhoneRequestsApprovedByKeyboard()
    {
        var meetingId = await CurrentMeetingIdAsync();
        await SubmitPhoneRequestAsync(meetingId, "Lạc Thị Xuân", "Thôn Trung", "Đề nghị lắp camera an ninh ở ngã ba chợ");
        await SubmitPhoneRequestAsync(meetingId, "Yên Văn Yết", "Thôn Đông", "Giá nước sạch tăng mà chất lượng chưa đảm bảo");

        var desk = await OpenAsStaffAsync("/desk", "desk", 1280, 800);
        var name = desk.Locator("#name");
        await Expect(name).ToBeFocusedAsync();
        var queued = await QueueRows(desk).CountAsync();

        for (var i = 0; i < Slips.Length; i++)
        {
            var slip = Slips[i];
            // Typed at a clerk's pace, so a form that clears itself between keys loses letters as it would for a person.
            await desk.Keyboard.TypeAsync(slip.Name, new() { Delay = 15 });
            await desk.Keyboard.PressAsync("Tab");
            await Expect(desk.Locator("#affiliation")).ToBeFocusedAsync();
            await desk.Keyboard.TypeAsync(slip.Hamlet, new() { Delay = 5 });
            await desk.Keyboard.PressAsync("Tab");
            await desk.Keyboard.TypeAsync(slip.Field, new() { Delay = 5 });
            await desk.Keyboard.PressAsync("Tab");
            await Expect(desk.Locator("#topic")).ToBeFocusedAsync();
            await desk.Keyboard.TypeAsync(slip.Topic, new() { Delay = 5 });
            await Expect(name).ToHaveValueAsync(slip.Name);
            await desk.Keyboard.PressAsync("Enter");

            await Expect(desk.Locator("#done")).ToHaveTextAsync("Đã đăng ký: " + slip.Name);
            await Expect(QueueRows(desk)).ToHaveCountAsync(queued + i + 1);
            await Expect(name).ToHaveValueAsync("");
            await Expect(desk.Locator("#topic")).ToHaveValueAsync("");
            await Expect(name).ToBeFocusedAsync();
        }
        await ScreenshotAsync(desk, "desk-after-ten-slips");

        foreach (var slip in Slips)
        {
            var rows = QueueRows(desk).Filter(new() { HasText = slip.Name });
            await Expect(rows).ToHaveCountAsync(1);
            await Expect(rows).ToContainTextAsync(slip.Topic);
        }

        // The phone requests: from the name field, Tab reaches the first "Duyệt"; Enter approves it and the cursor
        // stays on the next request's "Duyệt"; after the last one it goes back to the name for the next slip.
        var pending = desk.Locator("#pending > li");
        await Expect(pending).ToHaveCountAsync(2);
        await TabToAsync(desk, "Duyệt: Lạc Thị Xuân");
        await desk.Keyboard.PressAsync("Enter");
        await Expect(pending).ToHaveCountAsync(1);
        await Expect(desk.GetByRole(AriaRole.Button, new() { Name = "Duyệt: Yên Văn Yết" })).ToBeFocusedAsync();
        await desk.Keyboard.PressAsync("Enter");
        await Expect(pending).ToHaveCountAsync(0);
        await Expect(name).ToBeFocusedAsync();

        await Expect(QueueRows(desk)).ToHaveCountAsync(queued + Slips.Length + 2);
        await Expect(QueueRows(desk).Nth(queued + Slips.Length)).ToContainTextAsync("Lạc Thị Xuân");
        await Expect(QueueRows(desk).Last).ToContainTextAsync("Yên Văn Yết");
    }

    [Fact]
    public async Task ClearButton_EmptiesTheSlipOnce_TypingAfterwardsStays()
    {
        var desk = await OpenAsStaffAsync("/desk", "desk", 1280, 800);
        var name = desk.Locator("#name");
        await desk.Keyboard.TypeAsync("Người nhập nhầm", new() { Delay = 5 });
        await desk.GetByRole(AriaRole.Button, new() { Name = "Xóa", Exact = true }).ClickAsync();
        await Expect(name).ToHaveValueAsync("");
        await Expect(name).ToBeFocusedAsync();

        await desk.Keyboard.TypeAsync("Hà Văn Toàn", new() { Delay = 15 });
        await desk.Keyboard.PressAsync("Tab");
        await desk.Keyboard.TypeAsync("Thôn Bắc", new() { Delay = 15 });
        // Half a second later nothing typed has gone and the cursor is where the clerk left it.
        await desk.WaitForTimeoutAsync(500);
        await Expect(name).ToHaveValueAsync("Hà Văn Toàn");
        await Expect(desk.Locator("#affiliation")).ToHaveValueAsync("Thôn Bắc");
        await Expect(desk.Locator("#affiliation")).ToBeFocusedAsync();
    }
}
