using System.Security.Claims;
using MeetingAssist.Host.Data;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MeetingAssist.Host.Access;

public sealed record LoginInput(string? UserName, string? Password);
public sealed record SessionDto(string? UserName, string? Role, string? RoleLabel, string AntiforgeryToken);
public sealed record UserDto(int Id, string UserName, string Role, string RoleLabel, bool Locked);
public sealed record NewUserInput(string? UserName, string? Role);
public sealed record PasswordResult(string UserName, string Password);
public sealed record ChangePasswordInput(string? CurrentPassword, string? NewPassword);

public static class AccessEndpoints
{
    public static void MapAccess(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/auth").RequireAntiforgery();
        auth.MapGet("/session", Session);
        auth.MapPost("/login", Login);
        auth.MapPost("/logout", Logout);
        auth.MapPost("/password", ChangePassword).RequireAuthorization();

        var users = app.MapGroup("/api/users").RequireAuthorization(p => p.RequireRole(Roles.Admin)).RequireAntiforgery();
        users.MapGet("/", async (MeetingDbContext db) =>
            (await db.Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync())
                .Select(u => new UserDto(u.Id, u.UserName, u.Role, Roles.Label(u.Role), u.LockedUntilUtc > DateTime.UtcNow)));
        users.MapPost("/", CreateUser);
        users.MapPost("/{id:int}/reset-password", ResetPassword);
        users.MapDelete("/{id:int}", DeleteUser);
    }

    private static SessionDto Session(HttpContext ctx, IAntiforgery antiforgery)
    {
        var tokens = antiforgery.GetAndStoreTokens(ctx);
        var user = ctx.User.Identity?.IsAuthenticated == true ? ctx.User : null;
        var role = user?.FindFirstValue(ClaimTypes.Role);
        return new SessionDto(user?.Identity?.Name, role, role is null ? null : Roles.Label(role), tokens.RequestToken!);
    }

    /// <summary>Checked when the account does not exist, so an unknown name costs as long as a wrong password.</summary>
    private static readonly string DummyHash = Passwords.Hash(Passwords.Generate());

