using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MeetingAssist.BrowserTests;

/// <summary>Where the office finds the documents: a meeting's on the registry page and the setup page, a reply beside its petition.</summary>
[Collection(BrowserCollection.Name)]
public sealed class MeetingDocumentsPageTests(BrowserFixture browser) : ScreenTest(browser)
{
    private static async Task<byte[]> DownloadAsync(IPage page, ILocator button, string expectedName)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => button.ClickAsync());
        Assert.Equal(expectedName, download.SuggestedFilename);
        var bytes = await File.ReadAllBytesAsync((await download.PathAsync())!);
        // A DOCX is a zip package, not a saved error page.
        Assert.Equal("PK"u8.ToArray(), bytes.Take(2).ToArray());
        return bytes;
    }

    /// <summary>The text of the DOCX's main part, as stored (markup characters escaped).</summary>
    private static string DocumentXml(byte[] docx)
    {
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(docx));
        using var reader = new StreamReader(zip.GetEntry("word/document.xml")!.Open());
        return reader.ReadToEnd();
    }

    [Fact]
    public async Task OfficeDownloadsAMeetingsDocuments_AndTheReplyOfAnAnsweredPetition()
    {
        var meetingId = await CurrentMeetingIdAsync();
        int petitionId;
        await using (var api = await StaffApiAsync("desk"))
        {
            var created = await api.PostAsync("/api/petitions", new APIRequestContextOptions
            {
                DataObject = new { kind = "Request", petitioner = "Nguyễn Văn Bình", address = "Thôn Đông", source = "Letter", field = "Đất đai", content = "Chậm cấp giấy chứng nhận.", meetingId },
            });
            Assert.True(created.Ok, await created.TextAsync());
            petitionId = (await created.JsonAsync())!.Value.GetProperty("id").GetInt32();
            Assert.True((await api.PostAsync("/api/petitions/bulk-assign", new APIRequestContextOptions { DataObject = new { ids = new[] { petitionId }, department = "Phòng Kinh tế" } })).Ok);
            Assert.True((await api.PostAsync($"/api/petitions/{petitionId}/transition", new APIRequestContextOptions { DataObject = new { to = "Answered", answer = "Giấy chứng nhận được cấp trong tháng 5." } })).Ok);
        }

        var desk = await OpenAsStaffAsync("/petitions", "desk", 1366, 900);
        await desk.Locator("#deadline-meeting").SelectOptionAsync(meetingId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var documents = desk.Locator("#meeting-documents > li");
        await Expect(documents).ToHaveCountAsync(6);
        var conclusion = documents.Filter(new() { HasText = "Thông báo kết luận" });
        await Expect(conclusion).ToContainTextAsync("Ban hành chậm nhất");
        await DownloadAsync(desk, conclusion.GetByRole(AriaRole.Button, new() { Name = "Tải Thông báo kết luận dạng DOCX" }), $"thong-bao-ket-luan-hoi-nghi-{meetingId}.docx");

        await desk.Locator("#rows tr", new() { HasText = "Nguyễn Văn Bình" }).ClickAsync();
        await Expect(desk.Locator("#reply")).ToBeVisibleAsync();
        await DownloadAsync(desk, desk.GetByRole(AriaRole.Button, new() { Name = "Tải văn bản trả lời (DOCX)" }), $"tra-loi-kien-nghi-{petitionId}.docx");
        await ScreenshotAsync(desk, "petitions-documents-1366x900", fullPage: true);

        // The invitees: tick a department, add a line of its own, save; the invitation then prints exactly those.
        await documents.Filter(new() { HasText = "Giấy mời" }).GetByRole(AriaRole.Button, new() { Name = "Người được mời" }).ClickAsync();
        var editor = desk.Locator("#invitation-editor");
        await Expect(editor.GetByLabel("Lãnh đạo Phòng Kinh tế")).ToBeVisibleAsync();
        foreach (var box in await editor.Locator("input[type=checkbox]").AllAsync()) await box.UncheckAsync();
        await editor.GetByLabel("Lãnh đạo Phòng Kinh tế").CheckAsync();
        await editor.GetByRole(AriaRole.Textbox, new() { Name = "Thêm người hoặc cơ quan được mời" }).FillAsync("Đại diện Ủy ban MTTQ xã <b>");
        await editor.GetByRole(AriaRole.Textbox, new() { Name = "Thêm người hoặc cơ quan được mời" }).PressAsync("Enter");
        await Expect(editor.GetByLabel("Đại diện Ủy ban MTTQ xã <b>")).ToBeCheckedAsync();
        await editor.GetByRole(AriaRole.Button, new() { Name = "Lưu danh sách mời" }).ClickAsync();
        await Expect(editor.GetByRole(AriaRole.Status)).ToHaveTextAsync("Đã lưu 2 dòng người được mời.");
        await ScreenshotAsync(desk, "petitions-invitation-1366x900", fullPage: true);
        await using (var api = await StaffApiAsync("desk"))
        {
            var saved = (await (await api.GetAsync($"/api/meetings/{meetingId}/invitation")).JsonAsync())!.Value;
            Assert.Equal(["Lãnh đạo Phòng Kinh tế", "Đại diện Ủy ban MTTQ xã <b>"], saved.GetProperty("invitees").EnumerateArray().Select(e => e.GetString()));
        }
        var invitation = await DownloadAsync(desk, documents.Filter(new() { HasText = "Giấy mời" }).GetByRole(AriaRole.Button, new() { Name = "Tải Giấy mời dạng DOCX" }),
            $"giay-moi-hoi-nghi-{meetingId}.docx");
        var xml = DocumentXml(invitation);
        Assert.Contains("- Lãnh đạo Phòng Kinh tế;", xml);
        Assert.Contains("- Đại diện Ủy ban MTTQ xã &lt;b&gt;.", xml);

        var setup = await OpenAsStaffAsync("/setup", "admin", 1280, 900);
        await Expect(setup.Locator("#meeting-documents > li")).ToHaveCountAsync(6);
        await DownloadAsync(setup, setup.GetByRole(AriaRole.Button, new() { Name = "Tải Thông báo tổ chức hội nghị dạng DOCX" }), $"thong-bao-hoi-nghi-{meetingId}.docx");
    }
}
