using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MeetingAssist.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class LoginAndSetupTests(BrowserFixture browser) : ScreenTest(browser)
{
    [Fact]
    public async Task SignedOut_SetupPage_GoesThroughLoginAndBack_ShowsMeeting()
    {
        var setup = await OpenThroughLoginPageAsync("/setup", "admin", 1280, 900);
        await Expect(setup.GetByLabel("Tên hội nghị")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("xã Kiến Minh"));
        await Expect(setup.GetByLabel("Chương trình (mỗi dòng một nội dung)")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("Khai mạc, giới thiệu đại biểu\nBáo cáo"));
        await Expect(setup.Locator("#people li").Filter(new() { HasText = "Nguyễn Thị Minh" })).ToBeVisibleAsync();
        await Expect(setup.Locator("#users li")).ToHaveCountAsync(5);

        await setup.GetByLabel("Tên đăng nhập mới").FillAsync("bantiepnhan2");
        await setup.GetByLabel("Vai trò", new() { Exact = true }).Last.SelectOptionAsync("desk");
        await setup.GetByRole(AriaRole.Button, new() { Name = "Tạo tài khoản" }).ClickAsync();
        await Expect(setup.Locator("#password code")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\S{8,}$"));
        await Expect(setup.Locator("#users li")).ToHaveCountAsync(6);
        await ScreenshotAsync(setup, "setup", fullPage: true);
    }

    [Fact]
    public async Task WrongPassword_ShowsVietnameseMessage()
    {
        var login = await OpenAsync("/login?next=/chair", 800, 700);
        await login.GetByLabel("Tên đăng nhập").FillAsync("chair");
        await login.GetByLabel("Mật khẩu").FillAsync("sai-mat-khau");
        await login.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await Expect(login.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Tên đăng nhập hoặc mật khẩu không đúng.");
    }
}
