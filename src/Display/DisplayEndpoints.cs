using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.FileProviders;

namespace MeetingAssist.Display;

/// <summary>Serves the web screens (projector, chair, desk, phone, setup) from files embedded in this assembly.</summary>
public static class DisplayEndpoints
{
    private static readonly Dictionary<string, string> Pages = new()
    {
        ["/"] = "index.html",
        ["/login"] = "login.html",
        ["/projector"] = "projector.html",
        ["/chair"] = "chair.html",
        ["/desk"] = "desk.html",
        ["/ask"] = "ask.html",
        ["/setup"] = "setup.html",
        ["/secretary"] = "secretary.html",
        ["/speech-settings"] = "speech-settings.html",
        ["/sound-desk"] = "sound-desk.html",
        ["/live-transcript"] = "live-transcript.html",
        ["/minutes"] = "minutes.html",
        ["/petitions"] = "petitions.html",
        ["/petitions-import"] = "petitions-import.html",
        ["/petitions-reminders"] = "petitions-reminders.html",
        ["/plans"] = "plans.html",
        ["/opinion"] = "opinion.html",
        ["/transcript-editor"] = "transcript-editor.html",
    };

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
        [".png"] = "image/png",
        [".ico"] = "image/x-icon",
    };

    // Scripts only from the app itself: user text can never become code on the projector.
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' ws: wss:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    private static readonly EmbeddedFileProvider Files = new(typeof(DisplayEndpoints).Assembly, "MeetingAssist.Display.wwwroot");
    private static readonly string Version = typeof(DisplayEndpoints).Assembly.ManifestModule.ModuleVersionId.ToString("N")[..12];

    public static IEndpointRouteBuilder MapDisplay(this IEndpointRouteBuilder app)
    {
        foreach (var (path, file) in Pages)
            app.MapGet(path, (HttpContext ctx) => Serve(ctx, file));
        app.MapGet("/assets/{file}", (HttpContext ctx, string file) => Serve(ctx, file));
        return app;
    }

    private static async Task Serve(HttpContext ctx, string file)
    {
        var info = Files.GetFileInfo(file);
        if (!info.Exists || !ContentTypes.TryGetValue(Path.GetExtension(file), out var contentType))
        {
            ctx.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        var etag = $"\"{Version}-{file}\"";
        ctx.Response.Headers.ETag = etag;
        // Revalidate every time: after an upgrade each screen picks up the new pages on its next load.
        ctx.Response.Headers.CacheControl = "no-cache";
        ctx.Response.Headers.XContentTypeOptions = "nosniff";
        ctx.Response.Headers["Referrer-Policy"] = "no-referrer";
        ctx.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        if (ctx.Request.Headers.IfNoneMatch == etag)
        {
            ctx.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }
        ctx.Response.ContentType = contentType;
        await using var stream = info.CreateReadStream();
        await stream.CopyToAsync(ctx.Response.Body);
    }
}
