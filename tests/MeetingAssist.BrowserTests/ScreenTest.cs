using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MeetingAssist.BrowserTests;

/// <summary>Helpers every screen test needs: its own server, browser contexts per person, login, waiting for the live link.</summary>
public abstract class ScreenTest(BrowserFixture browser) : IAsyncLifetime
{
    private readonly List<IBrowserContext> _contexts = [];
    private readonly List<string> _pageErrors = [];
    private readonly List<string> _dialogs = [];

    protected ServerProcess Server { get; private set; } = null!;

    /// <summary>Texts of JavaScript dialogs that opened on any page; user text must never open one.</summary>
    protected IReadOnlyList<string> Dialogs => _dialogs;

    public virtual async Task InitializeAsync() => Server = await ServerProcess.StartAsync();

    /// <summary>For tests that need settings of their own (speech models, thresholds).</summary>
    protected async Task StartServerAsync(IDictionary<string, string> settings) => Server = await ServerProcess.StartAsync(settings);

    public virtual async Task DisposeAsync()
    {
        foreach (var context in _contexts) await context.CloseAsync();
        if (Server is not null) await Server.DisposeAsync();
        Assert.True(_pageErrors.Count == 0, "Script errors on a page:\n" + string.Join("\n", _pageErrors));
    }

    /// <param name="through">Another address for the server than its own, e.g. a <see cref="LinkProxy"/> that can fail.</param>
    protected async Task<IPage> OpenAsync(string path, int width, int height, bool touch = false, string? through = null)
    {
        var page = await NewPageAsync(width, height, touch, through: through);
        await page.GotoAsync(path);
        return page;
    }

