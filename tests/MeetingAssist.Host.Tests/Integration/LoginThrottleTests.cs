using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;

namespace MeetingAssist.Host.Tests.Integration;

public class LoginThrottleTests(Xunit.Abstractions.ITestOutputHelper output)
{
    /// <summary>A client whose connections come from another loopback address, as another machine in the hall would.</summary>
    private static async Task<HttpClient> ClientFromAsync(MeetingHostFactory host, string localAddress)
    {
        var handler = new SocketsHttpHandler
        {
            CookieContainer = new CookieContainer(),
            ConnectCallback = async (context, ct) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                socket.Bind(new IPEndPoint(IPAddress.Parse(localAddress), 0));
                await socket.ConnectAsync(context.DnsEndPoint, ct);
                return new NetworkStream(socket, ownsSocket: true);
            },
        };
        var http = new HttpClient(handler) { BaseAddress = host.BaseAddress };
        var session = await http.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/auth/session");
        http.DefaultRequestHeaders.Add("X-CSRF-TOKEN", session.GetProperty("antiforgeryToken").GetString());
        return http;
    }

    private static Task<HttpResponseMessage> LoginAsync(HttpClient http, string user, string password) =>
        http.PostAsJsonAsync("/api/auth/login", new { userName = user, password });

    [Fact]
    public async Task ParallelWrongPasswords_AtMostFiveAreChecked_ThenTheRightOneWaits()
    {
        await using var host = MeetingHostFactory.Start();
        using var http = await ClientFromAsync(host, "127.0.0.1");
        var attempts = await Task.WhenAll(Enumerable.Range(0, 31).Select(i => LoginAsync(http, "chair", $"sai-{i}")));
        var codes = attempts.Select(r => (int)r.StatusCode).ToList();
        output.WriteLine($"31 parallel wrong passwords: {codes.Count(c => c == 401)} checked (401), {codes.Count(c => c == 423)} refused unchecked (423)");
        Assert.Equal(5, codes.Count(c => c == 401));
        Assert.Equal(26, codes.Count(c => c == 423));
        Assert.Equal(423, (int)(await LoginAsync(http, "chair", host.InitialPasswords()["chair"])).StatusCode);
    }

    [Fact]
    public async Task AStrangerGuessing_DoesNotLockTheChairOut_FromAnotherAddress()
    {
        await using var host = MeetingHostFactory.Start();
        using var stranger = await ClientFromAsync(host, "127.0.0.2");
        using var chairTablet = await ClientFromAsync(host, "127.0.0.3");
        for (var i = 0; i < 12; i++) await LoginAsync(stranger, "chair", $"doan-{i}");
        var refused = await LoginAsync(stranger, "chair", host.InitialPasswords()["chair"]);
        Assert.Equal(423, (int)refused.StatusCode);
        Assert.Contains("sai mật khẩu nhiều lần", await refused.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(chairTablet, "chair", host.InitialPasswords()["chair"])).StatusCode);
    }

    [Fact]
    public async Task GuessesFromManyAddresses_LockTheAccount_ForThoseAddressesOnly()
    {
        await using var host = MeetingHostFactory.Start(settings: new Dictionary<string, string?> { ["MeetingAssist:Access:AccountLockFailures"] = "6" });
        var guessers = new List<HttpClient>();
        for (var a = 10; a < 13; a++) guessers.Add(await ClientFromAsync(host, $"127.0.0.{a}"));
        foreach (var guesser in guessers)
            for (var i = 0; i < 2; i++) Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(guesser, "desk", $"x{i}")).StatusCode);
        // Six failures in all: each guessing address is now refused even with the right password, after only two tries.
        Assert.Equal(423, (int)(await LoginAsync(guessers[0], "desk", host.InitialPasswords()["desk"])).StatusCode);
        using var owner = await ClientFromAsync(host, "127.0.0.20");
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(owner, "desk", host.InitialPasswords()["desk"])).StatusCode);
        foreach (var g in guessers) g.Dispose();
    }

    [Fact]
    public async Task OneAddress_TryingManyAccounts_IsThrottled()
    {
        await using var host = MeetingHostFactory.Start();
        using var sprayer = await ClientFromAsync(host, "127.0.0.4");
        for (var i = 0; i < 20; i++) await LoginAsync(sprayer, $"nguoi-{i}", "matkhau");
        Assert.Equal(423, (int)(await LoginAsync(sprayer, "secretary", host.InitialPasswords()["secretary"])).StatusCode);
    }

    [Fact]
    public async Task UnknownUser_TakesAsLongAsAWrongPassword()
    {
        await using var host = MeetingHostFactory.Start();
        using var http = await ClientFromAsync(host, "127.0.0.5");
        await LoginAsync(http, "warm-up", "x");
        // Real and unknown names alternate, so a busy machine slows both alike; real tries are spread over four
        // accounts to stay under the per-account lockout, and all 17 under the per-address limit.
        string[] accounts = ["admin", "chair", "desk", "secretary"];
        var knownTimes = new List<double>();
        var unknownTimes = new List<double>();
        for (var i = 0; i < 8; i++)
        {
            foreach (var (user, times) in new[] { (accounts[i % accounts.Length], knownTimes), ($"khong-co-ai-{i}", unknownTimes) })
            {
                var watch = Stopwatch.StartNew();
                Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(http, user, $"sai-{i}")).StatusCode);
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
        }
        static double Median(List<double> times) => times.Order().ElementAt(times.Count / 2);
        var known = Median(knownTimes);
        var unknown = Median(unknownTimes);
        output.WriteLine($"median wrong-password answer: real account {known:F1} ms, unknown name {unknown:F1} ms");
        // Before the fix an unknown name answered in under a tenth of the time (3 ms against 44 ms).
        Assert.True(unknown > known * 0.4, $"unknown user answered in {unknown:F1} ms, a real one in {known:F1} ms");
    }
}
