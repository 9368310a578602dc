namespace MeetingAssist.Host.Access;

public static class Roles
{
    public const string Admin = "admin";
    public const string Chair = "chair";
    public const string Desk = "desk";
    public const string Secretary = "secretary";
    /// <summary>A department head: answers the petitions assigned to their department, nothing of the live meeting.</summary>
    public const string Department = "department";

    /// <summary>The hall's staff roles: the live meeting, its people and its transcript.</summary>
    public static readonly string[] All = [Admin, Chair, Desk, Secretary];

    /// <summary>Every role an account can have.</summary>
    public static readonly string[] Accounts = [.. All, Department];

    public static string Label(string role) => role switch
    {
        Admin => "Quản trị",
        Chair => "Chủ trì",
        Desk => "Bàn đăng ký",
        Secretary => "Thư ký",
        Department => "Phòng ban",
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
