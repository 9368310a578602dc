using MeetingAssist.Host.Common;
using System.ComponentModel.DataAnnotations;
namespace MeetingAssist.Host.Access;

public sealed class AccessOptions
{
    /// <summary>Wrong passwords from one address for one account before that address must wait.</summary>
    [Range(1, 1000, ErrorMessage = OptionsText.Range)]
    public int MaxFailedLogins { get; set; } = 5;

    /// <summary>Wrong passwords from one address, whatever the account, before that address must wait.</summary>
    [Range(1, 100000, ErrorMessage = OptionsText.Range)]
    public int MaxFailedLoginsPerAddress { get; set; } = 20;

    /// <summary>Wrong passwords for one account from all addresses before the account locks for those addresses.</summary>
    [Range(1, 100000, ErrorMessage = OptionsText.Range)]
    public int AccountLockFailures { get; set; } = 20;

    /// <summary>How long a block lasts, and how long a failure is remembered.</summary>
    [Range(1, 1440, ErrorMessage = OptionsText.Range)]
    public int LockoutMinutes { get; set; } = 5;
    /// <summary>Phone requests allowed per address per window; a hall shares few addresses, so keep it generous.</summary>
    [Range(1, 10000000, ErrorMessage = OptionsText.Range)]
    public int PhoneRequestsPerWindow { get; set; } = 5;
    [Range(1, 86400, ErrorMessage = OptionsText.Range)]
    public int PhoneWindowSeconds { get; set; } = 600;
}
