using System.Net;
using System.Net.Sockets;

/// <summary>
/// What every benchmark that runs the real server needs: a free port, the built server, waiting until it answers,
/// and the figures read from its process and from the samples. Compiled into each benchmark (see its project file).
/// </summary>
static class Bench
{
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The Release build of the server in this checkout.</summary>
    public static string DefaultHostDll()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "MeetingAssist.sln"))) dir = dir.Parent;
        return Path.Combine(dir?.FullName ?? ".", "src", "Host", "bin", "Release", "net10.0", "MeetingAssist.Host.dll");
    }

    public static async Task WaitForServer(Uri baseUri)
    {
        using var http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(2) };
        for (var i = 0; i < 300; i++)
        {
            try { if ((await http.GetAsync("/api/meetings/current")).IsSuccessStatusCode) return; }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(200);
        }
        throw new TimeoutException("Server did not start.");
    }

    public static double CpuSeconds(int pid)
    {
        var fields = File.ReadAllText($"/proc/{pid}/stat").Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // utime and stime are fields 14 and 15 of /proc/PID/stat (11 and 12 after the command name).
        return (long.Parse(fields[11]) + long.Parse(fields[12])) / 100.0;
    }

    public static (long RssKiB, long PeakKiB) Memory(int pid)
    {
        var lines = File.ReadAllLines($"/proc/{pid}/status");
        long Read(string key) => long.Parse(lines.First(l => l.StartsWith(key, StringComparison.Ordinal)).Split(':')[1].Trim().Split(' ')[0]);
        return (Read("VmRSS"), Read("VmHWM"));
    }

    /// <summary>The nearest-rank percentile; NaN when there is nothing to rank.</summary>
    public static double P(List<double> values, double percentile)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.Order().ToList();
        var index = (int)Math.Ceiling(percentile / 100 * sorted.Count) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Count - 1)];
    }
}
