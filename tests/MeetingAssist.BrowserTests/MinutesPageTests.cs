using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MeetingAssist.BrowserTests;

/// <summary>The secretary takes the demo meeting's minutes from draft to approved on the page; the server then holds the lock.</summary>
[Collection(BrowserCollection.Name)]
public sealed class MinutesPageTests(BrowserFixture browser) : ScreenTest(browser)
{
    [Fact]
    public async Task Secretary_FillsTheGaps_ChoosesASummary_Approves_AndTheServerRefusesLaterEdits()
    {
        var chair = await OpenAsStaffAsync("/chair", "chair");
        await StartMeetingAsync(chair);
        await chair.GetByRole(AriaRole.Button, new() { Name = "Mời người tiếp theo" }).ClickAsync();
        await chair.GetByRole(AriaRole.Button, new() { Name = "Kết thúc lượt" }).ClickAsync();
        await Expect(chair.GetByRole(AriaRole.Button, new() { Name = "Mời người tiếp theo" })).ToBeEnabledAsync();

        var page = await OpenAsStaffAsync("/minutes", "secretary", 1280, 1000);
        var turn = page.Locator(".mn-turn").First;
        await Expect(turn).ToContainTextAsync("Nguyễn Văn Bình (Thôn Đông) phát biểu về: Đường liên thôn xuống cấp");
        await Expect(turn).ToHaveAttributeAsync("data-problem", "true");
        await Expect(page.Locator("#problems li")).Not.ToHaveCountAsync(0);
        await Expect(page.Locator("#approve")).ToBeDisabledAsync();

        await turn.GetByLabel("Tóm tắt", new() { Exact = true }).First.CheckAsync();
        await turn.GetByRole(AriaRole.Textbox, new() { Name = "Tóm tắt" }).FillAsync("Ông Bình đề nghị sửa đường liên thôn trước mùa mưa.");
        await turn.GetByRole(AriaRole.Button, new() { Name = "Lưu lượt này" }).ClickAsync();
        await Expect(page.Locator(".mn-turn").First).ToHaveAttributeAsync("data-problem", "false");

        await page.GetByLabel("1. Khai mạc hội nghị").FillAsync("Đồng chí Phó Chủ tịch UBND xã tuyên bố lý do, giới thiệu đại biểu.");
        await page.GetByLabel("2. Chủ tọa nêu mục đích, nội dung hội nghị").FillAsync("Chủ tọa nêu mục đích, yêu cầu của hội nghị.");
        await page.GetByLabel("Không có kiến nghị thu thập trước hội nghị").CheckAsync();
        await page.Locator("[data-count]").First.FillAsync("120");
        await page.GetByLabel("Kết luận của chủ trì hội nghị").FillAsync("Giao Phòng Kinh tế sửa đường trước ngày 30/4.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu", Exact = true }).ClickAsync();
        await Expect(page.Locator("#no-problems")).ToBeVisibleAsync();
        await ScreenshotAsync(page, "minutes-draft", fullPage: true);

        await page.Locator("#approve").ClickAsync();
        await page.Locator("[data-confirm-ok]").ClickAsync();
        await Expect(page.Locator("#state")).ToHaveAttributeAsync("data-kind", "locked");
        await Expect(page.Locator("#hash-value")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[0-9a-f]{64}$"));
        await Expect(page.GetByLabel("1. Khai mạc hội nghị")).ToBeDisabledAsync();
        await Expect(page.Locator("#amend")).ToBeVisibleAsync();
        await ScreenshotAsync(page, "minutes-approved", fullPage: true);

        // Not only the page: the server refuses a direct call made with the secretary's own session and token.
        var refusal = await page.EvaluateAsync<string>(
            "async () => { try { await MA.api(`/api/meetings/${(await MA.api('/api/meetings/current')).id}/minutes/`, { method: 'PUT', body: { opening: 'sửa lén' } }); return 'accepted'; } catch (e) { return e.status + ' ' + e.message; } }");
        Assert.StartsWith("409 Biên bản đã được duyệt", refusal);
    }
}
