using MeetingAssist.Host.Data;
using Microsoft.EntityFrameworkCore;

namespace MeetingAssist.Host.Access;

/// <summary>
/// On a fresh database, one account per role with a random password: there is never a default password.
/// The passwords are printed once and written beside the database, readable only by the server's user.
/// </summary>
public static class InitialCredentials
{
    public const string FileName = "initial-credentials.txt";

    public static async Task<IReadOnlyList<(string User, string Role, string Password)>> EnsureAsync(MeetingDbContext db, string dataFolder)
    {
        if (await db.Users.AnyAsync()) return [];
        var created = Roles.Accounts.Select(role => (User: role, Role: role, Password: Passwords.Generate())).ToList();
        foreach (var (user, role, password) in created)
            db.Users.Add(new UserAccount { UserName = user, Role = role, PasswordHash = Passwords.Hash(password) });
        await db.SaveChangesAsync();

        var path = Path.Combine(dataFolder, FileName);
        var lines = created.Select(c => $"{Roles.Label(c.Role)}: tên đăng nhập {c.User}, mật khẩu {c.Password}");
        await File.WriteAllLinesAsync(path, ["Tài khoản ban đầu của MeetingAssist (hãy đổi mật khẩu trong trang Thiết lập):", .. lines]);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return created;
    }
}
