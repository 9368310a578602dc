using static Bench;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

// Command-to-projector latency: one chair issues commands while N projector connections watch.
// The server runs as its own process (started here on loopback); all clients live in this process.
// Usage: dotnet run -c Release --project bench/MeetingAssist.LoadBench -- [--clients 50,200,500] [--commands 200] [--host PATH.dll]
//   closed loop (default): the chair waits for every screen before the next command.
//   --sustained --clients 1000 --rate 10 --seconds 300: open loop at a fixed rate for a while (see SustainedLoad).
//   --ramp 1000,2000,3000 --rate 10 --seconds 30: sustained steps of growing size until one has errors or p99 > 1 s.
//   --whole-snapshots: screens receive every snapshot whole (as before changes-only pushes), for comparison.
//   --server-env NAME=VALUE[,NAME=VALUE]: environment of the server process (e.g. DOTNET_gcServer=0), to compare settings.

var clientCounts = Arg("--clients", "50,200,500").Split(',').Select(int.Parse).ToArray();
var commands = int.Parse(Arg("--commands", "200"));
var hostDll = Arg("--host", DefaultHostDll());
var dataFolder = Directory.CreateTempSubdirectory("meetingassist-bench-").FullName;
var port = FreePort();
var baseUri = new Uri($"http://127.0.0.1:{port}");

Console.WriteLine($"# MeetingAssist load benchmark — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
Console.WriteLine($"server: {hostDll}");
var serverStart = new ProcessStartInfo("dotnet", [hostDll, "--urls", baseUri.ToString().TrimEnd('/'),
    $"--MeetingAssist:Data:Folder={dataFolder}", "--Logging:LogLevel:Default=Warning"])
{
    RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(hostDll)!,
};
foreach (var setting in Arg("--server-env", "").Split(',', StringSplitOptions.RemoveEmptyEntries))
{
    var (name, value) = (setting.Split('=', 2)[0], setting.Split('=', 2).ElementAtOrDefault(1) ?? "");
    serverStart.Environment[name] = value;
    Console.WriteLine($"server environment: {name}={value}");
}
using var server = Process.Start(serverStart)!;
server.OutputDataReceived += (_, e) => ServerStalls.Read(e.Data);
server.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine("server: " + e.Data); };
server.BeginOutputReadLine();
server.BeginErrorReadLine();
try
{
    await WaitForServer(baseUri);
    var (chair, cookies) = await ConnectChair(baseUri, dataFolder);
    await chair.InvokeAsync<JsonElement>("Join", 1);
    await chair.InvokeAsync<int>("StartMeeting", 1, Guid.NewGuid().ToString("N"));
    await chair.InvokeAsync<int>("GiveFloor", 1, Guid.NewGuid().ToString("N"), (int?)null);

    if (args.Contains("--sustained") || args.Contains("--ramp"))
    {
        // A thousand connections' callbacks must not wait for the thread pool to grow one thread at a time.
        ThreadPool.SetMinThreads(64, 64);
        var rate = double.Parse(Arg("--rate", "10"), System.Globalization.CultureInfo.InvariantCulture);
        var seconds = int.Parse(Arg("--seconds", "300"));
        var steps = args.Contains("--ramp") ? Arg("--ramp", "1000,2000,3000").Split(',').Select(int.Parse).ToArray() : clientCounts;
        Console.WriteLine();
        Console.WriteLine($"Chair at {rate} commands/s for {seconds} s per step (open loop); screens half projectors, half phones, " +
            (args.Contains("--whole-snapshots") ? "each push a whole snapshot." : "each push only what changed (as the pages take them)."));
        Console.WriteLine();
        SustainedLoad.PrintHeader();
        foreach (var n in steps)
        {
            var result = await SustainedLoad.RunAsync(baseUri, chair, server.Id, n, rate, TimeSpan.FromSeconds(seconds), args.Contains("--whole-snapshots"));
            SustainedLoad.Print(result);
            if (args.Contains("--ramp") && (result.Errors > 0 || result.P99 > 1000 || double.IsNaN(result.P99)))
            {
                Console.WriteLine();
                Console.WriteLine($"Stopped at {n} screens: {(result.Errors > 0 ? $"{result.Errors} errors" : $"p99 {result.P99:F0} ms over 1 s")}.");
                break;
            }
        }
        await chair.DisposeAsync();
        return;
    }

    Console.WriteLine();
    Console.WriteLine("| projector clients | commands | ping p50 | ping p99 | chair ack p50 (stored) | cmd→last client p50 | p95 | p99 | max | p99 / ping p99 | server CPU (cores) | server RSS | server peak RSS |");
    Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    var paused = false;
    foreach (var n in clientCounts)
    {
        var projectors = await ConnectProjectors(baseUri, n);
        // Warm up the path before measuring.
        for (var i = 0; i < 10; i++) { paused = await Toggle(chair, paused, projectors, [], Stopwatch.StartNew()); }

        var ping = new List<double>();
        for (var i = 0; i < commands; i++)
        {
            var sw = Stopwatch.StartNew();
            await chair.InvokeAsync<long>("Now");
            ping.Add(sw.Elapsed.TotalMilliseconds);
        }

        var cpuBefore = Bench.CpuSeconds(server.Id);
        var wall = Stopwatch.StartNew();
        var latencies = new List<double>();
        var acks = new List<double>();
        for (var i = 0; i < commands; i++)
        {
            var sw = Stopwatch.StartNew();
            paused = await Toggle(chair, paused, projectors, acks, sw);
            latencies.Add(sw.Elapsed.TotalMilliseconds);
        }
        var cores = (Bench.CpuSeconds(server.Id) - cpuBefore) / wall.Elapsed.TotalSeconds;
        var (rss, peak) = Bench.Memory(server.Id);
        Console.WriteLine($"| {n} | {commands} | {Bench.P(ping, 50):F2} ms | {Bench.P(ping, 99):F2} ms | {Bench.P(acks, 50):F1} ms | {Bench.P(latencies, 50):F1} ms | {Bench.P(latencies, 95):F1} ms | {Bench.P(latencies, 99):F1} ms | {latencies.Max():F1} ms | {Bench.P(latencies, 99) / Bench.P(ping, 99):F1}× | {cores:F2} | {rss / 1024} MiB | {peak / 1024} MiB |");
        await Task.WhenAll(projectors.Select(p => p.Connection.DisposeAsync().AsTask()));
    }
    await chair.DisposeAsync();
}
finally
{
    server.Kill(entireProcessTree: true);
    server.WaitForExit();
    try { Directory.Delete(dataFolder, true); } catch (IOException) { }
}

