namespace MeetingAssist.Host.Access;

public static class Roles
{
    public const string Admin = "admin";
    public const string Chair = "chair";
    public const string Desk = "desk";
    public const string Secretary = "secretary";

    public static readonly string[] All = [Admin, Chair, Desk, Secretary];

    public static string Label(string role) => role switch
    {
        Admin => "Quản trị",
        Chair => "Chủ trì",
        Desk => "Bàn đăng ký",
        Secretary => "Thư ký",
        _ => role,
    };
}

public sealed class UserAccount
{
    public int Id { get; set; }
    public required string UserName { get; set; }
    public required string Role { get; set; }
    public required string PasswordHash { get; set; }
    public int FailedAttempts { get; set; }
    public DateTime? LockedUntilUtc { get; set; }

    /// <summary>
    /// Changes whenever the account's sessions must end (logout, new password, deletion): every login cookie
    /// carries the stamp it was issued with, and a cookie whose stamp is no longer the account's is refused.
    /// </summary>
    public string SecurityStamp { get; set; } = NewSecurityStamp();

    public static string NewSecurityStamp() => Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
}
