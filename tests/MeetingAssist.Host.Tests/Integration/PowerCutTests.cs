using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MeetingAssist.Host.Queue;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace MeetingAssist.Host.Tests.Integration;

[Trait("Category", "Process")]
public class PowerCutTests
{
    private static async Task<HubConnection> ChairConnectionAsync(HostProcess host)
    {
        var cookies = new CookieContainer();
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = host.BaseAddress };
        var session = await http.GetFromJsonAsync<JsonElement>("/api/auth/session");
        http.DefaultRequestHeaders.Add("X-CSRF-TOKEN", session.GetProperty("antiforgeryToken").GetString());
        var password = File.ReadAllLines(Path.Combine(host.DataFolder, "initial-credentials.txt"))
            .Single(l => l.Contains("tên đăng nhập chair,")).Split("mật khẩu ")[1];
        (await http.PostAsJsonAsync("/api/auth/login", new { userName = "chair", password })).EnsureSuccessStatusCode();
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(host.BaseAddress, "/hub/meeting"), o => o.Cookies = cookies)
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()))
            .Build();
        await connection.StartAsync();
        return connection;
    }

    [Fact]
    public async Task AcknowledgedCommands_SurviveAKillRightAfterTheAck()
    {
        var folder = Directory.CreateTempSubdirectory("meetingassist-kill-").FullName;
        int acknowledged;
        await using (var host = new HostProcess(folder))
        {
            await host.StartAsync();
            await using var chair = await ChairConnectionAsync(host);
            await chair.InvokeAsync<MeetingSnapshot>("Join", 1);
            await chair.InvokeAsync<int>("StartMeeting", 1, "power-cut-start");
            await chair.InvokeAsync<int>("GiveFloor", 1, "power-cut-floor", (int?)null);
            await chair.InvokeAsync<int>("ExtendTime", 1, "power-cut-extend", 45);
            acknowledged = await chair.InvokeAsync<int>("PauseTimer", 1, "power-cut-pause");
            host.Kill();
        }

        await using (var host = new HostProcess(folder))
        {
            await host.StartAsync();
            await using var chair = await ChairConnectionAsync(host);
            var snapshot = await chair.InvokeAsync<MeetingSnapshot>("Join", 1);
            Assert.Equal(acknowledged, snapshot.Version);
            Assert.Equal("Nguyễn Văn Bình", snapshot.Floor!.Speaker.Name);
            Assert.Equal(45_000, snapshot.Floor.ExtendedMs);
            Assert.Null(snapshot.Floor.RunningSinceMs);
        }
    }
}
