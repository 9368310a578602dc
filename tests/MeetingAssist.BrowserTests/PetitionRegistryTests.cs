using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MeetingAssist.BrowserTests;

/// <summary>The registry as an office uses it, and the public opinion page as a citizen does.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PetitionRegistryTests(BrowserFixture browser) : ScreenTest(browser)
{
    private static ILocator Row(IPage page, string petitioner) => page.Locator("#rows tr", new() { HasText = petitioner });

    [Fact]
    public async Task ClerkCreatesAssignsAndAnswers_CitizenSubmitsOnThePublicPage_AndItAppearsForReview()
    {
        var phone = await OpenAsync("/opinion", 390, 844, touch: true);
        await phone.GetByRole(AriaRole.Button, new() { Name = "Gửi ý kiến" }).ClickAsync();
        await Expect(phone.Locator("[data-error-for=name]")).ToContainTextAsync("họ tên");
        await phone.GetByLabel("Họ và tên (hoặc tên nhóm, tổ chức)").FillAsync("Đặng Thị Ểnh");
        await phone.GetByLabel("Thôn/Tổ dân phố, địa chỉ").FillAsync("Thôn Bắc");
        await phone.GetByLabel("Lĩnh vực").SelectOptionAsync("Môi trường");
        await phone.GetByLabel("Nội dung ý kiến, kiến nghị").FillAsync("Đề nghị nạo vét kênh <b>thôn Bắc</b>.");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Gửi ý kiến" }).ClickAsync();
        await Expect(phone.Locator("#done")).ToContainTextAsync("Đã nhận ý kiến của quý vị");
        await ScreenshotAsync(phone, "opinion-sent-390x844", fullPage: true);

        var desk = await OpenAsStaffAsync("/petitions", "desk", 1366, 900);
        var pending = desk.Locator("#opinions li", new() { HasText = "Đặng Thị Ểnh" });
        await Expect(pending).ToContainTextAsync("Đề nghị nạo vét kênh <b>thôn Bắc</b>.");

        await desk.GetByLabel("Người kiến nghị (cá nhân hoặc nhóm)").FillAsync("Nguyễn Văn Bình");
        await desk.GetByLabel("Địa chỉ / tổ chức").FillAsync("Thôn Đông");
        await desk.GetByLabel("Nguồn tiếp nhận").SelectOptionAsync("Letter");
        await desk.Locator("#c-field").FillAsync("Hạ tầng giao thông – thủy lợi");
        await desk.Locator("#c-content").FillAsync("Đường liên thôn Đông – Tây xuống cấp.");
        // The day it came, typed as dates are written in Vietnam.
        await desk.GetByLabel("Ngày nhận (ngày/tháng/năm, để trống là hôm nay)").FillAsync("5/1/2025");
        await desk.GetByRole(AriaRole.Button, new() { Name = "Lưu kiến nghị" }).ClickAsync();
        await Expect(Row(desk, "Nguyễn Văn Bình").Locator(".p-status")).ToHaveTextAsync("Mới");

        await Row(desk, "Nguyễn Văn Bình").Locator("input[type=checkbox]").CheckAsync();
        await desk.Locator("#bulk-department").FillAsync("Phòng Kinh tế");
        await desk.GetByRole(AriaRole.Button, new() { Name = "Phân công", Exact = true }).ClickAsync();
        await Expect(Row(desk, "Nguyễn Văn Bình").Locator(".p-status")).ToHaveTextAsync("Đã phân công");
        await Expect(desk.Locator("#due-why")).ToContainTextAsync("ngày làm việc kể từ ngày sau");

        await desk.Locator("#t-answer").FillAsync("Phòng Kinh tế trả lời: đã đưa vào kế hoạch sửa chữa quý I.");
        await desk.GetByRole(AriaRole.Button, new() { Name = "Chuyển sang: Đã có trả lời" }).ClickAsync();
        await Expect(Row(desk, "Nguyễn Văn Bình").Locator(".p-status")).ToHaveTextAsync("Đã có trả lời");
        await desk.GetByRole(AriaRole.Button, new() { Name = "Chuyển sang: Trả lời tại hội nghị" }).ClickAsync();
        await Expect(Row(desk, "Nguyễn Văn Bình").Locator(".p-status")).ToHaveTextAsync("Trả lời tại hội nghị");
        await Expect(desk.Locator("#history li")).ToHaveCountAsync(4);
        await Expect(desk.Locator("#history")).ToContainTextAsync("Đã phân công → Đã có trả lời");
        await Expect(desk.Locator("#facts")).ToContainTextAsync("05/01/2025");

        await pending.Locator("input").First.FillAsync("Phòng Tài nguyên và Môi trường");
        await desk.GetByRole(AriaRole.Button, new() { Name = "Duyệt: Đặng Thị Ểnh" }).ClickAsync();
        await Expect(desk.Locator("#opinions")).ToContainTextAsync("Không có ý kiến nào chờ duyệt.");
        await Expect(Row(desk, "Đặng Thị Ểnh")).ToContainTextAsync("Phòng Tài nguyên và Môi trường");
        await Expect(desk.Locator("#stats")).ToContainTextAsync("Tổng số");
        // Both are due more than three working days from now: the dashboard says there is nothing to chase instead of leaving its lists blank.
        await Expect(desk.Locator("#overdue-by-department")).ToHaveTextAsync("Không có kiến nghị quá hạn.");
        await Expect(desk.Locator("#reminders")).ToHaveTextAsync("Không có kiến nghị quá hạn hoặc sắp đến hạn trong 3 ngày làm việc tới.");
        await ScreenshotAsync(desk, "petitions-registry-1366x900", fullPage: true);

        // The due-date filter takes the same Vietnamese form: nothing here is due before 2020.
        await desk.GetByLabel("Hạn trước ngày").FillAsync("31/12/2019");
        await desk.GetByRole(AriaRole.Button, new() { Name = "Lọc", Exact = true }).ClickAsync();
        await Expect(Row(desk, "Nguyễn Văn Bình")).ToHaveCountAsync(0);
        await desk.GetByLabel("Hạn trước ngày").FillAsync("31/12/2099");
        await desk.GetByRole(AriaRole.Button, new() { Name = "Lọc", Exact = true }).ClickAsync();
        await Expect(Row(desk, "Nguyễn Văn Bình")).ToHaveCountAsync(1);
    }
}