    private async Task<IPage> NewPageAsync(int width, int height, bool touch, IBrowser? on = null, string? through = null)
    {
        var context = await (on ?? browser.Browser).NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = through ?? Server.BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            HasTouch = touch,
            Locale = "vi-VN",
        });
        context.SetDefaultTimeout(10_000);
        _contexts.Add(context);
        var page = await context.NewPageAsync();
        page.PageError += (_, error) => _pageErrors.Add($"{page.Url}: {error}");
        // Something the pages' own content policy refused (an inline style or script, a foreign address) is a bug
        // in the page, even where the page still looks right.
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
                _pageErrors.Add($"{page.Url}: {message.Text}");
        };
        page.Dialog += async (_, dialog) =>
        {
            _dialogs.Add(dialog.Message);
            await dialog.DismissAsync();
        };
        return page;
    }

    /// <summary>Opens a staff page already signed in (through the same API the login page uses, to keep tests fast).</summary>
    /// <param name="on">Another browser than the shared one, e.g. one launched with a fake microphone.</param>
    protected async Task<IPage> OpenAsStaffAsync(string path, string user, int width = 1280, int height = 800, bool touch = false, IBrowser? on = null, string? through = null)
    {
        var page = await NewPageAsync(width, height, touch, on, through);
        var api = page.Context.APIRequest;
        var session = await (await api.GetAsync("/api/auth/session")).JsonAsync();
        var token = session!.Value.GetProperty("antiforgeryToken").GetString()!;
        var login = await api.PostAsync("/api/auth/login", new APIRequestContextOptions
        {
            Headers = new Dictionary<string, string> { ["X-CSRF-TOKEN"] = token },
            DataObject = new { userName = user, password = Server.Passwords[user] },
        });
        Assert.True(login.Ok, $"Login as {user} failed: {login.Status} {await login.TextAsync()}");
        await page.GotoAsync(path);
        // Pages without a live link (setup) have nothing to wait for.
        if (await page.Locator("[data-connection]").CountAsync() > 0) await WaitConnectedAsync(page);
        return page;
    }

    /// <summary>Opens a staff page signed out: it sends us to the login page, we sign in there, and it brings us back.</summary>
    protected async Task<IPage> OpenThroughLoginPageAsync(string path, string user, int width = 1280, int height = 800)
    {
        var page = await OpenAsync(path, width, height);
        // The page itself sends us on (a script, once it learns we are signed out), possibly while GotoAsync is still
        // returning: WaitForURLAsync can miss a navigation that commits just then, so the address is polled instead.
        await Expect(page).ToHaveURLAsync(new Regex("/login"));
        await page.GetByLabel("Tên đăng nhập").FillAsync(user);
        await page.GetByLabel("Mật khẩu").FillAsync(Server.Passwords[user]);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(path) + "$"));
        if (await page.Locator("[data-connection]").CountAsync() > 0) await WaitConnectedAsync(page);
        return page;
    }

    protected static async Task WaitConnectedAsync(IPage page) =>
        await Expect(page.Locator("[data-connection]").First).ToHaveAttributeAsync("data-state", "connected");

    protected static async Task ScreenshotAsync(IPage page, string name, bool fullPage = false) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, name + ".png"), FullPage = fullPage });

    /// <summary>The chair starts the meeting from the tablet (most floor commands need a meeting in progress).</summary>
    protected static async Task StartMeetingAsync(IPage chair)
    {
        await chair.GetByRole(AriaRole.Button, new() { Name = "Bắt đầu hội nghị" }).ClickAsync();
        await Expect(chair.Locator("#state")).ToHaveAttributeAsync("data-status", "InProgress");
    }

    protected static ILocator QueueRows(IPage page) => page.Locator("#queue > li");

    /// <summary>The desk registers a paper slip (fields filled, Enter in the topic) and waits for it in the queue.</summary>
    protected static async Task RegisterAtDeskAsync(IPage desk, string name, string hamlet, string topic, string? field = null, string? note = null)
    {
        var rows = await QueueRows(desk).CountAsync();
        await desk.Locator("#name").FillAsync(name);
        await desk.Locator("#affiliation").FillAsync(hamlet);
        if (field is not null) await desk.Locator("#field").FillAsync(field);
        if (note is not null) await desk.Locator("#note").FillAsync(note);
        await desk.Locator("#topic").FillAsync(topic);
        await desk.Locator("#topic").PressAsync("Enter");
        await Expect(desk.Locator("#done")).ToHaveTextAsync("Đã đăng ký: " + name);
        await Expect(QueueRows(desk)).ToHaveCountAsync(rows + 1);
    }

    /// <summary>Sends a request to speak through the public phone API, as the phone page does, from a fresh anonymous client.</summary>
    protected async Task SubmitPhoneRequestAsync(int meetingId, string name, string affiliation, string topic, string? field = null)
    {
        var api = await browser.Playwright.APIRequest.NewContextAsync(new APIRequestNewContextOptions { BaseURL = Server.BaseUrl });
        try
        {
            var session = await (await api.GetAsync("/api/auth/session")).JsonAsync();
            var token = session!.Value.GetProperty("antiforgeryToken").GetString()!;
            var response = await api.PostAsync($"/api/meetings/{meetingId}/ask", new APIRequestContextOptions
            {
                Headers = new Dictionary<string, string> { ["X-CSRF-TOKEN"] = token },
                DataObject = new { name, affiliation, topic, field },
            });
            Assert.True(response.Ok, $"Phone request failed: {response.Status} {await response.TextAsync()}");
        }
        finally
        {
            await api.DisposeAsync();
        }
    }

    /// <summary>An API client signed in as a staff user, sending the antiforgery header every change needs. Dispose it.</summary>
    protected async Task<IAPIRequestContext> StaffApiAsync(string user)
    {
        await using var signIn = await browser.Playwright.APIRequest.NewContextAsync(new APIRequestNewContextOptions { BaseURL = Server.BaseUrl });
        var anonymous = await (await signIn.GetAsync("/api/auth/session")).JsonAsync();
        var login = await signIn.PostAsync("/api/auth/login", new APIRequestContextOptions
        {
            Headers = new Dictionary<string, string> { ["X-CSRF-TOKEN"] = anonymous!.Value.GetProperty("antiforgeryToken").GetString()! },
            DataObject = new { userName = user, password = Server.Passwords[user] },
        });
        Assert.True(login.Ok, $"Login as {user} failed: {login.Status} {await login.TextAsync()}");
        // The token is bound to the signed-in user, so it is asked for again after the login.
        var session = await (await signIn.GetAsync("/api/auth/session")).JsonAsync();
        return await browser.Playwright.APIRequest.NewContextAsync(new APIRequestNewContextOptions
        {
            BaseURL = Server.BaseUrl,
            StorageState = await signIn.StorageStateAsync(),
            ExtraHTTPHeaders = new Dictionary<string, string> { ["X-CSRF-TOKEN"] = session!.Value.GetProperty("antiforgeryToken").GetString()! },
        });
    }

    /// <summary>Creates a meeting through the setup API (as the admin) and returns its id.</summary>
    protected async Task<int> CreateMeetingAsync(string title, int statementSeconds = 180)
    {
        await using var admin = await StaffApiAsync("admin");
        var response = await admin.PostAsync("/api/meetings", new APIRequestContextOptions
        {
            DataObject = new
            {
                title,
                place = "Hội trường UBND xã Kiến Minh",
                scheduledStart = "2026-12-20T08:00",
                statementSeconds,
                answerSeconds = 300,
                followUpSeconds = 60,
                agenda = new[] { new { title = "Đối thoại trực tiếp với Nhân dân" } },
            },
        });
        Assert.True(response.Ok, $"Creating a meeting failed: {response.Status} {await response.TextAsync()}");
        return (await response.JsonAsync())!.Value.GetProperty("id").GetInt32();
    }

    /// <summary>The meeting the hall screens follow when no ?m= is given.</summary>
    protected async Task<int> CurrentMeetingIdAsync()
    {
        var api = await browser.Playwright.APIRequest.NewContextAsync(new APIRequestNewContextOptions { BaseURL = Server.BaseUrl });
        try
        {
            var current = await (await api.GetAsync("/api/meetings/current")).JsonAsync();
            return current!.Value.GetProperty("id").GetInt32();
        }
        finally
        {
            await api.DisposeAsync();
        }
    }

    /// <summary>Presses Tab until the focused element has the given accessible label; fails after a bounded number of presses.</summary>
    protected static async Task TabToAsync(IPage page, string ariaLabel, int maxPresses = 20)
    {
        for (var i = 0; i < maxPresses; i++)
        {
            if (await page.EvaluateAsync<string?>("() => document.activeElement && document.activeElement.getAttribute('aria-label')") == ariaLabel)
                return;
            await page.Keyboard.PressAsync("Tab");
        }
        Assert.Fail($"\"{ariaLabel}\" was not reached with {maxPresses} presses of Tab.");
    }
}
