namespace MeetingAssist.Host.Access;

public sealed class AccessOptions
{
    /// <summary>Wrong passwords from one address for one account before that address must wait.</summary>
    public int MaxFailedLogins { get; set; } = 5;

    /// <summary>Wrong passwords from one address, whatever the account, before that address must wait.</summary>
    public int MaxFailedLoginsPerAddress { get; set; } = 20;

    /// <summary>Wrong passwords for one account from all addresses before the account locks for those addresses.</summary>
    public int AccountLockFailures { get; set; } = 20;

    /// <summary>How long a block lasts, and how long a failure is remembered.</summary>
    public int LockoutMinutes { get; set; } = 5;
    /// <summary>Phone requests allowed per address per window; a hall shares few addresses, so keep it generous.</summary>
    public int PhoneRequestsPerWindow { get; set; } = 5;
    public int PhoneWindowSeconds { get; set; } = 600;
}
