using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MeetingAssist.BrowserTests;

/// <summary>
/// The office prepares the next meeting as a new admin would: dates typed the Vietnamese way, messages beside what
/// caused them, responders of this meeting only; then the meeting is put on the hall's screens and every screen
/// that follows the hall switches to it without a reload.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SetupDayTests(BrowserFixture browser) : ScreenTest(browser)
{
    private const string Title = "Hội nghị đối thoại chuyên đề đất đai thôn Bắc";

    [Fact]
    public async Task NewMeeting_IncompleteDateRefusedBesideField_ThenSavedWithResponders_PutOnScreen_ScreensFollow()
    {
        var projector = await OpenAsync("/projector", 1280, 720);
        await WaitConnectedAsync(projector);
        await Expect(projector.Locator("#title")).ToContainTextAsync("xã Kiến Minh");
        var chair = await OpenAsStaffAsync("/chair", "chair", 1024, 768);
        await Expect(chair.Locator("#title")).ToContainTextAsync("xã Kiến Minh");

        var setup = await OpenAsStaffAsync("/setup", "admin", 1280, 900);
        await Expect(setup.Locator("#meeting-pick option")).ToHaveCountAsync(1);
        await setup.GetByRole(AriaRole.Button, new() { Name = "Hội nghị mới", Exact = true }).ClickAsync();
        await setup.GetByLabel("Tên hội nghị").FillAsync(Title);
        // Half a date: refused on the page, beside the field, and beside the button; nothing is created.
        await setup.GetByLabel("Ngày bắt đầu (ngày/tháng/năm)").FillAsync("05/12");
        await setup.GetByLabel("Giờ bắt đầu (giờ:phút, 24 giờ)").FillAsync("14:30");
        var save = setup.GetByRole(AriaRole.Button, new() { Name = "Tạo hội nghị" });
        await save.ClickAsync();
        var dateError = setup.Locator("[data-error-for=scheduledStart]");
        await Expect(dateError).ToHaveTextAsync(new Regex("^Ngày “05/12” không đúng"));
        await Expect(setup.Locator("#meeting-msg")).ToHaveTextAsync("Chưa lưu: hãy sửa chỗ được đánh dấu.");
        await AssertBesideAsync(setup, "#meeting-msg", "#meeting-save");
        await AssertBesideAsync(setup, "[data-error-for=scheduledStart]", "#m-date");
        await Expect(setup.Locator("#meeting-pick option")).ToHaveCountAsync(1);

        // A time the server refuses comes back beside its own field.
        await setup.GetByLabel("Ngày bắt đầu (ngày/tháng/năm)").FillAsync("5/12/2026");
        await setup.GetByLabel("Phát biểu", new() { Exact = true }).FillAsync("5");
        await save.ClickAsync();
        await Expect(setup.Locator("[data-error-for=statementSeconds]")).ToHaveTextAsync("Thời gian phát biểu phải từ 10 đến 3600 giây.");
        await Expect(dateError).ToHaveTextAsync("");
        await ScreenshotAsync(setup, "setup-field-errors");

        // Responders of this meeting only, and three next speakers on the projector.
        await setup.GetByLabel("Phát biểu", new() { Exact = true }).FillAsync("120");
        await setup.GetByLabel("Số người tiếp theo hiện trên màn chiếu (1–10)").FillAsync("3");
        await setup.Locator("#m-responders label").Filter(new() { HasText = "Trần Quốc Toản" }).Locator("input").CheckAsync();
        await save.ClickAsync();
        await Expect(setup.Locator("#meeting-msg")).ToHaveTextAsync("Đã tạo hội nghị.");
        // The stale message of the failed attempt is gone.
        await Expect(setup.Locator("[data-error-for=statementSeconds]")).ToHaveTextAsync("");
        await Expect(setup.Locator("#meeting-pick option")).ToHaveCountAsync(2);
        await Expect(setup.Locator("#meeting-pick option:checked")).ToHaveTextAsync(Title + " – 14:30 ngày 05/12/2026");
        await Expect(setup.GetByLabel("Ngày bắt đầu (ngày/tháng/năm)")).ToHaveValueAsync("05/12/2026");
        await Expect(setup.GetByLabel("Giờ bắt đầu (giờ:phút, 24 giờ)")).ToHaveValueAsync("14:30");
        var meetingId = int.Parse((await setup.Locator("#meeting-pick").InputValueAsync())!);

        // Put it on the hall's screens: the projector and the chair's tablet switch by themselves.
        await setup.GetByRole(AriaRole.Button, new() { Name = "Đưa lên màn hình hội trường" }).ClickAsync();
        await Expect(setup.Locator("#meeting-actions-msg")).ToContainTextAsync("đã chuyển sang hội nghị này");
        await AssertBesideAsync(setup, "#meeting-actions-msg", "#meeting-on-screen");
        await Expect(projector.Locator("#title")).ToHaveTextAsync(Title);
        await Expect(projector.Locator("#url")).ToContainTextAsync($"/ask?m={meetingId}");
        await Expect(chair.Locator("#title")).ToHaveTextAsync(Title);
        await Expect(chair.Locator("#responder option")).ToHaveCountAsync(2);
        await Expect(chair.Locator("#responder option").Last).ToContainTextAsync("Trần Quốc Toản");
        await Expect(chair.Locator("#responder")).ToHaveValueAsync("");

        // The next-N setting reaches the projector.
        var desk = await OpenAsStaffAsync("/desk", "desk", 1280, 800);
        await Expect(desk.Locator("#title")).ToContainTextAsync(Title);
        foreach (var name in new[] { "Nguyễn Xuân Đông", "Ngô Văn Phương", "Bùi Xuân Thúc", "Đinh Đức Cảnh", "Vũ Bình Dương" })
            await RegisterAtDeskAsync(desk, name, "Thôn Bắc", "Đề nghị cấp giấy chứng nhận quyền sử dụng đất");
        // (Before the start the QR code has the screen; the next speakers show once the meeting is on.)
        await StartMeetingAsync(chair);
        await Expect(projector.Locator("#next li:visible")).ToHaveCountAsync(3);

        // Copy for next year, then delete the copy (never started); the original stays.
        await setup.GetByRole(AriaRole.Button, new() { Name = "Sao chép thành hội nghị mới" }).ClickAsync();
        await Expect(setup.Locator("#meeting-actions-msg")).ToContainTextAsync("Đã tạo bản sao");
        await Expect(setup.GetByLabel("Tên hội nghị")).ToHaveValueAsync(Title + " (bản sao)");
        await Expect(setup.Locator("#m-responders input:checked")).ToHaveCountAsync(1);
        await setup.GetByRole(AriaRole.Button, new() { Name = "Xóa", Exact = true }).First.ClickAsync();
        await setup.Locator("#confirm").GetByRole(AriaRole.Button, new() { Name = "Xóa" }).ClickAsync();
        await Expect(setup.Locator("#meeting-actions-msg")).ToHaveTextAsync($"Đã xóa “{Title} (bản sao)”.");
        await Expect(setup.Locator("#meeting-pick option")).ToHaveCountAsync(2);
        await ScreenshotAsync(setup, "setup", fullPage: true);

        // From the tablet: the chair opens the other meeting with the picker and puts it back on the hall's screens.
        var demo = await chair.Locator("#meeting-pick option", new() { HasText = "xã Kiến Minh với Nhân dân" }).GetAttributeAsync("value");
        await chair.Locator("#meeting-pick").SelectOptionAsync(demo!);
        await Expect(chair).ToHaveURLAsync(new Regex(@"/chair\?m=\d+$"));
        await WaitConnectedAsync(chair);
        await Expect(chair.Locator("#title")).ToContainTextAsync("xã Kiến Minh");
        var onScreen = chair.GetByRole(AriaRole.Button, new() { Name = "Đưa lên màn hình hội trường" });
        await onScreen.ClickAsync();
        await Expect(projector.Locator("#title")).ToContainTextAsync("xã Kiến Minh");
        await Expect(onScreen).ToBeHiddenAsync();
    }

    [Fact]
    public async Task ArchivePersonAndMeeting_LeaveTheLists_ArchivedMeetingShownOnRequest()
    {
        var setup = await OpenAsStaffAsync("/setup", "admin", 1280, 900);
        var responder = setup.Locator("#m-responders label").Filter(new() { HasText = "Trần Quốc Toản" });
        await Expect(responder).ToHaveCountAsync(1);

        // A person is archived, never erased: gone from the list and from the responders to choose.
        await setup.GetByRole(AriaRole.Button, new() { Name = "Lưu trữ: Trần Quốc Toản" }).ClickAsync();
        await setup.Locator("#confirm").GetByRole(AriaRole.Button, new() { Name = "Lưu trữ" }).ClickAsync();
        await Expect(setup.Locator("#people-msg")).ToHaveTextAsync("Đã lưu trữ: Trần Quốc Toản.");
        await Expect(setup.Locator("#people li").Filter(new() { HasText = "Trần Quốc Toản" })).ToHaveCountAsync(0);
        await Expect(responder).ToHaveCountAsync(0);

        // A meeting is archived: gone from the picker until archived meetings are asked for.
        // The form fills in after the meeting list loads; read the title only once it is there.
        var titleBox = setup.GetByLabel("Tên hội nghị");
        await Expect(titleBox).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(@"\S"));
        var title = await titleBox.InputValueAsync();
        await setup.GetByRole(AriaRole.Button, new() { Name = "Lưu trữ", Exact = true }).ClickAsync();
        await setup.Locator("#confirm").GetByRole(AriaRole.Button, new() { Name = "Lưu trữ" }).ClickAsync();
        await Expect(setup.Locator("#meeting-actions-msg")).ToHaveTextAsync($"Đã lưu trữ “{title}”.");
        await Expect(setup.Locator("#meeting-pick option")).ToHaveCountAsync(0);
        await setup.GetByLabel("Hiện cả hội nghị đã lưu trữ").CheckAsync();
        await Expect(setup.Locator("#meeting-pick option")).ToHaveCountAsync(1);
        await Expect(setup.Locator("#meeting-pick option")).ToContainTextAsync("(đã lưu trữ)");
        await Expect(setup.GetByRole(AriaRole.Button, new() { Name = "Bỏ lưu trữ" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task HomePage_Secretary_SeesTheSecretarysPagesFirst()
    {
        var home = await OpenAsStaffAsync("/", "secretary", 1280, 800);
        var mine = home.GetByRole(AriaRole.Navigation, new() { Name = "Trang của bạn" });
        await Expect(mine).ToBeVisibleAsync();
        var links = mine.GetByRole(AriaRole.Link);
        await Expect(links).ToHaveCountAsync(8);
        var hrefs = new List<string?>();
        for (var i = 0; i < 8; i++) hrefs.Add(await links.Nth(i).GetAttributeAsync("href"));
        Assert.Equal(["/secretary", "/live-transcript", "/sound-desk", "/minutes", "/petitions", "/petitions-import", "/plans", "/petitions-reminders"], hrefs);
        await Expect(home.Locator("#who")).ToHaveTextAsync("Đang đăng nhập: secretary (Thư ký).");
    }

    /// <summary>A message is beside what caused it: vertically within a short reach of it, not at the top of the page.</summary>
    private static async Task AssertBesideAsync(IPage page, string message, string cause)
    {
        var m = await page.Locator(message).BoundingBoxAsync();
        var c = await page.Locator(cause).BoundingBoxAsync();
        Assert.True(m is not null && c is not null, $"{message} or {cause} is not shown.");
        var gap = Math.Max(0, Math.Max(m!.Y - (c!.Y + c.Height), c.Y - (m.Y + m.Height)));
        Assert.True(gap <= 60, $"{message} is {gap:0} px away from {cause}.");
    }
}
