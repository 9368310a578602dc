using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MeetingAssist.BrowserTests;

/// <summary>A petition collected beforehand, raised at the meeting: named on the slip at the desk, answered on the floor, recorded in the registry.</summary>
[Collection(BrowserCollection.Name)]
public sealed class FloorPetitionTests(BrowserFixture browser) : ScreenTest(browser)
{
    [Fact]
    public async Task DeskNamesAPetitionByKeyboard_ChairMarksItAnswered_RegistryShowsStatusAndHistory()
    {
        int petitionId;
        await using (var office = await StaffApiAsync("secretary"))
        {
            var created = await office.PostAsync("/api/petitions", new APIRequestContextOptions
            {
                DataObject = new
                {
                    kind = "Request", petitioner = "Lê Thị Hoa", address = "Thôn Đông", source = "FatherlandFront", field = "Hạ tầng giao thông – thủy lợi",
                    content = "Đường liên thôn Đông – Tây xuống cấp nghiêm trọng, đề nghị xã sớm sửa chữa trước mùa mưa để học sinh đi lại an toàn.",
                    meetingId = 1,
                },
            });
            Assert.True(created.Ok, await created.TextAsync());
            petitionId = (await created.JsonAsync())!.Value.GetProperty("id").GetInt32();
        }

        // The desk, from the keyboard alone: the slip's fields by Tab, the petition found without tone marks, ↓ and Enter.
        var desk = await OpenAsStaffAsync("/desk", "desk", 1280, 800);
        await Expect(QueueRows(desk)).ToHaveCountAsync(12);
        await desk.Locator("#name").FocusAsync();
        await desk.Keyboard.TypeAsync("Lê Thị Hoa");
        await desk.Keyboard.PressAsync("Escape");
        await desk.Keyboard.PressAsync("Tab");
        await desk.Keyboard.TypeAsync("Thôn Đông");
        await desk.Keyboard.PressAsync("Tab");
        await desk.Keyboard.PressAsync("Tab");
        await desk.Keyboard.TypeAsync("Đường liên thôn Đông – Tây xuống cấp");
        await desk.Keyboard.PressAsync("Tab");
        await desk.Keyboard.PressAsync("Tab");
        await Expect(desk.Locator("#petition")).ToBeFocusedAsync();
        await desk.Keyboard.TypeAsync("duong lien thon");
        var suggestion = desk.Locator("#petition-suggestions li", new() { HasText = $"Số {petitionId}: Lê Thị Hoa" });
        await Expect(suggestion).ToBeVisibleAsync();
        await desk.Keyboard.PressAsync("ArrowDown");
        await desk.Keyboard.PressAsync("Enter");
        await Expect(desk.Locator("#petition-chosen")).ToContainTextAsync($"kiến nghị số {petitionId} (Mới)");
        await desk.Keyboard.PressAsync("Enter");
        await Expect(desk.Locator("#done")).ToHaveTextAsync("Đã đăng ký: Lê Thị Hoa");
        await Expect(QueueRows(desk)).ToHaveCountAsync(13);
        await Expect(QueueRows(desk).Last).ToContainTextAsync($"Kiến nghị số {petitionId}: Lê Thị Hoa");
        await Expect(desk.Locator("#petition")).ToHaveValueAsync("");

        // The chair sees it on the queue entry, gives the floor, sees it on the turn and marks it answered here.
        var chair = await OpenAsStaffAsync("/chair", "chair", 1024, 768, touch: true);
        await StartMeetingAsync(chair);
        var row = QueueRows(chair).Filter(new() { HasText = "Lê Thị Hoa" });
        await Expect(row).ToContainTextAsync($"Kiến nghị số {petitionId}: Lê Thị Hoa");
        await chair.GetByRole(AriaRole.Button, new() { Name = "Mời phát biểu: Lê Thị Hoa" }).ClickAsync();
        await Expect(chair.Locator("#name")).ToHaveTextAsync("Lê Thị Hoa");
        await Expect(chair.Locator("#turn-meta")).ToContainTextAsync($"Kiến nghị số {petitionId}");
        var panel = chair.Locator("#petition-panel");
        await Expect(panel).ToBeVisibleAsync();
        await Expect(panel.Locator("#petition-turn")).ToContainTextAsync("Đang phát biểu: Lê Thị Hoa");
        var item = panel.Locator($"[data-petition=\"{petitionId}\"]");
        await Expect(item.Locator(".c-petition-status")).ToHaveTextAsync("Mới");
        await item.GetByRole(AriaRole.Button, new() { Name = "Đã trả lời tại hội nghị" }).ClickAsync();
        await Expect(panel.Locator("#petition-message")).ToContainTextAsync($"Đã chuyển kiến nghị số {petitionId} sang «Trả lời tại hội nghị»");
        await Expect(item.Locator(".c-petition-status")).ToHaveTextAsync("Trả lời tại hội nghị");
        // Across outcomes the registry refuses: the button says so before a tap.
        await Expect(item.GetByRole(AriaRole.Button, new() { Name = "Cần trả lời bằng văn bản" })).ToBeDisabledAsync();

        // Nothing of the tablet runs off the 1024×768 screen with the panel open.
        await AssertFitsAsync(chair);
        await ScreenshotAsync(chair, "chair-petition-1024x768");

        // The next statement takes the panel; the chair can still go back to Lê Thị Hoa's.
        await chair.GetByRole(AriaRole.Button, new() { Name = "Kết thúc lượt" }).ClickAsync();
        await chair.GetByRole(AriaRole.Button, new() { Name = "Mời phát biểu: Nguyễn Văn Bình" }).ClickAsync();
        await Expect(panel.Locator("#petition-turn")).ToContainTextAsync("Đang phát biểu: Nguyễn Văn Bình");
        await Expect(panel.Locator("#petition-items")).ToContainTextAsync("Lượt này chưa gắn kiến nghị nào.");
        await chair.Locator("#petition-pick").SelectOptionAsync(new SelectOptionValue { Label = (await chair.Locator("#petition-pick option", new() { HasText = "Lê Thị Hoa" }).TextContentAsync())! });
        await Expect(panel.Locator("#petition-turn")).ToContainTextAsync("Lượt đã phát biểu: Lê Thị Hoa");
        await Expect(item.Locator(".c-petition-status")).ToHaveTextAsync("Trả lời tại hội nghị");
        await AssertFitsAsync(chair);
        await ScreenshotAsync(chair, "chair-petition-earlier-turn-1024x768");

        // The registry shows the new status and each step the mark walked, naming the meeting and the turn.
        var registry = await OpenAsStaffAsync($"/petitions?id={petitionId}", "secretary", 1366, 900);
        await Expect(registry.Locator("#facts")).ToContainTextAsync("Trả lời tại hội nghị");
        var history = registry.Locator("#history li");
        await Expect(history).ToHaveCountAsync(4);
        await Expect(registry.Locator("#history")).ToContainTextAsync("Mới → Đã phân công");
        await Expect(registry.Locator("#history")).ToContainTextAsync("Đã có trả lời → Trả lời tại hội nghị");
        await Expect(history.Last).ToContainTextAsync("Chủ trì đánh dấu «Trả lời tại hội nghị» tại hội nghị");
        await Expect(history.Last).ToContainTextAsync("của Lê Thị Hoa");
    }

    private static async Task AssertFitsAsync(IPage chair)
    {
        var overflow = await chair.EvaluateAsync<JsonElement>(@"() => {
            const doc = document.documentElement;
            const panel = document.querySelector('#petition-panel').getBoundingClientRect();
            const controls = [...document.querySelectorAll('#petition-panel button, #petition-panel select')]
                .filter(c => !c.hidden).map(c => c.getBoundingClientRect());
            return { pageWide: doc.scrollWidth > doc.clientWidth, pageTall: doc.scrollHeight > doc.clientHeight,
                     panelOut: panel.right > innerWidth || panel.bottom > innerHeight,
                     controlOut: controls.some(r => r.right > panel.right || r.bottom > innerHeight || r.width < 40) };
        }");
        Assert.False(overflow.GetProperty("pageWide").GetBoolean(), "the page scrolls sideways");
        Assert.False(overflow.GetProperty("pageTall").GetBoolean(), "the page scrolls down");
        Assert.False(overflow.GetProperty("panelOut").GetBoolean(), "the petition panel runs off the screen");
        Assert.False(overflow.GetProperty("controlOut").GetBoolean(), "a control of the petition panel runs off it or is squeezed");
    }
}
