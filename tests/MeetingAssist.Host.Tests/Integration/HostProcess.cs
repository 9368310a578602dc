using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace MeetingAssist.Host.Tests.Integration;

/// <summary>The built server as a separate OS process, so a test can kill it without warning as a power cut would.</summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly IReadOnlyList<string> _extraArguments;
    private Process? _process;

    public HostProcess(string dataFolder, int? port = null, IReadOnlyList<string>? extraArguments = null)
    {
        DataFolder = dataFolder;
        Port = port ?? FreePort();
        _extraArguments = extraArguments ?? [];
    }

    public string DataFolder { get; }
    public int Port { get; }
    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    public static string HostDll
    {
        get
        {
            var testDir = AppContext.BaseDirectory;
            var configuration = testDir.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
            var dir = new DirectoryInfo(testDir);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "MeetingAssist.sln"))) dir = dir.Parent;
            if (dir is null) throw new InvalidOperationException("Repository root (MeetingAssist.sln) not found above " + testDir);
            return Path.Combine(dir.FullName, "src", "Host", "bin", configuration, "net10.0", "MeetingAssist.Host.dll");
        }
    }

    public async Task StartAsync()
    {
        var info = new ProcessStartInfo("dotnet", [HostDll, "--urls", BaseAddress.ToString().TrimEnd('/'), $"--MeetingAssist:Data:Folder={DataFolder}", .. _extraArguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(HostDll)!,
        };
        _process = Process.Start(info)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"Server exited with code {_process.ExitCode}.");
            try
            {
                if ((await http.GetAsync("/api/meetings/current")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(200);
        }
        throw new TimeoutException("Server did not start within 60 s.");
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing — only what was durably committed survives.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false }) _process.Kill(entireProcessTree: true);
        _process?.WaitForExit(10_000);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process?.Dispose();
        return ValueTask.CompletedTask;
    }
}
