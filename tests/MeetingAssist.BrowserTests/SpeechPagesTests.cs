using Microsoft.Playwright;
using MeetingAssist.Transcribe.Testing;
using static Microsoft.Playwright.Assertions;

namespace MeetingAssist.BrowserTests;

/// <summary>The secretary's recording page and the speech settings run on the shared client library like every page.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SpeechPagesTests(BrowserFixture browser) : ScreenTest(browser)
{
    [Fact]
    public async Task SecretaryPage_ListsMeetings_AndItsUploadCarriesTheAntiforgeryHeaderAndAVietnameseRefusal()
    {
        var meetingId = await CurrentMeetingIdAsync();
        var secretary = await OpenAsStaffAsync("/secretary", "secretary");
        await Expect(secretary.Locator("#who")).ToHaveTextAsync("Thư ký: secretary");
        await Expect(secretary.Locator("#meeting")).ToHaveValueAsync(meetingId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(secretary.Locator("#no-recordings")).ToBeVisibleAsync();
        await Expect(secretary.Locator("#speech-status")).Not.ToHaveTextAsync("Đang kiểm tra bộ nhận dạng giọng nói…");

        // The server has no speech model here, so it refuses the file after the antiforgery check has passed:
        // the refusal is the server's own Vietnamese sentence, not an antiforgery failure.
        var status = await secretary.Locator("#speech-status").TextContentAsync();
        var refusal = await secretary.EvaluateAsync<string>(
            "async (id) => { try { await MA.upload(`/api/meetings/${id}/recordings?fileName=a.wav`, new Blob([new Uint8Array(4000)])); return 'accepted'; } catch (e) { return e.status + ' ' + e.message; } }",
            meetingId);
        Assert.Equal("409 " + status, refusal);
    }

    [Fact]
    public async Task SpeechSettings_ShowsTheModelFolder_AndTheUser()
    {
        var settings = await OpenAsStaffAsync("/speech-settings", "admin");
        await Expect(settings.Locator("#who")).ToHaveTextAsync("Quản trị: admin");
        await Expect(settings.Locator("#folder")).Not.ToBeEmptyAsync();
        await Expect(settings.Locator("#error")).ToBeEmptyAsync();
    }

    [Fact]
    public async Task SpeechSettings_ShowsTheSecondPassModel_AndChoosesAnother()
    {
        var folder = Directory.CreateTempSubdirectory("ma-speech-settings-").FullName;
        try
        {
            GgmlModelWriter.Write(Path.Combine(folder, "ggml-a-nho.bin"), GgmlModelSpec.TestTiny);
            GgmlModelWriter.Write(Path.Combine(folder, "ggml-b-lon.bin"), GgmlModelSpec.TestTiny with { State = 128 });
            await Server.DisposeAsync();
            await StartServerAsync(new Dictionary<string, string> { ["MeetingAssist__Speech__ModelsFolder"] = folder });

            var settings = await OpenAsStaffAsync("/speech-settings", "admin");
            await Expect(settings.Locator("#second-pass-model")).ToHaveTextAsync("ggml-b-lon.bin");
            await Expect(settings.Locator("#second-pass-reason")).ToHaveTextAsync("(mô hình lớn nhất đã cài)");
            var smaller = settings.Locator("#models tbody tr", new() { HasText = "ggml-a-nho.bin" });
            await Expect(smaller.GetByText("Đang dùng")).ToBeVisibleAsync();
            await smaller.GetByRole(AriaRole.Button, new() { Name = "Dùng cho nhận dạng lại" }).ClickAsync();

            await Expect(settings.Locator("#second-pass-model")).ToHaveTextAsync("ggml-a-nho.bin");
            await Expect(settings.Locator("#second-pass-reason")).ToHaveTextAsync("(đã chọn cho lần nhận dạng lại)");
            await Expect(settings.Locator("#models tbody tr", new() { HasText = "ggml-b-lon.bin" })
                .GetByRole(AriaRole.Button, new() { Name = "Dùng cho nhận dạng lại" })).ToBeVisibleAsync();
            await Expect(settings.Locator("#error")).ToBeEmptyAsync();
            await ScreenshotAsync(settings, "speech-settings-second-pass", fullPage: true);

            // The editor's second-pass box names the model the pass will use, and why that one.
            var editor = await OpenAsStaffAsync($"/transcript-editor?m={await CurrentMeetingIdAsync()}", "secretary");
            await editor.GetByText("Nhận dạng lại từ ghi âm của hội nghị").ClickAsync();
            await Expect(editor.Locator("#pass-model")).ToHaveTextAsync("Mô hình dùng để nhận dạng lại: ggml-a-nho.bin (đã chọn cho lần nhận dạng lại).");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
