using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;

namespace MeetingAssist.Host.Tests.Integration;

public class ServerCaptureSecurityTests
{
    private static Dictionary<string, string?> TestTone(int maxStarts = 30) => new()
    {
        ["MeetingAssist:Live:ServerCapture:TestTone"] = "true",
        ["MeetingAssist:Live:ServerCapture:MaxStartsPerHour"] = maxStarts.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static async Task<string> DetailOf(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!;

    [Fact]
    public async Task CaptureStart_WithAFilterGraphOrUrl_IsRefused_AndNothingIsWrittenOrFetched()
    {
        await using var host = MeetingHostFactory.Start(settings: TestTone());
        await using var secretary = await host.ClientAsync("secretary");
        var target = Path.Combine(host.DataFolder, "written-by-ffmpeg.txt");

        // A listener on loopback tells whether ffmpeg was made to fetch a URL.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var fetched = listener.AcceptTcpClientAsync();

        object[] attacks =
        [
            new { format = "lavfi", device = $"sine=frequency=440:duration=1,ametadata=mode=print:file={target}" },
            new { format = "lavfi", device = $"amovie=filename=http\\://127.0.0.1\\:{port}/x" },
            new { device = $"lavfi:amovie=filename=http\\://127.0.0.1\\:{port}/x" },
            new { device = $"sine=frequency=440,ametadata=mode=print:file={target}" },
            new { format = "alsa", device = target },
            new { device = $"http://127.0.0.1:{port}/x" },
            new { device = "configured -f lavfi" },
        ];
        foreach (var attack in attacks)
        {
            var response = await secretary.Http.PostAsJsonAsync("/api/meetings/1/live/capture/start", attack);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("không có trong danh sách", await DetailOf(response));
        }
        await Task.Delay(1500);
        Assert.False(File.Exists(target), "ffmpeg wrote a file named by the client");
        Assert.False(fetched.IsCompleted, "ffmpeg fetched a URL named by the client");
        var capture = await secretary.Http.GetFromJsonAsync<JsonElement>("/api/meetings/1/live/capture");
        Assert.False(capture.GetProperty("running").GetBoolean());
        Assert.False(Directory.Exists(Path.Combine(host.DataFolder, "recordings", "live", "1")) &&
                     Directory.GetFiles(Path.Combine(host.DataFolder, "recordings", "live", "1")).Length > 0);
    }

    [Fact]
    public async Task Devices_ListOnlyWhatTheServerOffers_AndTheTestToneOnlyWhenConfigured()
    {
        await using (var plain = MeetingHostFactory.Start())
        {
            await using var secretary = await plain.ClientAsync("secretary");
            var devices = await secretary.Http.GetFromJsonAsync<JsonElement[]>("/api/meetings/1/live/capture/devices");
            Assert.Contains(devices!, d => d.GetProperty("id").GetString() == "configured");
            Assert.DoesNotContain(devices!, d => d.GetProperty("id").GetString() == "test-tone");
            var refused = await secretary.Http.PostAsJsonAsync("/api/meetings/1/live/capture/start", new { device = "test-tone" });
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }
        await using var host = MeetingHostFactory.Start(settings: TestTone());
        await using var desk = await host.ClientAsync("desk");
        Assert.Equal(HttpStatusCode.Forbidden, (await desk.Http.GetAsync("/api/meetings/1/live/capture/devices")).StatusCode);
        await using var admin = await host.ClientAsync("admin");
        var withTone = await admin.Http.GetFromJsonAsync<JsonElement[]>("/api/meetings/1/live/capture/devices");
        Assert.Contains(withTone!, d => d.GetProperty("id").GetString() == "test-tone" && d.GetProperty("label").GetString()!.Contains("Âm thử"));
    }

    [Fact]
    public async Task RepeatedStarts_KeepOneRecording_AndAreCapped()
    {
        await using var host = MeetingHostFactory.Start(settings: TestTone(maxStarts: 2));
        await using var secretary = await host.ClientAsync("secretary");
        var folder = Path.Combine(host.DataFolder, "recordings", "live", "1");
        async Task<HttpResponseMessage> Start() =>
            await secretary.Http.PostAsJsonAsync("/api/meetings/1/live/capture/start", new { device = "test-tone" });
        async Task<double> Received() =>
            (await secretary.Http.GetFromJsonAsync<JsonElement>("/api/meetings/1/live/status")).GetProperty("receivedSeconds").GetDouble();
        async Task WaitForAudioBeyond(double seconds)
        {
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (await Received() <= seconds)
            {
                Assert.True(DateTime.UtcNow < deadline, "no audio from the test tone");
                await Task.Delay(200);
            }
        }

        Assert.Equal(HttpStatusCode.OK, (await Start()).StatusCode);
        await WaitForAudioBeyond(1);
        var pid = (await secretary.Http.GetFromJsonAsync<JsonElement>("/api/meetings/1/live/capture")).GetProperty("pid").GetInt32();
        for (var i = 0; i < 5; i++)
        {
            var again = await Start();
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
            Assert.Equal(pid, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("pid").GetInt32());
        }
        await WaitForAudioBeyond(2);
        Assert.Single(Directory.GetFiles(folder, "audio-*.ogg"));

        // A stop and a start continue the same capture timeline (the pause is silence), not a new one.
        var before = await Received();
        await secretary.Http.PostAsync("/api/meetings/1/live/capture/stop", null);
        Assert.Equal(HttpStatusCode.OK, (await Start()).StatusCode);
        await WaitForAudioBeyond(before + 1);
        await secretary.Http.PostAsync("/api/meetings/1/live/capture/stop", null);

        var capped = await Start();
        Assert.Equal((HttpStatusCode)429, capped.StatusCode);
        Assert.Contains("trong một giờ", await DetailOf(capped));
        Assert.True(Directory.GetFiles(folder, "audio-*.ogg").Length <= 2);
    }
}
