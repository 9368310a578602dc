using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MeetingAssist.BrowserTests;

/// <summary>
/// Markup payloads in every kind of user text (people, hamlets, topics, notes, phone requests, a meeting title),
/// entered through the desk page and the API, then every page opened: no payload runs (the flag it would set
/// stays unset, no dialog opens, no element it would create exists) and the text shows as typed.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class XssEveryPageTests(BrowserFixture browser) : ScreenTest(browser)
{
    private const string ImagePayload = "<img src=x onerror=window.__xss=1>";
    private const string ScriptPayload = "<script>window.__xss=2</script>";
    private const string SvgPayload = "\"><svg onload=window.__xss=3>";
    private const string FramePayload = "<iframe srcdoc=\"<script>parent.__xss=4</script>\"></iframe>";

    private static readonly (string Path, string? User)[] Pages =
    [
        ("/projector", null), ("/ask", null), ("/chair", "chair"), ("/desk", "desk"),
        ("/setup", "admin"), ("/live-transcript", "secretary"), ("/secretary", "secretary"),
        ("/minutes", "secretary"),
        ("/petitions", "admin"), ("/opinion", null),
        ("/petitions-import", "secretary"), ("/plans", "admin"), ("/petitions-reminders", "admin"),
    ];

    [Fact]
    public async Task MarkupInEveryUserField_NeverRuns_OnAnyPage_AndShowsLiterally()
    {
        var desk = await OpenAsStaffAsync("/desk", "desk");
        await RegisterAtDeskAsync(desk, ScriptPayload, SvgPayload, ImagePayload, field: FramePayload, note: ImagePayload + " ghi chú");
        await SubmitPhoneRequestAsync(1, SvgPayload + " điện thoại", ScriptPayload, FramePayload + " câu hỏi");
        await CreateMeetingAsync("Hội nghị " + ImagePayload);
        // A petition named on a slip: its petitioner and content reach the desk's picker and queue, and the chair's queue.
        await using (var office = await StaffApiAsync("secretary"))
        {
            var created = await office.PostAsync("/api/petitions", new APIRequestContextOptions
            {
                DataObject = new { petitioner = ScriptPayload + " kiến nghị", content = ImagePayload + " nội dung " + FramePayload, meetingId = 1 },
            });
            Assert.True(created.Ok, await created.TextAsync());
        }
        await desk.Locator("#name").FillAsync("Người nêu kiến nghị");
        await desk.Locator("#topic").FillAsync("Nội dung " + SvgPayload);
        await desk.Locator("#petition").FillAsync("kien nghi");
        await desk.Locator("#petition-suggestions li").First.ClickAsync();
        await desk.Locator("#petition").PressAsync("Enter");
        await Expect(desk.Locator("#done")).ToHaveTextAsync("Đã đăng ký: Người nêu kiến nghị");

        foreach (var (path, user) in Pages)
        {
            var page = user is null ? await OpenAsync(path, 1280, 800) : await OpenAsStaffAsync(path, user);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            Assert.True(await page.EvaluateAsync<bool>("() => window.__xss === undefined"), $"A payload ran on {path}.");
            Assert.Equal(0, await page.Locator("main img[src='x'], main svg[onload], main script, main iframe").CountAsync());
        }

        // The text is shown as typed where staff see it.
        await Expect(QueueRows(desk).Last).ToContainTextAsync(ScriptPayload);
        var chair = await OpenAsStaffAsync("/chair", "chair");
        await Expect(chair.Locator("#queue").GetByText(ScriptPayload).First).ToBeVisibleAsync();
        await Expect(chair.Locator("#queue").GetByText(ImagePayload).First).ToBeVisibleAsync();
        await Expect(chair.Locator("option", new() { HasText = "Hội nghị " + ImagePayload })).ToHaveCountAsync(1);
        Assert.Empty(Dialogs);
    }
}
