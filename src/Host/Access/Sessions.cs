using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Claims;
using MeetingAssist.Host.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace MeetingAssist.Host.Access;

/// <summary>
/// Decides whether a login is still valid: its cookie's security stamp must be the account's current one.
/// Changing the stamp (logout, new password, deletion) ends every session of the account at once: HTTP
/// requests are refused from the next request, and open hub connections of the account are closed.
/// </summary>
public sealed class Sessions(IDbContextFactory<MeetingDbContext> dbFactory)
{
    public const string StampClaim = "MeetingAssist.SecurityStamp";

    /// <summary>Current stamp per account id; null when the account no longer exists.</summary>
    private readonly ConcurrentDictionary<int, string?> _stamps = new();
    private readonly ConcurrentDictionary<string, (int UserId, HubCallerContext Connection)> _connections = new();

    public static ClaimsPrincipal PrincipalFor(UserAccount user) =>
        new(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, user.Id.ToString(CultureInfo.InvariantCulture)),
                new Claim(ClaimTypes.Name, user.UserName),
                new Claim(ClaimTypes.Role, user.Role),
                new Claim(StampClaim, user.SecurityStamp),
            ],
            CookieAuthenticationDefaults.AuthenticationScheme));

    public static int? UserIdOf(ClaimsPrincipal? principal) =>
        int.TryParse(principal?.FindFirstValue(ClaimTypes.NameIdentifier), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    /// <summary>True for an anonymous principal, or a login whose account still exists with the same stamp.</summary>
    public async ValueTask<bool> IsValidAsync(ClaimsPrincipal? principal)
    {
        if (principal?.Identity?.IsAuthenticated != true) return true;
        var id = UserIdOf(principal);
        var stamp = principal.FindFirstValue(StampClaim);
        if (id is null || string.IsNullOrEmpty(stamp)) return false;
        if (!_stamps.TryGetValue(id.Value, out var current))
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            current = await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => u.SecurityStamp).FirstOrDefaultAsync();
            _stamps.TryAdd(id.Value, current);
        }
        return current is not null && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.ASCII.GetBytes(current), System.Text.Encoding.ASCII.GetBytes(stamp));
    }

    /// <summary>A new account: SQLite may give it the id of a deleted one, whose "no such account" must not linger.</summary>
    public void Created(UserAccount user) => _stamps[user.Id] = user.SecurityStamp;

    /// <summary>Gives the account a new stamp (or notes its deletion) after the database change was saved.</summary>
    public void Ended(int userId, string? newStamp)
    {
        _stamps[userId] = newStamp;
        foreach (var (connectionId, entry) in _connections)
        {
            if (entry.UserId != userId) continue;
            entry.Connection.Abort();
            _connections.TryRemove(connectionId, out _);
        }
    }

    /// <summary>Ends every session of an account: its stamp changes in the database, then open connections close.</summary>
    public async Task EndAllAsync(MeetingDbContext db, UserAccount user)
    {
        user.SecurityStamp = UserAccount.NewSecurityStamp();
        await db.SaveChangesAsync();
        Ended(user.Id, user.SecurityStamp);
    }

    internal void Connected(HubCallerContext connection)
    {
        if (UserIdOf(connection.User) is { } id) _connections[connection.ConnectionId] = (id, connection);
    }

    internal void Disconnected(HubCallerContext connection) => _connections.TryRemove(connection.ConnectionId, out _);

    /// <summary>Checks the stamp on every cookie the server reads.</summary>
    public static async Task ValidateCookieAsync(CookieValidatePrincipalContext context)
    {
        var sessions = context.HttpContext.RequestServices.GetRequiredService<Sessions>();
        if (await sessions.IsValidAsync(context.Principal)) return;
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }
}

/// <summary>
/// Every hub call re-checks the caller's session, so a connection opened before a logout cannot keep commanding;
/// connections are remembered per account so that ending a session closes them at once.
/// </summary>
public sealed class SessionHubFilter(Sessions sessions) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext context, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        if (!await sessions.IsValidAsync(context.Context.User))
        {
            context.Context.Abort();
            throw new HubException("Phiên đăng nhập đã kết thúc. Hãy tải lại trang và đăng nhập lại.");
        }
        return await next(context);
    }

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        // Registered before the check, so a session that ends in between still closes this connection.
        sessions.Connected(context.Context);
        if (!await sessions.IsValidAsync(context.Context.User))
        {
            context.Context.Abort();
            return;
        }
        await next(context);
    }

    public Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        sessions.Disconnected(context.Context);
        return next(context, exception);
    }
}
