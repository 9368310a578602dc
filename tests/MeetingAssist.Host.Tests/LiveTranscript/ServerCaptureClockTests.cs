using System.Net;
using System.Net.Http.Json;
using MeetingAssist.Host.Tests.Integration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace MeetingAssist.Host.Tests.LiveTranscript;

public sealed class ServerCaptureClockTests
{
    [Fact]
    public async Task CaptureStarts_AreCappedPerHourOfTheServerClock_AndAllowedAgainAfterIt()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = MeetingHostFactory.Start(
            settings: new Dictionary<string, string?>
            {
                ["MeetingAssist:Live:ServerCapture:TestTone"] = "true",
                ["MeetingAssist:Live:ServerCapture:MaxStartsPerHour"] = "2",
            },
            services: s => s.AddSingleton<TimeProvider>(clock));
        await using var secretary = await host.ClientAsync("secretary");
        async Task<HttpStatusCode> StartAndStop()
        {
            var started = await secretary.Http.PostAsJsonAsync("/api/meetings/1/live/capture/start", new { device = "test-tone" });
            if (started.IsSuccessStatusCode) (await secretary.Http.PostAsync("/api/meetings/1/live/capture/stop", null)).EnsureSuccessStatusCode();
            return started.StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, await StartAndStop());
        clock.Advance(TimeSpan.FromMinutes(30));
        Assert.Equal(HttpStatusCode.OK, await StartAndStop());
        clock.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal((HttpStatusCode)429, await StartAndStop());

        // An hour after the first start, one start is free again; the second is still within its hour.
        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.OK, await StartAndStop());
        Assert.Equal((HttpStatusCode)429, await StartAndStop());
    }
}
