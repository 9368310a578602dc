using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MeetingAssist.Host.Queue;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace MeetingAssist.Host.Tests.Integration;

/// <summary>
/// The real server process is killed with SIGKILL at random moments while a scripted meeting runs: desk
/// registrations and chair time extensions over the hub (each with its command key) and phone requests over
/// HTTP. After every restart, each acknowledged action must be there exactly once, and a retry of each
/// unacknowledged command with its key must apply it at most once.
/// Short mode runs 5 kills; MEETINGASSIST_FULL_PROOFS=1 runs 50.
/// </summary>
[Trait("Category", "Process")]
public class CrashDurabilityTests(ITestOutputHelper output)
{
    private const int ShortKills = 5;
    private const int FullKills = 50;
    private const int MeetingId = 1;
    private const int ExtensionSeconds = 1;

    private enum OperationKind { Register, Extend, PhoneRequest }

    /// <summary>One action the script sent, and whether the server acknowledged it before the kill.</summary>
    private sealed record Operation(OperationKind Kind, string Key, string Topic)
    {
        public bool Acknowledged { get; set; }
        public int? PhoneRequestId { get; set; }
    }

    private static bool FullMode => Environment.GetEnvironmentVariable("MEETINGASSIST_FULL_PROOFS") == "1";

    [Fact]
    public async Task EveryAcknowledgedAction_SurvivesRandomKills_ExactlyOnce()
    {
        var kills = FullMode ? FullKills : ShortKills;
        var seed = Environment.TickCount;
        var random = new Random(seed);
        output.WriteLine($"seed {seed}, {kills} kills");
        var folder = Directory.CreateTempSubdirectory("meetingassist-crash-").FullName;
        // Every phone request comes from loopback; the hall's per-address limit would stop the script, not the server.
        string[] arguments = ["--MeetingAssist:Access:PhoneRequestsPerWindow=1000000"];
        var operations = new List<Operation>();
        var restartTimes = new List<double>();
        var retried = 0;

        await using (var first = new HostProcess(folder, extraArguments: arguments))
        {
            await first.StartAsync();
            await using var chair = await ChairAsync(first);
            await chair.InvokeCoreAsync<int>("StartMeeting", [MeetingId, "crash-start"]);
            await chair.InvokeCoreAsync<int>("GiveFloor", [MeetingId, "crash-floor", null]);
            first.Kill();
        }

        for (var round = 0; round < kills; round++)
        {
            var host = new HostProcess(folder, extraArguments: arguments);
            var started = Stopwatch.StartNew();
            await host.StartAsync();
            restartTimes.Add(started.Elapsed.TotalMilliseconds);
            try
            {
                await using var chair = await ChairAsync(host);
                using var phone = await PhoneAsync(host);

                // What the last kill left unanswered is sent again with the same key; it must apply at most once.
                foreach (var unanswered in operations.Where(o => !o.Acknowledged && o.Kind != OperationKind.PhoneRequest))
                {
                    await SendAsync(chair, phone, unanswered);
                    retried++;
                }
                await AssertEveryActionOnceAsync(chair, operations);

                using var stop = new CancellationTokenSource();
                var script = RunScriptAsync(chair, phone, operations, round, stop.Token);
                await Task.Delay(random.Next(150, 1200));
                host.Kill();
                await stop.CancelAsync();
                await script.WaitAsync(TimeSpan.FromSeconds(30));
            }
            finally
            {
                await host.DisposeAsync();
            }
        }

        await using (var last = new HostProcess(folder, extraArguments: arguments))
        {
            var started = Stopwatch.StartNew();
            await last.StartAsync();
            restartTimes.Add(started.Elapsed.TotalMilliseconds);
            await using var chair = await ChairAsync(last);
            using var phone = await PhoneAsync(last);
            foreach (var unanswered in operations.Where(o => !o.Acknowledged && o.Kind != OperationKind.PhoneRequest))
            {
                await SendAsync(chair, phone, unanswered);
                retried++;
            }
            await AssertEveryActionOnceAsync(chair, operations);
        }

        restartTimes.Sort();
        var acknowledged = operations.Count(o => o.Acknowledged);
        output.WriteLine(
            $"{kills} kills, {operations.Count} actions sent, {acknowledged} acknowledged, {retried} retried with their key; " +
            $"restart to serving: median {restartTimes[restartTimes.Count / 2]:F0} ms, max {restartTimes[^1]:F0} ms");
        Assert.True(acknowledged >= kills, "The script should get actions through between kills.");
    }

