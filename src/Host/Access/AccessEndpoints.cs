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

public static class AccessEndpoints
{
    public static void MapAccess(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/auth").RequireAntiforgery();
        auth.MapGet("/session", Session);
        auth.MapPost("/login", Login);
        auth.MapPost("/logout", async (HttpContext ctx) =>
        {
            await ctx.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.NoContent();
        });

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

    private static async Task<IResult> Login(LoginInput input, HttpContext ctx, MeetingDbContext db, IOptions<AccessOptions> options, TimeProvider clock)
    {
        if (string.IsNullOrWhiteSpace(input.UserName) || string.IsNullOrEmpty(input.Password))
            return ApiProblems.BadRequest("Hãy nhập tên đăng nhập và mật khẩu.");
        var now = clock.GetUtcNow().UtcDateTime;
        var user = await db.Users.FirstOrDefaultAsync(u => u.UserName == input.UserName.Trim().ToLowerInvariant());
        if (user?.LockedUntilUtc is { } until && until > now)
        {
            var minutes = Math.Max(1, (int)Math.Ceiling((until - now).TotalMinutes));
            return ApiProblems.Problem(423, $"Tài khoản tạm khóa do nhập sai mật khẩu nhiều lần. Hãy thử lại sau {minutes} phút.");
        }
        if (user is null || !Passwords.Verify(input.Password, user.PasswordHash))
        {
            if (user is not null)
            {
                user.FailedAttempts++;
                if (user.FailedAttempts >= options.Value.MaxFailedLogins)
                {
                    user.LockedUntilUtc = now.AddMinutes(options.Value.LockoutMinutes);
                    user.FailedAttempts = 0;
                }
                await db.SaveChangesAsync();
            }
            return ApiProblems.Problem(401, "Tên đăng nhập hoặc mật khẩu không đúng.");
        }
        user.FailedAttempts = 0;
        user.LockedUntilUtc = null;
        await db.SaveChangesAsync();

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, user.UserName), new Claim(ClaimTypes.Role, user.Role)],
            CookieAuthenticationDefaults.AuthenticationScheme);
        await ctx.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
        return Results.Ok(new { user.UserName, user.Role, RoleLabel = Roles.Label(user.Role) });
    }

    private static async Task<IResult> CreateUser(NewUserInput input, MeetingDbContext db)
    {
        var name = input.UserName?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(name) || name.Length > 40 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
            return ApiProblems.BadRequest("Tên đăng nhập chỉ gồm chữ không dấu, số, dấu chấm, gạch dưới; tối đa 40 ký tự.");
        if (input.Role is null || !Roles.All.Contains(input.Role))
            return ApiProblems.BadRequest("Vai trò không hợp lệ.");
        if (await db.Users.AnyAsync(u => u.UserName == name))
            return ApiProblems.Conflict("Tên đăng nhập này đã có.");
        var password = Passwords.Generate();
        db.Users.Add(new UserAccount { UserName = name, Role = input.Role, PasswordHash = Passwords.Hash(password) });
        await db.SaveChangesAsync();
        return Results.Ok(new PasswordResult(name, password));
    }

    private static async Task<IResult> ResetPassword(int id, MeetingDbContext db)
    {
        var user = await db.Users.FindAsync(id);
        if (user is null) return ApiProblems.NotFound("Không tìm thấy tài khoản.");
        var password = Passwords.Generate();
        user.PasswordHash = Passwords.Hash(password);
        user.FailedAttempts = 0;
        user.LockedUntilUtc = null;
        await db.SaveChangesAsync();
        return Results.Ok(new PasswordResult(user.UserName, password));
    }

    private static async Task<IResult> DeleteUser(int id, MeetingDbContext db, HttpContext ctx)
    {
        var user = await db.Users.FindAsync(id);
        if (user is null) return ApiProblems.NotFound("Không tìm thấy tài khoản.");
        if (user.UserName == ctx.User.Identity?.Name) return ApiProblems.Conflict("Không thể xóa tài khoản đang đăng nhập.");
        if (user.Role == Roles.Admin && await db.Users.CountAsync(u => u.Role == Roles.Admin) == 1)
            return ApiProblems.Conflict("Phải còn ít nhất một tài khoản quản trị.");
        db.Users.Remove(user);
        await db.SaveChangesAsync();
        return Results.NoContent();
    }
}
