using Microsoft.Extensions.Options;

namespace MeetingAssist.Host.Common;

/// <summary>
/// Settings are checked once, when the server starts: a value out of range stops the start with a message naming
/// the key, instead of being quietly clamped somewhere deep in the code where nobody sees it.
/// </summary>
public static class OptionsText
{
    public const string Range = "Thiết lập {0} phải nằm trong khoảng {1} đến {2}.";

    /// <summary>Checks <typeparamref name="T"/>'s range attributes (nested settings marked
    /// <see cref="ValidateObjectMembersAttribute"/> included) when the server starts.</summary>
    public static OptionsBuilder<T> ValidatedOnStart<T>(this OptionsBuilder<T> builder) where T : class =>
        builder.ValidateDataAnnotations().ValidateOnStart();
}
