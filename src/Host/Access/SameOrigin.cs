namespace MeetingAssist.Host.Access;

/// <summary>
/// Browsers send cookies on cross-site WebSocket and hub requests, so a page elsewhere could act with a
/// logged-in staff member's session; only our own pages may open the hub or stream audio. A request without an
/// Origin header does not come from a browser page, and is left to authentication.
/// </summary>
public static class SameOrigin
{
    public const string Refusal = "Chỉ các trang của MeetingAssist trên máy chủ này được kết nối.";

    public static bool IsAllowed(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0) return true;
        return Uri.TryCreate(origin, UriKind.Absolute, out var o)
            && string.Equals(o.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Refuses cross-origin requests to the paths that carry a session over a long-lived connection.</summary>
    public static IApplicationBuilder UseSameOriginFor(this IApplicationBuilder app, params string[] paths) =>
        app.Use(async (ctx, next) =>
        {
            if (paths.Any(p => ctx.Request.Path.StartsWithSegments(p)) && !IsAllowed(ctx.Request))
            {
                ctx.Response.StatusCode = StatusCodes.Status403Forbidden;
                await ApiProblems.Problem(403, Refusal).ExecuteAsync(ctx);
                return;
            }
            await next(ctx);
        });
}
