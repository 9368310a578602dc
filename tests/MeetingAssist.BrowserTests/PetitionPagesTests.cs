using System.Text.RegularExpressions;
using ClosedXML.Excel;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MeetingAssist.BrowserTests;

/// <summary>The office's pages around the registry as a clerk works them: importing a list, the yearly plan, export, saved filters, reminders.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PetitionPagesTests(BrowserFixture browser) : ScreenTest(browser)
{
    private readonly string _folder = Directory.CreateTempSubdirectory("petition-pages-").FullName;

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>A list as an office types it: a title, the header, a section row, rows; optionally one row without its content.</summary>
    private string OfficeList(string fileName, bool withProblemRow)
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.AddWorksheet("Danh sách");
        sheet.Cell("A1").Value = "DANH SÁCH Ý KIẾN, KIẾN NGHỊ CỦA CỬ TRI XÃ KIẾN MINH";
        string[] header = ["STT", "Họ và tên", "Địa chỉ", "Nội dung kiến nghị", "Lĩnh vực", "Cơ quan trả lời"];
        for (var c = 0; c < header.Length; c++) sheet.Cell(3, c + 1).Value = header[c];
        sheet.Cell("A4").Value = "I. LĨNH VỰC ĐẤT ĐAI";
        sheet.Range("A4:F4").Merge();
        string[][] rows =
        [
            ["1", "Phạm Văn Ước", "Thôn Đông", "Đề nghị đo đạc lại ranh giới thửa đất giáp kênh N2.", "", "Phòng Tài nguyên và Môi trường"],
            // TCVN3 (ABC) text as old office machines typed it: «Hồ Chí Minh».
            ["2", "Vũ Thị Ởn", "Khu H\u00E5 Ch\u00DD Minh", withProblemRow ? "" : "Đề nghị cấp giấy chứng nhận cho 5 hộ khu tái định cư.", "", "Phòng Tài nguyên và Môi trường"],
            ["3", "Đỗ Quang Ửng", "Thôn Nam", "Đề nghị công khai quy hoạch đất ở thôn Nam.", "", ""],
        ];
        for (var r = 0; r < rows.Length; r++)
            for (var c = 0; c < rows[r].Length; c++) sheet.Cell(5 + r, c + 1).SetValue(rows[r][c]);
        var path = Path.Combine(_folder, fileName);
        workbook.SaveAs(path);
        return path;
    }

    [Fact]
    public async Task ClerkImportsAList_SeesTheProblemRow_FixesTheFile_AndFindsTheRowsInTheRegistry()
    {
        var page = await OpenAsStaffAsync("/petitions-import", "secretary", 1366, 900);
        var preview = page.GetByRole(AriaRole.Button, new() { Name = "Xem trước" });

        // A web page saved under an Excel name.
        var fake = Path.Combine(_folder, "danh-sach.xlsx");
        await File.WriteAllTextAsync(fake, "<html><body>không phải Excel</body></html>");
        await page.Locator("#file").SetInputFilesAsync(fake);
        await preview.ClickAsync();
        await Expect(page.Locator("#choose-msg")).ToContainTextAsync("Tệp không phải là bảng tính Excel (.xlsx) hợp lệ");
        await Expect(page.Locator("#preview")).ToBeHiddenAsync();
        var word = Path.Combine(_folder, "danh-sach.docx");
        await File.WriteAllTextAsync(word, "văn bản");
        await page.Locator("#file").SetInputFilesAsync(word);
        await Expect(page.Locator("#file-name")).ToHaveTextAsync("danh-sach.docx");
        await preview.ClickAsync();
        await Expect(page.Locator("#choose-msg")).ToHaveTextAsync("Không xem trước được tệp «danh-sach.docx»: Chỉ nhận tệp bảng tính .xlsx hoặc .csv.");

        await page.Locator("#file").SetInputFilesAsync(OfficeList("kien-nghi-thieu.xlsx", withProblemRow: true));
        await preview.ClickAsync();
        await Expect(page.Locator("#problems")).ToContainTextAsync("Dòng 6: thiếu nội dung kiến nghị.");
        await Expect(page.Locator("#rows tr[data-row='6']")).ToHaveClassAsync(new Regex("pp-problem"));
        await Expect(page.Locator("#rows")).ToContainTextAsync("Khu Hồ Chí Minh");
        await Expect(page.Locator("#legacy")).ToContainTextAsync("Đã chuyển 1 ô chữ");
        await Expect(page.Locator("#columns")).ToContainTextAsync("Nội dung ← cột D «Nội dung kiến nghị»");
        var commit = page.Locator("#commit");
        await Expect(commit).ToBeDisabledAsync();
        await Expect(page.Locator("#rows tr[data-row='5']")).ToContainTextAsync("Đất đai");
        await ScreenshotAsync(page, "petitions-import-problem-1366x900", fullPage: true);

        await page.Locator("#file").SetInputFilesAsync(OfficeList("kien-nghi-da-sua.xlsx", withProblemRow: false));
        await Expect(page.Locator("#preview")).ToBeHiddenAsync();
        await preview.ClickAsync();
        await Expect(page.Locator("#summary")).ToContainTextAsync("3 dòng kiến nghị, không có lỗi");
        await Expect(page.Locator("#problems-box")).ToBeHiddenAsync();
        await Expect(commit).ToBeEnabledAsync();
        await ScreenshotAsync(page, "petitions-import-ready-1366x900", fullPage: true);
        await commit.ClickAsync();
        await Expect(page.Locator("#confirm-text")).ToContainTextAsync("Nhập 3 kiến nghị từ tệp «kien-nghi-da-sua.xlsx»");
        await page.Locator("#confirm").GetByRole(AriaRole.Button, new() { Name = "Nhập vào sổ" }).ClickAsync();
        await Expect(page.Locator("#result-text")).ToHaveTextAsync("Đã nhập 3 kiến nghị từ tệp «kien-nghi-da-sua.xlsx» vào sổ theo dõi.");
        await ScreenshotAsync(page, "petitions-import-done-1366x900");

        await page.GetByRole(AriaRole.Link, new() { Name = "Mở sổ theo dõi kiến nghị (lọc: nhập từ Excel)" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/petitions\\?source=ExcelImport$"));
        await Expect(page.Locator("#f-source")).ToHaveValueAsync("ExcelImport");
        await Expect(page.Locator("#rows tr")).ToHaveCountAsync(3);
        await Expect(page.Locator("#rows")).ToContainTextAsync("Vũ Thị Ởn");
        await Expect(page.Locator("#rows tr", new() { HasText = "Phạm Văn Ước" })).ToContainTextAsync("Phòng Tài nguyên và Môi trường");
        await Expect(page.Locator("#rows tr", new() { HasText = "Đỗ Quang Ửng" }).Locator(".p-status")).ToHaveTextAsync("Mới");

        // The same list a second time: every row is flagged as probably already in the registry.
        await page.GotoAsync("/petitions-import");
        await page.Locator("#file").SetInputFilesAsync(Path.Combine(_folder, "kien-nghi-da-sua.xlsx"));
        await preview.ClickAsync();
        await Expect(page.Locator("#duplicates li")).ToHaveCountAsync(3);
        await Expect(page.Locator("#rows tr.pp-duplicate[data-row]")).ToHaveCountAsync(3);
        await Expect(page.Locator("#rows tr.pp-note-row").First).ToContainTextAsync("Dòng 5: có thể đã có trong sổ theo dõi");
        await Expect(commit).ToBeEnabledAsync();
        await ScreenshotAsync(page, "petitions-import-duplicates-1366x900", fullPage: true);
    }

    [Fact]
    public async Task ClerkCreatesAPlanByKeyboard_AssignsTheDemoMeeting_AndSeesItsComputedDates()
    {
        var meetingId = await CurrentMeetingIdAsync();
        var page = await OpenAsStaffAsync("/plans", "secretary", 1366, 900);
        await Expect(page.Locator("#plans")).ToContainTextAsync("Chưa có kế hoạch nào.");
        await Expect(page.Locator("#r-conclusion")).ToHaveValueAsync("10");

        await page.Locator("#p-year").FocusAsync();
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("2026");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("Kế hoạch tiếp xúc, đối thoại năm 2026");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("Ủy ban nhân dân xã Kiến Minh");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("10");
        // A complex case may not be given less time than an ordinary one: refused beside the rules.
        await page.Locator("#r-complex").FocusAsync();
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("8");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("[data-error-for=rules]")).ToContainTextAsync("không được ngắn hơn hạn thông báo kết luận");
        await Expect(page.Locator("#plans")).ToContainTextAsync("Chưa có kế hoạch nào.");
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("20");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#plan-msg")).ToContainTextAsync("Đã tạo kế hoạch.");
        await Expect(page.Locator("#plans")).ToContainTextAsync("Kế hoạch tiếp xúc, đối thoại năm 2026");

        // Focus is on the first meeting: Space ticks it, Tab reaches the save button, Enter saves.
        await Expect(page.Locator("#meetings input").First).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Space");
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.Locator("#meetings-save")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#meetings-msg")).ToHaveTextAsync("Đã lưu: kế hoạch có 1 hội nghị.");

        // The page shows what the server computed for this meeting under the plan's rules, with the reason.
        await using var api = await StaffApiAsync("secretary");
        var view = (await (await api.GetAsync($"/api/meetings/{meetingId}/deadlines")).JsonAsync())!.Value;
        Assert.Equal("Kế hoạch tiếp xúc, đối thoại năm 2026", view.GetProperty("planTitle").GetString());
        var dates = page.Locator($"#dates [data-meeting='{meetingId}'] li");
        await Expect(dates).ToHaveCountAsync(view.GetProperty("deadlines").GetArrayLength());
        var i = 0;
        foreach (var deadline in view.GetProperty("deadlines").EnumerateArray())
        {
            var day = DateOnly.Parse(deadline.GetProperty("date").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            await Expect(dates.Nth(i)).ToContainTextAsync($"{deadline.GetProperty("rule").GetString()}: {deadline.GetProperty("weekday").GetString()}, {day:dd/MM/yyyy}");
            await Expect(dates.Nth(i++)).ToContainTextAsync(deadline.GetProperty("explanation").GetString()!);
        }
        await Expect(dates.First).ToContainTextAsync("10 ngày");

        // The report to the upper level over the whole plan, and over a year typed beside it.
        var planReport = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Báo cáo cả kế hoạch (DOCX)" }).ClickAsync());
        Assert.Matches(@"^bao-cao-cap-tren-ke-hoach-\d+\.docx$", planReport.SuggestedFilename);
        Assert.Contains("theo Kế hoạch tiếp xúc, đối thoại năm 2026", DocumentXml(await File.ReadAllBytesAsync((await planReport.PathAsync())!)));
        await Expect(page.Locator("#report-year")).ToHaveValueAsync("2026");
        var yearReport = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Báo cáo cả năm (DOCX)" }).ClickAsync());
        Assert.Equal("bao-cao-cap-tren-nam-2026.docx", yearReport.SuggestedFilename);
        Assert.Contains("Nhân dân năm 2026", DocumentXml(await File.ReadAllBytesAsync((await yearReport.PathAsync())!)));
        await ScreenshotAsync(page, "plans-1366x900", fullPage: true);
        await page.Locator("#report-year").FillAsync("1900");
        await page.GetByRole(AriaRole.Button, new() { Name = "Báo cáo cả năm (DOCX)" }).ClickAsync();
        await Expect(page.Locator("#alert")).ToContainTextAsync("Năm báo cáo phải từ 2000 đến 2100.");
    }

    /// <summary>The text of a DOCX's main part, as stored.</summary>
    private static string DocumentXml(byte[] docx)
    {
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(docx));
        using var reader = new StreamReader(zip.GetEntry("word/document.xml")!.Open());
        return reader.ReadToEnd();
    }

    [Fact]
    public async Task ClerkSavesAFilter_ExportsTheFilteredList_AndPrintsTheReminders()
    {
        await using (var desk = await StaffApiAsync("desk"))
        {
            foreach (var (name, department, field, due) in new[]
            {
                ("Ngô Thị Hường", "Phòng Kinh tế", "Đất đai", "2026-01-05"),
                ("Ngô Thị Hương", "Phòng Kinh tế", "Môi trường", "2026-02-10"),
                ("Bùi Văn Ất", "Phòng Văn hóa – Xã hội", "Đất đai", "2026-03-02"),
            })
            {
                var created = await desk.PostAsync("/api/petitions", new APIRequestContextOptions
                {
                    DataObject = new { kind = "Request", petitioner = name, address = "Thôn Bắc", source = "Letter", field, department, dueDate = due, content = $"Kiến nghị của {name} về {field.ToLowerInvariant()}." },
                });
                Assert.True(created.Ok, await created.TextAsync());
            }
        }

        var page = await OpenAsStaffAsync("/petitions", "desk", 1366, 900);
        await Expect(page.Locator("#rows tr")).ToHaveCountAsync(3);
        await page.Locator("#f-field").FillAsync("Đất đai");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lọc", Exact = true }).ClickAsync();
        await Expect(page.Locator("#rows tr")).ToHaveCountAsync(2);
        await page.GetByLabel("Tên bộ lọc cần lưu").FillAsync("Đất đai – cả xã");
        await page.GetByLabel("Tên bộ lọc cần lưu").PressAsync("Enter");
        await Expect(page.Locator(".pt-msg")).ToHaveTextAsync("Đã lưu bộ lọc «Đất đai – cả xã».");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Xuất Excel" }).ClickAsync());
        Assert.Matches(@"^danh-sach-kien-nghi-\d{4}-\d{2}-\d{2}\.xlsx$", download.SuggestedFilename);
        var saved = Path.Combine(_folder, download.SuggestedFilename);
        await download.SaveAsAsync(saved);
        using (var workbook = new XLWorkbook(saved))
        {
            var names = workbook.Worksheet(1).Column(2).CellsUsed().Select(c => c.GetString()).ToList();
            Assert.Contains("Ngô Thị Hường", names);
            Assert.Contains("Bùi Văn Ất", names);
            Assert.DoesNotContain("Ngô Thị Hương", names);
        }

        // Another day: the saved set brings the same list back.
        await page.ReloadAsync();
        await Expect(page.Locator("#rows tr")).ToHaveCountAsync(3);
        await page.GetByLabel("Bộ lọc đã lưu").SelectOptionAsync("Đất đai – cả xã");
        await Expect(page.Locator("#f-field")).ToHaveValueAsync("Đất đai");
        await Expect(page.Locator("#rows tr")).ToHaveCountAsync(2);
        await page.Locator("#list-h").ScrollIntoViewIfNeededAsync();
        await page.EvaluateAsync("() => document.querySelector('#list-h').scrollIntoView({ block: 'start' })");
        await ScreenshotAsync(page, "petitions-registry-tools-1366x900");

        await page.GetByRole(AriaRole.Link, new() { Name = "In danh sách nhắc hạn" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/petitions-reminders$"));
        var economy = page.Locator("section.rm-department", new() { HasText = "Phòng Kinh tế (2)" });
        await Expect(economy.Locator("tbody tr")).ToHaveCountAsync(2);
        await Expect(economy.Locator("tbody tr").First).ToContainTextAsync("05/01/2026");
        await Expect(economy.Locator("tbody tr").First).ToContainTextAsync("Quá hạn");
        await Expect(page.Locator("section.rm-department h3")).ToHaveTextAsync(["Phòng Kinh tế (2)", "Phòng Văn hóa – Xã hội (1)"]);
        await Expect(page.Locator("#printed-at")).ToContainTextAsync("(giờ Việt Nam)");
        await ScreenshotAsync(page, "petitions-reminders-1366x900", fullPage: true);
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(page.Locator("#print")).ToBeHiddenAsync();
        await ScreenshotAsync(page, "petitions-reminders-print-1366x900", fullPage: true);
    }
}
