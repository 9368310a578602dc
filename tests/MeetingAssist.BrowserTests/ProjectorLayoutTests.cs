using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using static MeetingAssist.BrowserTests.HallTexts;

namespace MeetingAssist.BrowserTests;

/// <summary>
/// The projector with the longest names and topics a hall will meet, at the screen sizes halls have: every text
/// fits its box (smaller or wrapped, never cut with "…"), nothing overlaps the timer, the QR code is big enough to
/// scan from the seats and is shown only while registering is possible.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ProjectorLayoutTests(BrowserFixture browser) : ScreenTest(browser)
{
    private static readonly (int Width, int Height)[] Sizes = [(1920, 1080), (1280, 720), (1024, 768)];

    [Fact]
    public async Task LongestNamesAndTopics_AtThreeScreenSizes_FitTheirBoxesAndNeverOverlap()
    {
        Assert.Equal(60, SixtyCharacterName.Length);
        Assert.Equal(60, SecondLongName.Length);
        var meetingId = await CreateMeetingAsync("Hội nghị đối thoại giữa người đứng đầu cấp ủy, chính quyền xã Kiến Minh với cán bộ, đảng viên và Nhân dân năm 2026");
        var desk = await OpenAsStaffAsync($"/desk?m={meetingId}", "desk", 1280, 800);
        await RegisterAtDeskAsync(desk, SixtyCharacterName, LongHamlet, LongestTopic);
        await RegisterAtDeskAsync(desk, SecondLongName, LongHamlet, SecondTopic);
        foreach (var name in SeedNames) await RegisterAtDeskAsync(desk, name, "Tổ dân phố Kiến Thiết", "Đề nghị sửa đường liên thôn");

        var chair = await OpenAsStaffAsync($"/chair?m={meetingId}", "chair", 1024, 768);
        await StartMeetingAsync(chair);
        await chair.GetByRole(AriaRole.Button, new() { Name = "Mời phát biểu: " + SixtyCharacterName, Exact = true }).ClickAsync();

        var projector = await OpenAsync($"/projector?m={meetingId}", 1920, 1080);
        await WaitConnectedAsync(projector);
        await Expect(projector.Locator("#name")).ToHaveTextAsync(SixtyCharacterName);
        await Expect(projector.Locator("#topic")).ToHaveTextAsync(LongestTopic);
        await Expect(projector.Locator("#next li").First).ToContainTextAsync(SecondLongName);
        await projector.WaitForFunctionAsync("() => document.querySelector('#qr').naturalWidth > 0");

        foreach (var (width, height) in Sizes)
        {
            await projector.SetViewportSizeAsync(width, height);
            await AssertLayoutAsync(projector, $"{width}×{height}");
            await ScreenshotAsync(projector, $"projector-longest-{width}x{height}");
            var qr = await projector.Locator("#qr-code").BoundingBoxAsync();
            Assert.True(qr!.Height >= 0.3 * height - 0.5, $"At {width}×{height} the QR code is {qr.Height:0} px high, under 30% of the screen.");
            // The code's own white border is cropped (the panel is white), so the 30% is black modules, not margin.
            var crop = await projector.Locator("#qr").EvaluateAsync<double>("n => n.getBoundingClientRect().width / n.parentElement.getBoundingClientRect().width");
            Assert.True(crop > 1.1, $"The QR code's white border is not cropped ({crop:0.00}).");
            // A name smaller than the next-speaker names would not be the headline any more.
            var nameSize = await projector.Locator("#name").EvaluateAsync<double>("n => parseFloat(getComputedStyle(n).fontSize)");
            Assert.True(nameSize >= 20, $"At {width}×{height} the name is {nameSize:0.0} px.");
        }

        // The caption band takes its share of the height: the texts fit again in the space left.
        await projector.EvaluateAsync("() => { document.body.classList.add('with-captions'); document.querySelector('#caption').hidden = false; document.querySelector('#caption-text').textContent = 'Kính thưa chủ tọa, tôi xin phát biểu về việc cấp giấy chứng nhận quyền sử dụng đất.'; }");
        await AssertLayoutAsync(projector, "1024×768 with captions");
    }

    [Fact]
    public async Task QrInvitation_FullScreenBeforeStart_HiddenWhenListClosedOrEnded_EndSaysHowManyWereNotCalled()
    {
        var meetingId = await CreateMeetingAsync("Hội nghị tiếp xúc cử tri thôn Đông");
        var projector = await OpenAsync($"/projector?m={meetingId}", 1920, 1080);
        await WaitConnectedAsync(projector);
        await Expect(projector.Locator("#idle-main")).ToHaveTextAsync("Hội nghị sắp bắt đầu");

        // Before the start, with the list open: the QR code takes half the screen.
        await Expect(projector.Locator("body")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("qr-full"));
        await projector.WaitForFunctionAsync("() => document.querySelector('#qr').naturalWidth > 0");
        var full = await projector.Locator("#qr-code").BoundingBoxAsync();
        Assert.True(full!.Height >= 0.5 * 1080, $"The full-screen QR code is {full.Height:0} px high.");
        await AssertLayoutAsync(projector, "QR before the start 1920×1080");
        await ScreenshotAsync(projector, "projector-qr-before-start-1920x1080");
        await projector.SetViewportSizeAsync(1024, 768);
        await AssertLayoutAsync(projector, "QR before the start 1024×768");
        await ScreenshotAsync(projector, "projector-qr-before-start-1024x768");
        await projector.SetViewportSizeAsync(1920, 1080);

        var desk = await OpenAsStaffAsync($"/desk?m={meetingId}", "desk", 1280, 800);
        foreach (var name in SeedNames) await RegisterAtDeskAsync(desk, name, "Thôn Đông", "Đề nghị nạo vét kênh tưới");
        var chair = await OpenAsStaffAsync($"/chair?m={meetingId}", "chair", 1024, 768);
        await StartMeetingAsync(chair);

        // In progress with the list open: the QR code stays, at its normal size beside the next speakers.
        await Expect(projector.Locator("body")).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex("qr-full"));
        await Expect(projector.Locator("#qr-box")).ToBeVisibleAsync();
        await Expect(projector.Locator("#next li:visible")).ToHaveCountAsync(5);

        await chair.GetByRole(AriaRole.Button, new() { Name = "Đóng danh sách" }).ClickAsync();
        await Expect(projector.Locator("#qr-box")).ToBeHiddenAsync();
        await Expect(projector.Locator("#idle-sub")).ToHaveTextAsync("Danh sách đăng ký phát biểu đã đóng.");
        await AssertLayoutAsync(projector, "list closed");
        await chair.GetByRole(AriaRole.Button, new() { Name = "Mở lại danh sách" }).ClickAsync();
        await Expect(projector.Locator("#qr-box")).ToBeVisibleAsync();

        await chair.GetByRole(AriaRole.Button, new() { Name = "Mời phát biểu: " + SeedNames[0], Exact = true }).ClickAsync();
        await Expect(projector.Locator("#name")).ToHaveTextAsync(SeedNames[0]);
        await chair.GetByRole(AriaRole.Button, new() { Name = "Kết thúc lượt" }).ClickAsync();
        await chair.GetByRole(AriaRole.Button, new() { Name = "Kết thúc hội nghị" }).ClickAsync();
        await chair.Locator("#confirm").GetByRole(AriaRole.Button, new() { Name = "Kết thúc hội nghị" }).ClickAsync();

        await Expect(projector.Locator("#idle-main")).ToHaveTextAsync("Hội nghị đã kết thúc");
        await Expect(projector.Locator("#qr-box")).ToBeHiddenAsync();
        await Expect(projector.Locator("#next-empty")).ToHaveTextAsync("4 người đã đăng ký nhưng chưa được mời phát biểu.");
        await Expect(projector.Locator("#next-empty")).ToBeVisibleAsync();
        await AssertLayoutAsync(projector, "ended");
        await ScreenshotAsync(projector, "projector-ended-1920x1080");
    }

    /// <summary>
    /// Every visible box of the projector lies inside the window, the main boxes do not intersect, and no text box
    /// overflows (which would mean text cut off) or ends in an ellipsis or a line clamp.
    /// </summary>
    private static async Task AssertLayoutAsync(IPage projector, string situation)
    {
        // Let the resize observer and the text fitting settle.
        await projector.WaitForTimeoutAsync(300);
        var problems = await projector.EvaluateAsync<JsonElement>(LayoutProbe);
        var list = problems.EnumerateArray().Select(p => p.GetString()).ToList();
        Assert.True(list.Count == 0, $"Projector layout at {situation}:\n" + string.Join("\n", list));
    }

    private const string LayoutProbe = """
        () => {
          const problems = [];
          const vw = window.innerWidth, vh = window.innerHeight;
          const shown = (n) => n && n.getClientRects().length > 0 && !n.closest("[hidden]") && getComputedStyle(n).visibility !== "hidden";
          const boxes = {
            header: ".p-head", label: ".p-label", name: "#name", detail: "#detail", topic: "#topic",
            timerLabel: "#timer-label", timerValue: "#timer-value", idleMain: "#idle-main", idleSub: "#idle-sub",
            next: "#next-box", qr: "#qr-box", caption: "#caption",
          };
          const rects = {};
          for (const [key, selector] of Object.entries(boxes)) {
            const node = document.querySelector(selector);
            if (!shown(node)) continue;
            const r = node.getBoundingClientRect();
            if (r.width === 0 || r.height === 0) continue;
            rects[key] = r;
            if (r.left < -0.5 || r.top < -0.5 || r.right > vw + 0.5 || r.bottom > vh + 0.5)
              problems.push(`${key} (${selector}) is outside the window: ${Math.round(r.left)},${Math.round(r.top)} – ${Math.round(r.right)},${Math.round(r.bottom)} in ${vw}×${vh}`);
          }
          const keys = Object.keys(rects);
          for (let i = 0; i < keys.length; i++)
            for (let j = i + 1; j < keys.length; j++) {
              const a = rects[keys[i]], b = rects[keys[j]];
              // A box inside another (the label inside the header would be a bug too) counts as an intersection.
              const overlapX = Math.min(a.right, b.right) - Math.max(a.left, b.left);
              const overlapY = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
              if (overlapX > 0.5 && overlapY > 0.5) problems.push(`${keys[i]} and ${keys[j]} overlap by ${Math.round(overlapX)}×${Math.round(overlapY)} px`);
            }
          // Live captions are left out on purpose: they show the latest two lines of speech, not a whole text.
          const texts = ["#title", "#agenda", "#text", "#name", "#detail", "#topic", "#idle-main", "#idle-sub", "#qr-label", "#url", "#next-label", "#next-empty",
                         ".p-next-text"];
          for (const selector of texts)
            for (const node of document.querySelectorAll(selector)) {
              if (!shown(node)) continue;
              const style = getComputedStyle(node);
              if (node.scrollWidth > node.clientWidth + 1) problems.push(`${selector} "${node.textContent.slice(0, 30)}" is wider than its box: ${node.scrollWidth} > ${node.clientWidth}`);
              if (node.scrollHeight > node.clientHeight + 1) problems.push(`${selector} "${node.textContent.slice(0, 30)}" is taller than its box: ${node.scrollHeight} > ${node.clientHeight}`);
              if (style.textOverflow === "ellipsis") problems.push(`${selector} may end in an ellipsis`);
              if (style.webkitLineClamp && style.webkitLineClamp !== "none") problems.push(`${selector} is clamped to ${style.webkitLineClamp} lines`);
              const r = node.getBoundingClientRect();
              if (r.right > vw + 0.5 || r.bottom > vh + 0.5) problems.push(`${selector} "${node.textContent.slice(0, 30)}" ends outside the window`);
            }
          // Each next speaker shown lies inside the panel.
          const panel = document.querySelector("#next-box");
          if (shown(panel)) {
            const p = panel.getBoundingClientRect();
            for (const li of document.querySelectorAll("#next li")) {
              if (!shown(li)) continue;
              const r = li.getBoundingClientRect();
              if (r.bottom > p.bottom + 0.5 || r.right > p.right + 0.5) problems.push(`next speaker "${li.textContent.slice(0, 30)}" runs out of its panel`);
            }
          }
          return problems;
        }
        """;
}
