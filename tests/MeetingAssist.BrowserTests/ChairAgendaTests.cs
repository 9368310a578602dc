using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MeetingAssist.BrowserTests;

/// <summary>
/// A chair runs an agenda the way halls do: two citizens speak, one department answers both, one of them replies,
/// and the chair and the desk each undo their own mistakes while the other keeps working.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ChairAgendaTests(BrowserFixture browser) : ScreenTest(browser)
{
    private const string First = "Nguyễn Văn Bình";
    private const string Second = "Trần Thị Hương";
    private const string Responder = "Nguyễn Thị Minh";

    [Fact]
    public async Task FullAgenda_JointAnswerFollowUpAndInterleavedUndoByChairAndDesk()
    {
        var chair = await OpenAsStaffAsync("/chair", "chair", 1024, 768, touch: true);
        var desk = await OpenAsStaffAsync("/desk", "desk", 1280, 800);
        var projector = await OpenAsync("/projector", 1280, 720);
        await WaitConnectedAsync(projector);
        await StartMeetingAsync(chair);

        // Two statements in a row.
        foreach (var citizen in new[] { First, Second })
        {
            await chair.GetByRole(AriaRole.Button, new() { Name = "Mời phát biểu: " + citizen, Exact = true }).TapAsync();
            await Expect(chair.Locator("#name")).ToHaveTextAsync(citizen);
            await chair.GetByRole(AriaRole.Button, new() { Name = "Kết thúc lượt" }).TapAsync();
            await Expect(chair.Locator("#name")).ToHaveTextAsync("");
        }

        // One answer for both: both statements since the last answer are ticked by default.
        var about = chair.Locator("#about-list input[type=checkbox]");
        await Expect(about).ToHaveCountAsync(2);
        await Expect(about.Nth(0)).ToBeCheckedAsync();
        await Expect(about.Nth(1)).ToBeCheckedAsync();
        // Only this meeting's responders, and nobody chosen for the chair.
        await Expect(chair.Locator("#responder")).ToHaveValueAsync("");
        await Expect(chair.Locator("#responder option")).ToHaveCountAsync(3);
        await ScreenshotAsync(chair, "chair-joint-answer-1024x768");
        await chair.Locator("#responder").SelectOptionAsync(new SelectOptionValue { Label = Responder + " – Trưởng phòng Kinh tế" });
        await chair.GetByRole(AriaRole.Button, new() { Name = "Mời trả lời", Exact = true }).TapAsync();
        await Expect(chair.Locator("#name")).ToHaveTextAsync(Responder);
        await Expect(chair.Locator("#turn-meta")).ToContainTextAsync(First);
        await Expect(chair.Locator("#turn-meta")).ToContainTextAsync(Second);
        await Expect(projector.Locator("#name")).ToHaveTextAsync(Responder);
        await chair.GetByRole(AriaRole.Button, new() { Name = "Kết thúc lượt" }).TapAsync();
        await Expect(chair.Locator("#name")).ToHaveTextAsync("");

        // The answer covered two statements: the chair says whose reply it is.
        await Expect(chair.Locator("#follow-up-pick-row")).ToBeVisibleAsync();
        await chair.Locator("#follow-up-pick").SelectOptionAsync(new SelectOptionValue { Label = First });
        await chair.GetByRole(AriaRole.Button, new() { Name = "Mời phản hồi" }).TapAsync();
        await Expect(chair.Locator("#name")).ToHaveTextAsync(First);
        await Expect(chair.Locator("#kind")).ToHaveTextAsync("Ý kiến phản hồi");
        await chair.GetByRole(AriaRole.Button, new() { Name = "Kết thúc lượt" }).TapAsync();
        await Expect(chair.Locator("#name")).ToHaveTextAsync("");

        // The desk registers someone while the chair works; the chair's undo is the chair's own last action.
        await RegisterAtDeskAsync(desk, "Hà Văn Toàn", "Thôn Bắc", "Đề nghị nâng cấp trạm y tế xã");
        var queued = await QueueRows(chair).CountAsync();
        var undo = chair.Locator("#undo");
        await Expect(undo).ToHaveTextAsync(new Regex(@"^Hoàn tác: Kết thúc lượt: " + First + @" \((vừa xong|\d+ phút trước)\)$"));
        await undo.TapAsync();
        await Expect(chair.Locator("#name")).ToHaveTextAsync(First);
        await Expect(QueueRows(chair)).ToHaveCountAsync(queued);
        await Expect(QueueRows(chair).Last).ToContainTextAsync("Hà Văn Toàn");

        // The desk undoes its own registration; the chair's turn is untouched.
        var deskUndo = desk.Locator("#undo");
        await Expect(deskUndo).ToHaveTextAsync(new Regex(@"^Hoàn tác: Đăng ký phát biểu: Hà Văn Toàn \("));
        await deskUndo.ClickAsync();
        await Expect(QueueRows(chair)).ToHaveCountAsync(queued - 1);
        await Expect(chair.Locator("#name")).ToHaveTextAsync(First);

        // A slip typed by mistake: the chair may undo the desk's action, but only by choosing it on purpose.
        await RegisterAtDeskAsync(desk, "Người Nhập Nhầm", "Thôn Nam", "Phiếu trùng");
        await Expect(QueueRows(chair)).ToHaveCountAsync(queued);
        await Expect(chair.Locator("#undo")).Not.ToContainTextAsync("Người Nhập Nhầm");
        await chair.GetByRole(AriaRole.Button, new() { Name = "Thao tác của người khác…" }).TapAsync();
        var other = chair.GetByRole(AriaRole.Button, new() { Name = "Hoàn tác của Bàn đăng ký: Đăng ký phát biểu: Người Nhập Nhầm" });
        await Expect(other).ToBeVisibleAsync();
        await ScreenshotAsync(chair, "chair-undo-other-1024x768");
        await other.TapAsync();
        await chair.Locator("#confirm").GetByRole(AriaRole.Button, new() { Name = "Hoàn tác" }).TapAsync();
        await Expect(QueueRows(chair)).ToHaveCountAsync(queued - 1);
        await Expect(QueueRows(desk).Filter(new() { HasText = "Người Nhập Nhầm" })).ToHaveCountAsync(0);
        await Expect(chair.Locator("#name")).ToHaveTextAsync(First);
        await Expect(chair.Locator("#alert")).ToBeHiddenAsync();
    }
}
