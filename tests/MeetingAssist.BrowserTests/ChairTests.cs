using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MeetingAssist.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class ChairTests(BrowserFixture browser) : ScreenTest(browser)
{
    [Fact]
    public async Task TouchDragOnHandle_MovesRowToDropPosition()
    {
        var chair = await OpenAsStaffAsync("/chair", "chair", 1024, 768, touch: true);
        var rows = QueueRows(chair);
        await Expect(rows).ToHaveCountAsync(12);
        var movedId = await rows.Nth(0).GetAttributeAsync("data-request");
        await Expect(rows.Nth(0)).ToContainTextAsync("Nguyễn Văn Bình");

        var handle = await rows.Nth(0).Locator(".c-handle").BoundingBoxAsync() ?? throw new InvalidOperationException("no handle");
        var fourth = await rows.Nth(3).BoundingBoxAsync() ?? throw new InvalidOperationException("no row");
        var x = handle.X + handle.Width / 2;
        var fromY = handle.Y + handle.Height / 2;
        // Just past the middle of the fourth row: the dragged row lands after it, at index 3.
        var toY = fourth.Y + fourth.Height * 0.75;

        // Real touch input (not mouse): chromium turns it into pointer events of type "touch".
        var cdp = await chair.Context.NewCDPSessionAsync(chair);
        await Touch(cdp, "touchStart", x, fromY);
        const int steps = 8;
        for (var i = 1; i <= steps; i++) await Touch(cdp, "touchMove", x, fromY + (toY - fromY) * i / steps);
        await cdp.SendAsync("Input.dispatchTouchEvent", new Dictionary<string, object> { ["type"] = "touchEnd", ["touchPoints"] = Array.Empty<object>() });

        await Expect(rows.Nth(3)).ToHaveAttributeAsync("data-request", movedId!);
        await Expect(rows.Nth(3)).ToContainTextAsync("Nguyễn Văn Bình");
        await Expect(rows.Nth(0)).ToContainTextAsync("Trần Thị Hương");
        await Expect(chair.Locator("#undo")).ToHaveTextAsync("Hoàn tác: Đổi thứ tự: Nguyễn Văn Bình (vừa xong)");
    }

    [Fact]
    public async Task Undo_TwiceInARow_RevertsEndTurnThenGiveFloor()
    {
        var chair = await OpenAsStaffAsync("/chair", "chair", 1024, 768);
        await StartMeetingAsync(chair);
        await chair.GetByRole(AriaRole.Button, new() { Name = "Mời người tiếp theo" }).ClickAsync();
        await Expect(chair.Locator("#name")).ToHaveTextAsync("Nguyễn Văn Bình");
        await chair.GetByRole(AriaRole.Button, new() { Name = "Kết thúc lượt" }).ClickAsync();
        await Expect(chair.Locator("#name")).ToHaveTextAsync("");

        var undo = chair.Locator("#undo");
        await Expect(undo).ToHaveTextAsync("Hoàn tác: Kết thúc lượt: Nguyễn Văn Bình (vừa xong)");
        await undo.ClickAsync();
        await Expect(chair.Locator("#name")).ToHaveTextAsync("Nguyễn Văn Bình");

        await Expect(undo).ToHaveTextAsync("Hoàn tác: Mời phát biểu: Nguyễn Văn Bình (vừa xong)");
        await undo.ClickAsync();
        await Expect(chair.Locator("#name")).ToHaveTextAsync("");
        await Expect(QueueRows(chair).First).ToContainTextAsync("Nguyễn Văn Bình");
        await Expect(QueueRows(chair)).ToHaveCountAsync(12);
        await Expect(undo).ToHaveTextAsync("Hoàn tác: Bắt đầu hội nghị (vừa xong)");
        await Expect(chair.Locator("#alert")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task RefusedCommand_ShowsServerMessageInAlert()
    {
        var chair = await OpenAsStaffAsync("/chair", "chair", 1024, 768);
        await StartMeetingAsync(chair);
        await chair.GetByRole(AriaRole.Button, new() { Name = "Mời người tiếp theo" }).ClickAsync();
        await Expect(chair.Locator("#name")).ToHaveTextAsync("Nguyễn Văn Bình");
        // The page disables what the rules forbid; a second tablet could still race, so call the hub as it would.
        await chair.EvaluateAsync("() => document.querySelector('#give-next').disabled = false");
        await chair.GetByRole(AriaRole.Button, new() { Name = "Mời người tiếp theo" }).ClickAsync();
        var alert = chair.GetByRole(AriaRole.Alert);
        await Expect(alert).ToHaveTextAsync("Nguyễn Văn Bình đang giữ quyền phát biểu. Hãy kết thúc lượt này trước.");
    }

    private static Task Touch(ICDPSession cdp, string type, double x, double y) =>
        cdp.SendAsync("Input.dispatchTouchEvent", new Dictionary<string, object>
        {
            ["type"] = type,
            ["touchPoints"] = new object[] { new Dictionary<string, object> { ["x"] = x, ["y"] = y } },
        });
}
