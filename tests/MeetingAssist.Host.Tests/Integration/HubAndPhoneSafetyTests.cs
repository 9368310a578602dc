using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MeetingAssist.Host.Access;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MeetingAssist.Host.Tests.Integration;

public class HubAndPhoneSafetyTests
{
    private static HubConnection Connect(Uri baseAddress, string? origin = null, CookieContainer? cookies = null) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(baseAddress, "/hub/meeting"), o =>
            {
                if (origin is not null) o.Headers["Origin"] = origin;
                if (cookies is not null) o.Cookies = cookies;
            })
            .Build();

    [Fact]
    public async Task Hub_FromAnotherOrigin_IsRefused_FromOurOwn_Accepted()
    {
        await using var host = MeetingHostFactory.Start();
        await using var foreign = Connect(host.BaseAddress, "http://evil.example");
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => foreign.StartAsync());
        Assert.Contains("403", refused.Message);

        var own = host.BaseAddress.GetLeftPart(UriPartial.Authority);
        await using var ours = Connect(host.BaseAddress, own);
        await ours.StartAsync();
        Assert.True(await ours.InvokeAsync<long>("Now") > 0);
    }

    [Fact]
    public async Task HubErrors_AreVietnamese_ForBadArguments_UnknownMethods_AndRefusals()
    {
        await using var host = MeetingHostFactory.Start();
        await using var chair = await host.ClientAsync("chair");
        var w = await chair.WatchAsync(1);

        var badType = await Assert.ThrowsAsync<HubException>(() => w.Connection.InvokeCoreAsync<int>("GiveFloor", ["một", null]));
        Assert.Equal(VietnameseHubProtocol.BadArguments, badType.Message);
        var missing = await Assert.ThrowsAsync<HubException>(() => w.Connection.InvokeCoreAsync<int>("ExtendTime", [1]));
        Assert.Equal(VietnameseHubProtocol.BadArguments, missing.Message);
        var unknown = await Assert.ThrowsAsync<HubException>(() => w.Connection.InvokeCoreAsync<int>("XoaTatCa", [1]));
        Assert.Equal(VietnameseHubProtocol.UnknownMethod, unknown.Message);
        var rule = await Assert.ThrowsAsync<HubException>(() => w.Invoke("EndTurn"));
        Assert.DoesNotContain("HubException", rule.Message);
        Assert.DoesNotContain("invoking", rule.Message);
        Assert.Contains(rule.Message, c => c > 0x7F);
    }

    [Fact]
    public async Task RuleRefusals_AreLoggedAsInformation_WithoutAStackTrace()
    {
        var logs = new CapturedLogs();
        await using var factory = new MeetingHostFactory(MeetingHostFactory.NewDataFolder());
        await using var host = factory.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(logs)));
        host.UseKestrel(0);
        host.StartServer();
        var address = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()
            .Replace("://[::]", "://127.0.0.1").Replace("://0.0.0.0", "://127.0.0.1");
        await using var anonymous = Connect(new Uri(address));
        await anonymous.StartAsync();
        for (var i = 0; i < 3; i++)
            await Assert.ThrowsAsync<HubException>(() => anonymous.InvokeCoreAsync<int>("PauseTimer", [1, null]));
        await Assert.ThrowsAsync<HubException>(() => anonymous.InvokeCoreAsync<int>("GiveFloor", ["x", null]));
        await Task.Delay(300);

        Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Error);
        var refusals = logs.Entries.Where(e => e.Message.Contains("PauseTimer") && e.Message.Contains("refused")).ToList();
        Assert.Equal(3, refusals.Count);
        Assert.All(refusals, e =>
        {
            Assert.Equal(LogLevel.Information, e.Level);
            Assert.Null(e.Exception);
        });
    }

    private static async Task<(int Id, string Token)> AskAsync(StaffClient phone, string name)
    {
        var response = await phone.Http.PostAsJsonAsync("/api/meetings/1/ask", new { name, affiliation = "Thôn Tây", topic = "Hỏi về học phí" });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("requestId").GetInt32(), body.GetProperty("token").GetString()!);
    }

    [Fact]
    public async Task PhoneStatus_NeedsTheTokenGivenToThatPhone()
    {
        await using var host = MeetingHostFactory.Start();
        await using var phone = await host.ClientAsync();
        var (first, firstToken) = await AskAsync(phone, "Hà Thị Nga");
        var (second, _) = await AskAsync(phone, "Lê Văn Tám");
        Assert.True(firstToken.Length >= 40);

        Assert.Equal(HttpStatusCode.NotFound, (await phone.Http.GetAsync($"/api/meetings/1/requests/{first}/status")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await phone.Http.GetAsync($"/api/meetings/1/requests/{second}/status?token={Uri.EscapeDataString(firstToken)}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await phone.Http.GetAsync($"/api/meetings/1/requests/{first}/status?token=abc")).StatusCode);
        var own = await phone.Http.GetFromJsonAsync<JsonElement>($"/api/meetings/1/requests/{first}/status?token={Uri.EscapeDataString(firstToken)}");
        Assert.Equal("PendingApproval", own.GetProperty("status").GetString());
    }

    [Fact]
    public async Task ACitizen_WithdrawsTheirOwnRequest_PendingOrWaiting_ButNotSomeoneElses()
    {
        await using var host = MeetingHostFactory.Start();
        await using var phone = await host.ClientAsync();
        await using var chair = await host.ClientAsync("chair");
        var w = await chair.WatchAsync(1);
        var (pending, pendingToken) = await AskAsync(phone, "Hà Thị Nga");
        var (waiting, waitingToken) = await AskAsync(phone, "Lê Văn Tám");
        await w.Invoke("ApproveRequest", waiting);

        var noToken = await phone.Http.PostAsJsonAsync($"/api/meetings/1/requests/{pending}/withdraw", new { token = waitingToken });
        Assert.Equal(HttpStatusCode.NotFound, noToken.StatusCode);

        var withdrawn = await phone.Http.PostAsJsonAsync($"/api/meetings/1/requests/{pending}/withdraw", new { token = pendingToken });
        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        Assert.Equal("Withdrawn", (await withdrawn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());

        var left = await phone.Http.PostAsJsonAsync($"/api/meetings/1/requests/{waiting}/withdraw", new { token = waitingToken });
        Assert.Equal(HttpStatusCode.OK, left.StatusCode);
        var latest = await w.Connection.InvokeAsync<MeetingAssist.Host.Queue.MeetingSnapshot>("Join", 1);
        Assert.DoesNotContain(latest.Queue, r => r.RequestId == waiting);
        Assert.DoesNotContain(latest.Pending!, r => r.RequestId == pending);

        var again = await phone.Http.PostAsJsonAsync($"/api/meetings/1/requests/{waiting}/withdraw", new { token = waitingToken });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task AskState_SaysTheListIsClosed_OrTheMeetingEnded_BeforeTheFormIsFilled()
    {
        await using var host = MeetingHostFactory.Start();
        await using var phone = await host.ClientAsync();
        await using var chair = await host.ClientAsync("chair");
        var w = await chair.WatchAsync(1);
        var open = await phone.Http.GetFromJsonAsync<JsonElement>("/api/meetings/1/ask/state");
        Assert.True(open.GetProperty("open").GetBoolean());

        await w.Invoke("CloseList");
        var closed = await phone.Http.GetFromJsonAsync<JsonElement>("/api/meetings/1/ask/state");
        Assert.False(closed.GetProperty("open").GetBoolean());
        Assert.Contains("đã đóng", closed.GetProperty("reason").GetString());

        await w.Invoke("StartMeeting");
        await w.Invoke("EndMeeting");
        var ended = await phone.Http.GetFromJsonAsync<JsonElement>("/api/meetings/1/ask/state");
        Assert.Contains("đã kết thúc", ended.GetProperty("reason").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await phone.Http.GetAsync("/api/meetings/99/ask/state")).StatusCode);
    }
}
