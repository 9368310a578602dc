using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.SignalR.Client;

/// <summary>
/// A hall under steady load: N screens (half projectors following meeting 1, half phones following the hall) while
/// the chair sends commands at a fixed rate without waiting for the screens (open loop, as a chair's taps do not
/// wait for the projector). Each command is timed from the chair's send until the last connected screen has its
/// version. Errors counted: failed connects, failed commands, screens the server dropped, and commands some
/// screen never received within 5 s.
/// </summary>
static class SustainedLoad
{
    public sealed record Result(
        int Clients, int Connected, int ConnectFailures, int Dropped, int Commands, int CommandErrors, int Undelivered,
        double PingP99, double AckP50, double AckP99, double P50, double P95, double P99, double Max, double Cores, double BenchCores, long PeakRssKiB,
        double LoadedPingP50, double LoadedPingP99, double LoadedPingMax, double BenchStallMax, int BenchStalls, double BenchGcPauseMs, int BenchGen2,
        (int Count, int MaxMs, int TotalMs, int CollectorMs) ServerStalls, double BytesPerPush, double OtherCores, double StealCores)
    {
        public int Errors => ConnectFailures + Dropped + CommandErrors + Undelivered;
    }

    public static void PrintHeader()
    {
        Console.WriteLine("| screens | connected | commands | errors (connect / dropped / command / undelivered) | ping p99 (idle) | ping under load p50 / p99 / max | chair ack p50 / p99 | cmd→last screen p50 | p95 | p99 | max | p99 / ping p99 | CPU server / screens (cores) | server peak RSS | server stalls ≥ 250 ms: count / max / total / of which GC | screens' own stall max / >100 ms / GC pause total / gen2 | bytes per push | other processes / steal (cores) |");
        Console.WriteLine("|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    }

    public static void Print(Result r) =>
        Console.WriteLine($"| {r.Clients} | {r.Connected} | {r.Commands} | {r.Errors} ({r.ConnectFailures} / {r.Dropped} / {r.CommandErrors} / {r.Undelivered}) | {r.PingP99:F1} ms | {r.LoadedPingP50:F1} / {r.LoadedPingP99:F1} / {r.LoadedPingMax:F0} ms | {r.AckP50:F1} / {r.AckP99:F1} ms | {r.P50:F1} ms | {r.P95:F1} ms | {r.P99:F1} ms | {r.Max:F1} ms | {r.P99 / Math.Max(r.PingP99, 0.01):F1}× | {r.Cores:F2} / {r.BenchCores:F2} | {r.PeakRssKiB / 1024} MiB | {r.ServerStalls.Count} / {r.ServerStalls.MaxMs} / {r.ServerStalls.TotalMs} / {r.ServerStalls.CollectorMs} ms | {r.BenchStallMax:F0} ms / {r.BenchStalls} / {r.BenchGcPauseMs:F0} ms / {r.BenchGen2} | {r.BytesPerPush:F0} | {r.OtherCores:F2} / {r.StealCores:F2} |");

    public static async Task<Result> RunAsync(Uri baseUri, HubConnection chair, int serverPid, int clients, double commandsPerSecond, TimeSpan duration, bool wholeSnapshots)
    {
        var clock = Stopwatch.StartNew();
        var versions = new ConcurrentDictionary<int, VersionSeen>();
        var screens = new List<Screen>();
        var connectFailures = 0;
        for (var i = 0; i < clients; i += 50)
        {
            var batch = await Task.WhenAll(Enumerable.Range(i, Math.Min(50, clients - i)).Select(async index =>
            {
                var connection = new RawScreen();
                var screen = new Screen(connection, versions, clock);
                connection.OnSnapshot = screen.Saw;
                connection.OnClosed = () => screen.Dropped = true;
                try
                {
                    // Projectors follow a meeting; phones follow the hall (whatever meeting is on screen). Like the pages,
                    // they take only what changed after joining, unless the run compares with whole snapshots.
                    var hubUri = new Uri(baseUri, wholeSnapshots ? "/hub/meeting" : "/hub/meeting?changes=1");
                    var initial = index % 2 == 0
                        ? await connection.ConnectAsync(hubUri, "Join", "1")
                        : await connection.ConnectAsync(hubUri, "JoinHall", "");
                    screen.Start(initial);
                    return screen;
                }
                catch (Exception)
                {
                    Interlocked.Increment(ref connectFailures);
                    await connection.DisposeAsync();
                    return null;
                }
            }));
            screens.AddRange(batch.OfType<Screen>());
        }

        // Baseline in the same run: a plain hub round trip with every screen connected and idle.
        var ping = new List<double>();
        for (var i = 0; i < 100; i++)
        {
            var sw = Stopwatch.StartNew();
            await chair.InvokeAsync<long>("Now");
            ping.Add(sw.Elapsed.TotalMilliseconds);
        }

        // The server's responsiveness under load, apart from the meeting's path: a hub call that touches neither the
        // meeting's gate nor the database, every 100 ms. An acknowledgement much slower than this waited on the commit.
        var loadedPing = new ConcurrentBag<double>();
        using var stopPinging = new CancellationTokenSource();
        var pinger = Task.Run(async () =>
        {
            while (!stopPinging.IsCancellationRequested)
            {
                var sw = Stopwatch.StartNew();
                try { await chair.InvokeAsync<long>("Now"); loadedPing.Add(sw.Elapsed.TotalMilliseconds); }
                catch (Exception) { }
                try { await Task.Delay(100, stopPinging.Token); } catch (OperationCanceledException) { }
            }
        });
        using var probe = new StallProbe();
        ServerStalls.Take();
        var cpuBefore = Bench.CpuSeconds(serverPid);
        var pushedBefore = RawScreen.Pushed;
        var benchCpuBefore = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
        var machineBefore = MachineCpu.Now();
        var wall = Stopwatch.StartNew();
        var sent = new ConcurrentBag<(long SentTicks, int Version, double AckMs)>();
        var commandErrors = 0;
        var inFlight = new List<Task>();
        using (var timer = new PeriodicTimer(TimeSpan.FromSeconds(1 / commandsPerSecond)))
        {
            while (wall.Elapsed < duration && await timer.WaitForNextTickAsync())
            {
                var at = clock.ElapsedTicks;
                inFlight.Add(Task.Run(async () =>
                {
                    try
                    {
                        // A one-second extension is valid in any order, so commands that overtake each other on the
                        // way (they are sent without waiting) are never refused as a pause of a paused clock would be.
                        var version = await chair.InvokeAsync<int>("ExtendTime", 1, Guid.NewGuid().ToString("N"), 1);
                        sent.Add((at, version, Stopwatch.GetElapsedTime(at, clock.ElapsedTicks).TotalMilliseconds));
                    }
                    catch (Exception e)
                    {
                        if (Interlocked.Increment(ref commandErrors) <= 3) Console.Error.WriteLine($"command failed: {e.GetType().Name}: {e.Message}");
                    }
                }));
            }
        }
        await Task.WhenAll(inFlight);
        await stopPinging.CancelAsync();
        await pinger;
        var cores = (Bench.CpuSeconds(serverPid) - cpuBefore) / wall.Elapsed.TotalSeconds;
        var benchCores = (Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds - benchCpuBefore) / wall.Elapsed.TotalSeconds;
        var machine = MachineCpu.Now();
        var otherCores = Math.Max(0, (machine.BusySeconds - machineBefore.BusySeconds) / wall.Elapsed.TotalSeconds - cores - benchCores);
        var stealCores = (machine.StealSeconds - machineBefore.StealSeconds) / wall.Elapsed.TotalSeconds;

        // Stragglers get five seconds; after that a command some connected screen lacks is undelivered.
        var alive = screens.Where(s => !s.Dropped).ToList();
        var latest = sent.IsEmpty ? 0 : sent.Max(s => s.Version);
        var grace = Stopwatch.StartNew();
        while (grace.Elapsed < TimeSpan.FromSeconds(5) && alive.Any(s => !s.Dropped && s.Version < latest)) await Task.Delay(50);
        alive = screens.Where(s => !s.Dropped).ToList();

        var latencies = new List<double>();
        var undelivered = 0;
        foreach (var (at, version, _) in sent)
        {
            if (versions.TryGetValue(version, out var seen) && seen.Count >= alive.Count)
                latencies.Add(Stopwatch.GetElapsedTime(at, seen.LastTicks).TotalMilliseconds);
            else undelivered++;
        }
        var (_, peak) = Bench.Memory(serverPid);
        var pushed = RawScreen.Pushed;
        var bytesPerPush = (pushed.Bytes - pushedBefore.Bytes) / (double)Math.Max(1, pushed.Pushes - pushedBefore.Pushes);
        var acks = sent.Select(s => s.AckMs).ToList();
        var result = new Result(clients, screens.Count, connectFailures, screens.Count - alive.Count, sent.Count + commandErrors, commandErrors,
            undelivered, Bench.P(ping, 99), Bench.P(acks, 50), Bench.P(acks, 99),
            Bench.P(latencies, 50), Bench.P(latencies, 95), Bench.P(latencies, 99), latencies.Count == 0 ? double.NaN : latencies.Max(), cores, benchCores, peak,
            Bench.P([.. loadedPing], 50), Bench.P([.. loadedPing], 99), loadedPing.IsEmpty ? double.NaN : loadedPing.Max(),
            probe.MaxStallMs, probe.StallsOver100Ms, probe.GcPauseMs, probe.Gen2Collections, ServerStalls.Take(), bytesPerPush, otherCores, stealCores);
        await Task.WhenAll(screens.Select(s => s.Connection.DisposeAsync().AsTask()));
        return result;
    }

    /// <summary>How many screens have a version, and when the last of them got it.</summary>
    private sealed class VersionSeen
    {
        public int Count;
        public long LastTicks;
    }

    private sealed class Screen(RawScreen connection, ConcurrentDictionary<int, VersionSeen> versions, Stopwatch clock)
    {
        private readonly Lock _gate = new();
        private int _version = int.MaxValue;

        public RawScreen Connection { get; } = connection;
        public volatile bool Dropped;
        public int Version => _version == int.MaxValue ? -1 : _version;

        public void Start(int version)
        {
            lock (_gate) if (_version == int.MaxValue) _version = version;
        }

        /// <summary>A screen that has version v has every version before it (a snapshot carries the whole state).</summary>
        public void Saw(int version)
        {
            var now = clock.ElapsedTicks;
            lock (_gate)
            {
                if (_version == int.MaxValue || version <= _version) return;
                for (var v = _version + 1; v <= version; v++)
                {
                    var seen = versions.GetOrAdd(v, _ => new VersionSeen());
                    lock (seen)
                    {
                        seen.Count++;
                        seen.LastTicks = Math.Max(seen.LastTicks, now);
                    }
                }
                _version = version;
            }
        }
    }
}