// One timed command: from invoke until the last projector has the new version.
static async Task<bool> Toggle(HubConnection chair, bool paused, List<Projector> projectors, List<double> acks, Stopwatch sw)
{
    var version = await chair.InvokeAsync<int>(paused ? "ResumeTimer" : "PauseTimer", 1, Guid.NewGuid().ToString("N"));
    acks.Add(sw.Elapsed.TotalMilliseconds);
    await Task.WhenAll(projectors.Select(p => p.WaitFor(version)));
    return !paused;
}

static async Task<List<Projector>> ConnectProjectors(Uri baseUri, int n)
{
    var list = new List<Projector>();
    for (var i = 0; i < n; i += 25)
    {
        var batch = Enumerable.Range(0, Math.Min(25, n - i)).Select(async _ =>
        {
            var connection = new HubConnectionBuilder().WithUrl(new Uri(baseUri, "/hub/meeting")).Build();
            var projector = new Projector(connection);
            connection.On<JsonElement>("Snapshot", s => projector.Saw(s.GetProperty("version").GetInt32()));
            await connection.StartAsync();
            var initial = await connection.InvokeAsync<JsonElement>("Join", 1);
            projector.Saw(initial.GetProperty("version").GetInt32());
            return projector;
        });
        list.AddRange(await Task.WhenAll(batch));
    }
    return list;
}

static async Task<(HubConnection, CookieContainer)> ConnectChair(Uri baseUri, string dataFolder)
{
    var cookies = new CookieContainer();
    using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = baseUri };
    var session = await http.GetFromJsonAsync<JsonElement>("/api/auth/session");
    http.DefaultRequestHeaders.Add("X-CSRF-TOKEN", session.GetProperty("antiforgeryToken").GetString());
    var password = File.ReadAllLines(Path.Combine(dataFolder, "initial-credentials.txt"))
        .Single(l => l.Contains("tên đăng nhập chair,")).Split("mật khẩu ")[1];
    (await http.PostAsJsonAsync("/api/auth/login", new { userName = "chair", password })).EnsureSuccessStatusCode();
    var chair = new HubConnectionBuilder().WithUrl(new Uri(baseUri, "/hub/meeting"), o => o.Cookies = cookies).Build();
    await chair.StartAsync();
    return (chair, cookies);
}

string Arg(string name, string fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}

sealed class Projector(HubConnection connection)
{
    private readonly Lock _gate = new();
    private int _version;
    private readonly List<(int Version, TaskCompletionSource Done)> _waiters = [];

    public HubConnection Connection { get; } = connection;

    public void Saw(int version)
    {
        lock (_gate)
        {
            _version = Math.Max(_version, version);
            foreach (var w in _waiters.Where(w => w.Version <= _version).ToList())
            {
                w.Done.TrySetResult();
                _waiters.Remove(w);
            }
        }
    }

    public Task WaitFor(int version)
    {
        lock (_gate)
        {
            if (_version >= version) return Task.CompletedTask;
            var tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((version, tcs));
            return tcs.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
    }
}
