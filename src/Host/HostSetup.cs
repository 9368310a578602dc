using MeetingAssist.Host.Common;
using System.Text.Json.Serialization;
using MeetingAssist.Display;
using MeetingAssist.Host.Access;
using MeetingAssist.Host.Data;
using MeetingAssist.Host.Demo;
using MeetingAssist.Host.FloorPetitions;
using MeetingAssist.Host.LiveTranscript;
using MeetingAssist.Host.MeetingDocuments;
using MeetingAssist.Host.Meetings;
using MeetingAssist.Host.Minutes;
using MeetingAssist.Host.People;
using MeetingAssist.Host.Calendar;
using MeetingAssist.Host.Petitions;
using MeetingAssist.Host.Plans;
using MeetingAssist.Host.Petitions.Import;
using MeetingAssist.Host.Queue;
using MeetingAssist.Host.Transcripts;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MeetingAssist.Host;

public static partial class HostSetup
{
    public static void AddMeetingAssist(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<DataOptions>().BindConfiguration("MeetingAssist:Data");
        services.AddOptions<AccessOptions>().BindConfiguration("MeetingAssist:Access").ValidatedOnStart();
        services.AddOptions<PublicAddressOptions>().BindConfiguration("MeetingAssist");
        var dataOptions = builder.Configuration.GetSection("MeetingAssist:Data").Get<DataOptions>() ?? new DataOptions();
        var access = builder.Configuration.GetSection("MeetingAssist:Access").Get<AccessOptions>() ?? new AccessOptions();

        Directory.CreateDirectory(Path.GetFullPath(dataOptions.Folder));
        builder.UseOptionalHttps(Path.GetFullPath(dataOptions.Folder));
        // Keys beside the database: login cookies survive a restart and the data folder is the whole state.
        services.AddDataProtection()
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(Path.GetFullPath(dataOptions.Folder), "keys")))
            .SetApplicationName("MeetingAssist");
        services.AddDbContextFactory<MeetingDbContext>(o => DataSetup.Configure(o, dataOptions.DatabasePath));
        services.AddSingleton(TimeProvider.System);
        services.AddOptions<HallOptions>().BindConfiguration("MeetingAssist:Hall");
        services.AddSingleton<HallClock>();
        services.AddSingleton<LiveMeetingService>();
        services.AddSingleton<IPeopleChanges>(sp => sp.GetRequiredService<LiveMeetingService>());
        services.AddSingleton<IMeetingLiveState, MeetingLiveState>();
        services.AddSingleton<PublicAddress>();
        services.AddSingleton<Sessions>();
        services.AddSingleton<LoginThrottle>();
        services.AddHostedService<StallMonitor>();

        services.AddProblemDetails();
        services.AddExceptionHandler<MeetingProblemHandler>();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddSignalR(o =>
        {
            o.AddFilter<HubErrorLogFilter>();
            o.AddFilter<SessionHubFilter>();
            o.AddFilter(new RoleHubFilter());
            o.EnableDetailedErrors = false;
            // The screens give up on a silent link after 10 s (serverTimeoutInMilliseconds in common.js); the server
            // must ping well inside that, or a quiet projector drops and reconnects, missing pushes meanwhile.
            o.KeepAliveInterval = TimeSpan.FromSeconds(3);
        }).AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        // Pushes never wait for a slow client (see BoundedHubLifetimeManager); registered after AddSignalR to replace the default.
        services.AddSingleton(typeof(HubLifetimeManager<>), typeof(BoundedHubLifetimeManager<>));
        // Registered after the JSON protocol, so it replaces it under the same name.
        services.AddSingleton<IHubProtocol, VietnameseHubProtocol>();
        // SignalR logs every refused hub call as an error with a stack trace; HubErrorLogFilter logs them instead.
        builder.Logging.AddFilter("Microsoft.AspNetCore.SignalR.Internal.DefaultHubDispatcher", LogLevel.None);

        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(o =>
        {
            o.Cookie.Name = "MeetingAssist.Auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            // Halls usually run plain HTTP on the LAN; the cookie is Secure whenever HTTPS is used.
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromHours(12);
            o.SlidingExpiration = true;
            o.Events.OnValidatePrincipal = Sessions.ValidateCookieAsync;
            o.Events.OnRedirectToLogin = ctx => WriteProblem(ctx.HttpContext, 401, "Hãy đăng nhập để tiếp tục.");
            o.Events.OnRedirectToAccessDenied = ctx => WriteProblem(ctx.HttpContext, 403, "Tài khoản của bạn không có quyền thực hiện thao tác này.");
        });
        services.AddAuthorization();
        services.AddAntiforgery(o =>
        {
            o.HeaderName = "X-CSRF-TOKEN";
            o.Cookie.Name = "MeetingAssist.Antiforgery";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        services.AddPhoneRateLimit(access);
        services.AddTranscripts();
        services.AddLiveTranscript();
        services.AddMinutes();
        services.AddPetitions(access);
        services.AddFloorPetitions();
    }

    /// <summary>
    /// With <c>MeetingAssist:Https:Enabled</c>, the server listens on the configured HTTP addresses and on an HTTPS
    /// port with a certificate made on first start (<see cref="HttpsCertificate"/>). Kestrel drops the <c>Urls</c>
    /// setting once endpoints are given in code, so the HTTP addresses are listened on here too.
    /// </summary>
    private static void UseOptionalHttps(this WebApplicationBuilder builder, string dataFolder)
    {
        var https = builder.Configuration.GetSection("MeetingAssist:Https").Get<HttpsOptions>() ?? new HttpsOptions();
        if (!https.Enabled) return;
        var certificate = HttpsCertificate.LoadOrCreate(dataFolder);
        var urls = builder.Configuration["urls"] ?? "http://0.0.0.0:5080";
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // HTTPS on the same interfaces as HTTP, on its own port.
            foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var address = Microsoft.AspNetCore.Http.BindingAddress.Parse(url);
                Listen(kestrel, address.Host, address.Port, _ => { });
                Listen(kestrel, address.Host, https.Port, listen => listen.UseHttps(certificate));
            }
        });
    }

    private static void Listen(Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions kestrel, string host, int port,
        Action<Microsoft.AspNetCore.Server.Kestrel.Core.ListenOptions> configure)
    {
        if (host is "0.0.0.0" or "*" or "+" or "[::]") kestrel.ListenAnyIP(port, configure);
        else if (host == "localhost") kestrel.ListenLocalhost(port, configure);
        else kestrel.Listen(System.Net.IPAddress.Parse(host.Trim('[', ']')), port, configure);
    }

    /// <summary>Creates the data folder and schema, the first accounts and the demo meeting.</summary>
    public static async Task PrepareDataAsync(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<DataOptions>>().Value;
        var folder = Path.GetFullPath(options.Folder);
        Directory.CreateDirectory(folder);
        var factory = app.Services.GetRequiredService<IDbContextFactory<MeetingDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        await db.Database.MigrateAsync();

        var credentials = await InitialCredentials.EnsureAsync(db, folder);
        var demoId = await DemoMeeting.SeedIfEmptyAsync(db, app.Services.GetRequiredService<LiveMeetingService>(),
            app.Services.GetRequiredService<HallClock>(), app.Services.GetRequiredService<TimeProvider>());

        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var address = app.Services.GetRequiredService<PublicAddress>();
            var baseUrl = address.BaseUrl();
            var lines = new List<string>
            {
                "",
                "MeetingAssist đã sẵn sàng.",
                $"  Dữ liệu:      {folder}",
                $"  Trên máy này: {address.LocalUrl()}",
                $"  Màn chiếu:    {baseUrl}/projector",
                $"  Chủ trì:      {baseUrl}/chair",
                $"  Bàn đăng ký:  {baseUrl}/desk",
                $"  Điện thoại:   {baseUrl}/ask",
                $"  Thiết lập:    {baseUrl}/setup",
                $"  Thư ký:       {baseUrl}/secretary",
                $"  Biên tập:     {baseUrl}/transcript-editor",
                $"  Biên bản:     {baseUrl}/minutes",
                $"  Kiến nghị:    {baseUrl}/petitions",
                $"  Nhập Excel:   {baseUrl}/petitions-import",
                $"  Nhắc hạn:     {baseUrl}/petitions-reminders",
                $"  Kế hoạch:     {baseUrl}/plans",
                $"  Gửi ý kiến:   {baseUrl}/opinion",
            };
            if (credentials.Count > 0)
            {
                lines.Add("  Tài khoản ban đầu (chỉ in một lần; cũng lưu trong " + Path.Combine(folder, InitialCredentials.FileName) + "):");
                lines.AddRange(credentials.Select(c => $"    {Roles.Label(c.Role),-12} {c.User,-10} {c.Password}"));
            }
            else
            {
                lines.Add($"  Tài khoản: xem {Path.Combine(folder, InitialCredentials.FileName)} hoặc trang Thiết lập.");
            }
            if (demoId is not null) lines.Add("  Đã tạo hội nghị mẫu với 12 người đăng ký phát biểu.");
            Console.WriteLine(string.Join(Environment.NewLine, lines));
        });
    }

    public static void UseMeetingAssist(this WebApplication app)
    {
        app.UseExceptionHandler(handler => handler.Run(ctx =>
        {
            var error = ctx.Features.Get<IExceptionHandlerFeature>()?.Error;
            return error is BadHttpRequestException bad
                ? WriteProblem(ctx, bad.StatusCode, "Yêu cầu không hợp lệ. Hãy kiểm tra dữ liệu đã nhập.")
                : WriteProblem(ctx, 500, "Máy chủ gặp lỗi khi xử lý yêu cầu. Dữ liệu đã lưu không bị mất; hãy thử lại.");
        }));
        app.UseStatusCodePages(async ctx =>
        {
            var http = ctx.HttpContext;
            if (http.Response.HasStarted || http.Response.ContentLength > 0 || http.Response.ContentType is not null) return;
            await WriteProblem(http, http.Response.StatusCode, http.Response.StatusCode == 404
                ? "Không tìm thấy địa chỉ này."
                : "Yêu cầu không hợp lệ.");
        });
        app.UseSameOriginFor("/hub");
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseWebSockets();

        app.MapAccess();
        app.MapMeetings();
        app.MapHall();
        app.MapPeople();
        app.MapPhone();
        app.MapTranscripts();
        app.MapLiveTranscript();
        app.MapMinutes();
        app.MapPetitions();
        app.MapFloorPetitions();
        app.MapCalendar();
        app.MapPlans();
        app.MapPetitionImport();
        app.MapMeetingDocuments();
        app.MapInvitation();
        app.MapPeriodReports();
        app.MapHub<MeetingHub>("/hub/meeting");
        app.MapDisplay();
    }

    private static Task WriteProblem(HttpContext ctx, int status, string detail)
    {
        ctx.Response.StatusCode = status;
        return ApiProblems.Problem(status, detail).ExecuteAsync(ctx);
    }
}
