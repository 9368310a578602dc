using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MeetingAssist.Host.Access;
using MeetingAssist.Host.Queue;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MeetingAssist.Host.Tests.Integration;

/// <summary>The real server on a real port with its own data folder; several factories may share a folder to test restarts.</summary>
public sealed class MeetingHostFactory(string dataFolder, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    : WebApplicationFactory<Program>
{
    public string DataFolder { get; } = dataFolder;

    /// <summary>What the server logged. An entry at Error or above fails the test when the server is disposed,
    /// unless the test expects one (<see cref="ErrorLogsExpected"/>): an error nobody looked at is a bug hidden.</summary>
    public CapturedLogs Logs { get; } = new();

    /// <summary>Set by a test that provokes a server error on purpose (say why beside it).</summary>
    public bool ErrorLogsExpected { get; set; }

    public static string NewDataFolder() =>
        Directory.CreateTempSubdirectory("meetingassist-test-").FullName;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("MeetingAssist:Data:Folder", DataFolder);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            builder.UseSetting(key, value);
        builder.UseEnvironment("Testing");
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        if (services is not null) builder.ConfigureServices(services);
    }

    public Uri BaseAddress
    {
        get
        {
            var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new Uri(address.Replace("://[::]", "://127.0.0.1").Replace("://0.0.0.0", "://127.0.0.1"));
        }
    }

    public static MeetingHostFactory Start(string? dataFolder = null, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var factory = new MeetingHostFactory(dataFolder ?? NewDataFolder(), settings, services);
        factory.UseKestrel(0);
        factory.StartServer();
        return factory;
    }

    public Dictionary<string, string> InitialPasswords()
    {
        var lines = File.ReadAllLines(Path.Combine(DataFolder, InitialCredentials.FileName)).Skip(1);
        return lines.Select(l => l.Split(", "))
            .ToDictionary(p => p[0].Split("tên đăng nhập ")[1], p => p[1].Split("mật khẩu ")[1]);
    }

    /// <summary>A browser-like client: keeps cookies and sends the antiforgery token on every request.</summary>
    public async Task<StaffClient> ClientAsync(string? role = null)
    {
        var cookies = new CookieContainer();
        var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, UseCookies = true }) { BaseAddress = BaseAddress };
        var client = new StaffClient(this, http, cookies);
        await client.RefreshTokenAsync();
        if (role is not null)
        {
            var response = await client.Http.PostAsJsonAsync("/api/auth/login", new { userName = role, password = InitialPasswords()[role] });
            response.EnsureSuccessStatusCode();
            await client.RefreshTokenAsync();
        }
        return client;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var errors = Logs.Errors();
        if (!ErrorLogsExpected && errors.Count > 0)
            throw new Xunit.Sdk.XunitException("The server logged errors no test expected:\n" + string.Join("\n", errors.Take(10)));
    }
}

public sealed class StaffClient(MeetingHostFactory factory, HttpClient http, CookieContainer cookies) : IAsyncDisposable
{
    private readonly List<HubConnection> _connections = [];

    public HttpClient Http { get; } = http;

    public CookieContainer Cookies { get; } = cookies;

    public Uri BaseAddress => factory.BaseAddress;

    public async Task RefreshTokenAsync()
    {
        var session = await Http.GetFromJsonAsync<JsonElement>("/api/auth/session");
        Http.DefaultRequestHeaders.Remove("X-CSRF-TOKEN");
        Http.DefaultRequestHeaders.Add("X-CSRF-TOKEN", session.GetProperty("antiforgeryToken").GetString());
    }

    /// <summary>A hub connection with this client's cookies that records every snapshot it receives.</summary>
    public async Task<MeetingWatcher> WatchAsync(int meetingId)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(factory.BaseAddress, "/hub/meeting"), o => o.Cookies = Cookies)
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()))
            .Build();
        var watcher = new MeetingWatcher(connection, meetingId);
        await watcher.StartAsync();
        _connections.Add(connection);
        return watcher;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var c in _connections) await c.DisposeAsync();
        Http.Dispose();
    }
}

public sealed class MeetingWatcher(HubConnection connection, int meetingId)
{
    private readonly List<MeetingSnapshot> _received = [];
    private readonly Lock _gate = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public HubConnection Connection { get; } = connection;
    public MeetingSnapshot? Initial { get; private set; }

    public IReadOnlyList<MeetingSnapshot> Received
    {
        get { lock (_gate) return _received.ToList(); }
    }

    public async Task StartAsync()
    {
        Connection.On<MeetingSnapshot>("Snapshot", s =>
        {
            lock (_gate)
            {
                _received.Add(s);
                _changed.TrySetResult();
                _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        });
        await Connection.StartAsync();
        Initial = await Connection.InvokeAsync<MeetingSnapshot>("Join", meetingId);
    }

    /// <summary>Sends a command with a fresh command key, as the pages do.</summary>
    public Task<int> Invoke(string method, params object?[] args) =>
        Connection.InvokeCoreAsync<int>(method, [meetingId, Guid.NewGuid().ToString("N"), .. args]);

    /// <summary>Sends a command with the given key (a retry after a cut sends the same one).</summary>
    public Task<int> InvokeWithKey(string method, string key, params object?[] args) =>
        Connection.InvokeCoreAsync<int>(method, [meetingId, key, .. args]);

    /// <summary>Waits until a snapshot of at least this version arrives, failing after a timeout instead of hanging.</summary>
    public async Task<MeetingSnapshot> WaitForVersionAsync(int version, int timeoutMs = 5000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                var hit = _received.LastOrDefault(s => s.Version >= version);
                if (hit is not null) return hit;
                changed = _changed.Task;
            }
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || await Task.WhenAny(changed, Task.Delay(left)) != changed)
                throw new TimeoutException($"No snapshot of version {version} within {timeoutMs} ms; last was {Received.LastOrDefault()?.Version}.");
        }
    }
}
