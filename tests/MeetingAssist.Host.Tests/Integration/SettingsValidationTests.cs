using Microsoft.Extensions.Options;

namespace MeetingAssist.Host.Tests.Integration;

/// <summary>A setting out of range stops the start with a message naming it, instead of being clamped unseen.</summary>
public class SettingsValidationTests
{
    [Theory]
    [InlineData("MeetingAssist:Live:CaptionSeconds", "0", "CaptionSeconds")]
    [InlineData("MeetingAssist:Live:Guard:LowConfidence", "5", "LowConfidence")]
    [InlineData("MeetingAssist:Live:ServerCapture:MaxStartsPerHour", "0", "MaxStartsPerHour")]
    [InlineData("MeetingAssist:Speech:BeamSize", "40", "BeamSize")]
    [InlineData("MeetingAssist:Access:LockoutMinutes", "-3", "LockoutMinutes")]
    public void OutOfRangeSetting_StopsTheStart_NamingTheSetting(string key, string value, string named)
    {
        var error = Assert.ThrowsAny<OptionsValidationException>(() =>
        {
            using var host = MeetingHostFactory.Start(settings: new Dictionary<string, string?> { [key] = value });
        });
        Assert.Contains(named, error.Message);
        Assert.Contains("phải nằm trong khoảng", error.Message);
    }

    [Fact]
    public async Task DefaultSettings_Start()
    {
        await using var host = MeetingHostFactory.Start();
        await using var client = await host.ClientAsync();
        Assert.True((await client.Http.GetAsync("/api/auth/session")).IsSuccessStatusCode);
    }
}
