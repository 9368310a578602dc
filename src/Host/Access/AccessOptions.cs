namespace MeetingAssist.Host.Access;

public sealed class AccessOptions
{
    public int MaxFailedLogins { get; set; } = 5;
    public int LockoutMinutes { get; set; } = 5;
    /// <summary>Phone requests allowed per address per window; a hall shares few addresses, so keep it generous.</summary>
    public int PhoneRequestsPerWindow { get; set; } = 5;
    public int PhoneWindowSeconds { get; set; } = 600;
}
