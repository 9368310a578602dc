using Microsoft.Playwright;
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
}