    private static async Task RunScriptAsync(HubConnection chair, HttpClient phone, List<Operation> operations, int round, CancellationToken stop)
    {
        for (var step = 0; !stop.IsCancellationRequested; step++)
        {
            var kind = (OperationKind)(step % 3);
            var id = $"{round}-{step}";
            var operation = new Operation(kind, $"crash-{kind}-{id}", kind switch
            {
                OperationKind.Register => $"Đăng ký tại bàn số {id}",
                OperationKind.PhoneRequest => $"Câu hỏi qua điện thoại số {id}",
                _ => "",
            });
            lock (operations) operations.Add(operation);
            try
            {
                await SendAsync(chair, phone, operation);
            }
            catch (Exception ex) when (ex is not (HubException or Xunit.Sdk.XunitException))
            {
                // The connection broke (the server is gone): this operation stays unacknowledged. An answer from
                // the server (a refusal, an unexpected status) is not swallowed: it fails the test.
                return;
            }
        }
    }

    private static async Task SendAsync(HubConnection chair, HttpClient phone, Operation operation)
    {
        switch (operation.Kind)
        {
            case OperationKind.Register:
                await chair.InvokeCoreAsync<int>("Register",
                    [MeetingId, operation.Key, new RegisterInput(null, $"Người dân {operation.Key}", "Thôn Đông", operation.Topic, null, null)]);
                break;
            case OperationKind.Extend:
                await chair.InvokeCoreAsync<int>("ExtendTime", [MeetingId, operation.Key, ExtensionSeconds]);
                break;
            case OperationKind.PhoneRequest:
                var response = await phone.PostAsJsonAsync($"/api/meetings/{MeetingId}/ask",
                    new PhoneRequestInput($"Người hỏi {operation.Key}", "Thôn Tây", operation.Topic, null));
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                var body = await response.Content.ReadFromJsonAsync<JsonElement>();
                operation.PhoneRequestId = body.GetProperty("requestId").GetInt32();
                break;
        }
        operation.Acknowledged = true;
    }

    private static async Task AssertEveryActionOnceAsync(HubConnection chair, List<Operation> operations)
    {
        var snapshot = await chair.InvokeAsync<MeetingSnapshot>("Join", MeetingId);
        var requests = snapshot.Queue.Concat(snapshot.Pending ?? []).Concat(snapshot.Finished ?? []).ToList();
        List<Operation> all;
        lock (operations) all = operations.ToList();

        foreach (var registration in all.Where(o => o.Kind == OperationKind.Register))
            Assert.Single(requests, r => r.Topic == registration.Topic);

        foreach (var phoneRequest in all.Where(o => o.Kind == OperationKind.PhoneRequest))
        {
            var found = requests.Where(r => r.Topic == phoneRequest.Topic).ToList();
            if (phoneRequest.Acknowledged)
                Assert.Equal(phoneRequest.PhoneRequestId, Assert.Single(found).RequestId);
            else
                Assert.True(found.Count <= 1, $"Phone request {phoneRequest.Topic} stored {found.Count} times.");
        }

        // Every extension was acknowledged (after its retry), so the floor carries each exactly once.
        var extensions = all.Count(o => o.Kind == OperationKind.Extend);
        Assert.Equal(extensions * ExtensionSeconds * 1000, snapshot.Floor!.ExtendedMs);
    }

    private static async Task<HubConnection> ChairAsync(HostProcess host)
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

    /// <summary>An anonymous phone: a cookie jar and the antiforgery token, as the ask page has.</summary>
    private static async Task<HttpClient> PhoneAsync(HostProcess host)
    {
        var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() })
        {
            BaseAddress = host.BaseAddress,
            Timeout = TimeSpan.FromSeconds(10),
        };
        var session = await http.GetFromJsonAsync<JsonElement>("/api/auth/session");
        http.DefaultRequestHeaders.Add("X-CSRF-TOKEN", session.GetProperty("antiforgeryToken").GetString());
        return http;
    }
}