    private static async Task<IResult> Login(LoginInput input, HttpContext ctx, MeetingDbContext db, IOptions<AccessOptions> options,
        TimeProvider clock, LoginThrottle throttle)
    {
        if (string.IsNullOrWhiteSpace(input.UserName) || string.IsNullOrEmpty(input.Password))
            return ApiProblems.BadRequest("Hãy nhập tên đăng nhập và mật khẩu.");
        if (input.UserName.Length > 100 || input.Password.Length > 1000)
            return ApiProblems.Problem(401, "Tên đăng nhập hoặc mật khẩu không đúng.");
        var name = input.UserName.Trim().ToLowerInvariant();
        var address = ctx.Connection.RemoteIpAddress;
        // One attempt per account at a time: the count is read and written before the next attempt is checked.
        using var turn = await throttle.EnterAsync(name, ctx.RequestAborted);
        var now = clock.GetUtcNow().UtcDateTime;
        var user = await db.Users.FirstOrDefaultAsync(u => u.UserName == name);
        if (throttle.BlockedUntil(address, name, user?.LockedUntilUtc) is { } until)
        {
            var minutes = Math.Max(1, (int)Math.Ceiling((until - now).TotalMinutes));
            return ApiProblems.Problem(423, $"Đăng nhập từ máy này tạm khóa do nhập sai mật khẩu nhiều lần. Hãy thử lại sau {minutes} phút.");
        }
        var correct = Passwords.Verify(input.Password, user?.PasswordHash ?? DummyHash) && user is not null;
        if (!correct)
        {
            throttle.Failed(address, name);
            if (user is not null)
            {
                user.FailedAttempts++;
                if (user.FailedAttempts >= options.Value.AccountLockFailures)
                {
                    user.LockedUntilUtc = now.AddMinutes(options.Value.LockoutMinutes);
                    user.FailedAttempts = 0;
                }
                await db.SaveChangesAsync();
            }
            return ApiProblems.Problem(401, "Tên đăng nhập hoặc mật khẩu không đúng.");
        }
        throttle.Succeeded(address, name);
        user!.FailedAttempts = 0;
        user.LockedUntilUtc = null;
        await db.SaveChangesAsync();

        await ctx.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, Sessions.PrincipalFor(user));
        return Results.Ok(new { user.UserName, user.Role, RoleLabel = Roles.Label(user.Role) });
    }

    private static async Task<IResult> CreateUser(NewUserInput input, MeetingDbContext db, Sessions sessions)
    {
        var name = input.UserName?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(name) || name.Length > 40 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
            return ApiProblems.BadRequest("Tên đăng nhập chỉ gồm chữ không dấu, số, dấu chấm, gạch dưới; tối đa 40 ký tự.");
        if (input.Role is null || !Roles.Accounts.Contains(input.Role))
            return ApiProblems.BadRequest("Vai trò không hợp lệ.");
        if (await db.Users.AnyAsync(u => u.UserName == name))
            return ApiProblems.Conflict("Tên đăng nhập này đã có.");
        var password = Passwords.Generate();
        var user = new UserAccount { UserName = name, Role = input.Role, PasswordHash = Passwords.Hash(password) };
        db.Users.Add(user);
        await db.SaveChangesAsync();
        sessions.Created(user);
        return Results.Ok(new PasswordResult(name, password));
    }

    /// <summary>Logging out ends every session of the account, on every device, connections included.</summary>
    private static async Task<IResult> Logout(HttpContext ctx, MeetingDbContext db, Sessions sessions)
    {
        if (Sessions.UserIdOf(ctx.User) is { } id && await db.Users.FindAsync(id) is { } user)
            await sessions.EndAllAsync(db, user);
        await ctx.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Results.NoContent();
    }

    private static async Task<IResult> ChangePassword(ChangePasswordInput input, HttpContext ctx, MeetingDbContext db, Sessions sessions)
    {
        if (Sessions.UserIdOf(ctx.User) is not { } id || await db.Users.FindAsync(id) is not { } user)
            return ApiProblems.Problem(401, "Hãy đăng nhập để tiếp tục.");
        if (string.IsNullOrEmpty(input.CurrentPassword) || !Passwords.Verify(input.CurrentPassword, user.PasswordHash))
            return ApiProblems.BadRequest("Mật khẩu hiện tại không đúng.");
        if (input.NewPassword is not { Length: >= 10 and <= 200 })
            return ApiProblems.BadRequest("Mật khẩu mới phải dài từ 10 đến 200 ký tự.");
        user.PasswordHash = Passwords.Hash(input.NewPassword);
        await sessions.EndAllAsync(db, user);
        // This device stays logged in with the new stamp; every other session of the account has ended.
        await ctx.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, Sessions.PrincipalFor(user));
        return Results.NoContent();
    }

    private static async Task<IResult> ResetPassword(int id, MeetingDbContext db, Sessions sessions)
    {
        var user = await db.Users.FindAsync(id);
        if (user is null) return ApiProblems.NotFound("Không tìm thấy tài khoản.");
        var password = Passwords.Generate();
        user.PasswordHash = Passwords.Hash(password);
        user.FailedAttempts = 0;
        user.LockedUntilUtc = null;
        await sessions.EndAllAsync(db, user);
        return Results.Ok(new PasswordResult(user.UserName, password));
    }

    private static async Task<IResult> DeleteUser(int id, MeetingDbContext db, HttpContext ctx, Sessions sessions)
    {
        var user = await db.Users.FindAsync(id);
        if (user is null) return ApiProblems.NotFound("Không tìm thấy tài khoản.");
        if (user.UserName == ctx.User.Identity?.Name) return ApiProblems.Conflict("Không thể xóa tài khoản đang đăng nhập.");
        if (user.Role == Roles.Admin && await db.Users.CountAsync(u => u.Role == Roles.Admin) == 1)
            return ApiProblems.Conflict("Phải còn ít nhất một tài khoản quản trị.");
        db.Users.Remove(user);
        await db.SaveChangesAsync();
        sessions.Ended(id, newStamp: null);
        return Results.NoContent();
    }
}
