using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using static MeetingAssist.BrowserTests.HallTexts;

namespace MeetingAssist.BrowserTests;

/// <summary>The chair's tablet (1024×768, touch) through a statement and its answer, with the longest texts.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ChairDayTests(BrowserFixture browser) : ScreenTest(browser)
{
    private const string Citizen = "Đinh Đức Cảnh";
    private const string Note = "Có đơn và sơ đồ thửa đất kèm theo, đã nộp cho cán bộ địa chính ngày 12/3";
    private const string ResponderOption = "Nguyễn Thị Minh – Trưởng phòng Kinh tế";

    [Fact]
    public async Task Statement_LongTopicKeepsButtonsOnScreen_AnswerBecomesTheBigButton_QueueShowsFieldNoteAndWholeTopic()
    {
        var desk = await OpenAsStaffAsync("/desk", "desk", 1280, 800);
        await RegisterAtDeskAsync(desk, Citizen, "Thôn Bắc", LongestTopic, "Đất đai", Note);

        var chair = await OpenAsStaffAsync("/chair", "chair", 1024, 768, touch: true);
        var row = QueueRows(chair).Filter(new() { HasText = Citizen });
        await Expect(row).ToContainTextAsync("Lĩnh vực: Đất đai");
        await Expect(row).ToContainTextAsync("Ghi chú: " + Note);

        // Folded, the topic takes two lines; a tap on the row shows all of it.
        var rowTopic = row.Locator(".c-who-topic");
        Assert.True(await OverflowsAsync(rowTopic), "A folded 493-character topic should take only two lines.");
        await row.Locator(".c-who").ScrollIntoViewIfNeededAsync();
        await row.Locator(".c-who").TapAsync();
        await Expect(row.Locator(".c-who")).ToHaveAttributeAsync("aria-expanded", "true");
        Assert.False(await OverflowsAsync(rowTopic), "The opened topic is still cut.");
        await Expect(rowTopic).ToHaveTextAsync(LongestTopic);
        await ScreenshotAsync(chair, "chair-queue-topic-open-1024x768");

        await StartMeetingAsync(chair);
        await chair.GetByRole(AriaRole.Button, new() { Name = "Mời phát biểu: " + Citizen, Exact = true }).TapAsync();
        await Expect(chair.Locator("#name")).ToHaveTextAsync(Citizen);
        await Expect(chair.Locator("#topic")).ToHaveTextAsync(LongestTopic);
        await Expect(chair.Locator("#turn-meta")).ToHaveTextAsync("Lĩnh vực: Đất đai · Ghi chú: " + Note);
        // The whole topic can be read (its box scrolls), and nothing the chair needs has left the screen.
        Assert.False(await OverflowsAsync(chair.Locator("#topic")), "The topic on the floor is cut.");
        foreach (var id in new[] { "#timer", "#pause", "#end-turn", "#undo" }) await AssertOnScreenAsync(chair, id);
        await ScreenshotAsync(chair, "chair-long-topic-1024x768");

        await chair.GetByRole(AriaRole.Button, new() { Name = "Kết thúc lượt" }).TapAsync();
        await Expect(chair.Locator("#name")).ToHaveTextAsync("");

        // After the statement the expected step is the answer: it is the big button, above "Mời người tiếp theo".
        var answer = chair.GetByRole(AriaRole.Button, new() { Name = "Mời trả lời", Exact = true });
        var next = chair.GetByRole(AriaRole.Button, new() { Name = "Mời người tiếp theo" });
        await Expect(answer).ToHaveClassAsync(new Regex(@"\bprimary\b"));
        await Expect(next).Not.ToHaveClassAsync(new Regex(@"\bprimary\b"));
        var answerBox = await answer.BoundingBoxAsync();
        var nextBox = await next.BoundingBoxAsync();
        Assert.True(answerBox!.Y < nextBox!.Y, "The answer button should come before the next-speaker button.");
        Assert.True(answerBox.Height >= 56, $"The answer button is {answerBox.Height} px high.");
        foreach (var id in new[] { "#call-responder", "#give-next", "#undo" }) await AssertOnScreenAsync(chair, id);
        await ScreenshotAsync(chair, "chair-after-statement-1024x768");

        // Nobody is chosen for the chair: a tap without a choice asks for one, beside the button.
        await Expect(chair.Locator("#responder")).ToHaveValueAsync("");
        await answer.TapAsync();
        await Expect(chair.Locator("#answer-error")).ToHaveTextAsync("Hãy chọn người trả lời trong danh sách trước.");
        await Expect(chair.Locator("#name")).ToHaveTextAsync("");
        await chair.Locator("#responder").SelectOptionAsync(new SelectOptionValue { Label = ResponderOption });
        await Expect(chair.Locator("#answer-error")).ToBeHiddenAsync();
        await answer.TapAsync();
        await Expect(chair.Locator("#name")).ToHaveTextAsync("Nguyễn Thị Minh");
        await Expect(chair.Locator("#kind")).ToHaveTextAsync("Trả lời");

        // Once answered, the next speaker is the expected step again.
        await chair.GetByRole(AriaRole.Button, new() { Name = "Kết thúc lượt" }).TapAsync();
        await Expect(next).ToHaveClassAsync(new Regex(@"\bprimary\b"));
        await Expect(answer).Not.ToHaveClassAsync(new Regex(@"\bprimary\b"));
    }

    private static Task<bool> OverflowsAsync(ILocator text) =>
        text.EvaluateAsync<bool>("n => n.scrollHeight > n.clientHeight + 1 || n.scrollWidth > n.clientWidth + 1");

    private static async Task AssertOnScreenAsync(IPage page, string selector)
    {
        await Expect(page.Locator(selector)).ToBeVisibleAsync();
        var box = await page.Locator(selector).BoundingBoxAsync();
        var size = page.ViewportSize!;
        Assert.True(box is not null && box.Y >= 0 && box.Y + box.Height <= size.Height + 0.5 && box.X + box.Width <= size.Width + 0.5,
            $"{selector} is not wholly on the {size.Width}×{size.Height} screen: {box?.X},{box?.Y} {box?.Width}×{box?.Height}");
        // Not hidden inside a scrolled box either: the element at its centre is the element itself.
        var onTop = await page.Locator(selector).EvaluateAsync<bool>(
            "n => { const r = n.getBoundingClientRect(); const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2); return !!hit && (hit === n || n.contains(hit)); }");
        Assert.True(onTop, $"{selector} is covered or scrolled out of its box.");
    }
}
