using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;

namespace MeetingAssist.BrowserTests;

/// <summary>
/// The real server, started from the Host's build output with its own data folder and port, so each test
/// sees exactly what a hall would run and can kill and restart it like a power cut.
/// </summary>
public sealed partial class ServerProcess : IAsyncDisposable
{
    private readonly Dictionary<string, string> _environment;
    private readonly StringBuilder _output = new();
    private Process? _process;

    private ServerProcess(string dataFolder, int port, Dictionary<string, string> environment)
    {
        DataFolder = dataFolder;
        Port = port;
        _environment = environment;
    }

    public string DataFolder { get; }
    public int Port { get; }
    public string BaseUrl => $"http://127.0.0.1:{Port}";
    public IReadOnlyDictionary<string, string> Passwords { get; private set; } = new Dictionary<string, string>();

    /// <summary>What the server printed, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output) return _output.ToString();
        }
    }

    public static async Task<ServerProcess> StartAsync(IDictionary<string, string>? settings = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "meetingassist-browser-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(folder);
        var environment = new Dictionary<string, string>
        {
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Warning",
            // Every test posts from the same loopback address: the per-address phone limit must not get in the way.
            ["MeetingAssist__Access__PhoneRequestsPerWindow"] = "1000",
            ["MeetingAssist__PublicUrl"] = "",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) environment[key] = value;
        var server = new ServerProcess(folder, FreePort(), environment);
        await server.StartAgainAsync();
        server.Passwords = ReadCredentials(Path.Combine(folder, "initial-credentials.txt"));
        return server;
    }

    /// <summary>Starts the process (again) on the same port and data folder and waits until it answers.</summary>
    public async Task StartAgainAsync()
    {
        var dll = HostDll();
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add(BaseUrl);
        info.ArgumentList.Add("--MeetingAssist:Data:Folder=" + DataFolder);
        foreach (var (key, value) in _environment) info.Environment[key] = value;

        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the server process.");
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"The server exited with code {process.ExitCode}:\n{Output}");
            try
            {
                using var response = await http.GetAsync(BaseUrl + "/api/auth/session");
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"The server did not answer within 60 s:\n{Output}");
    }

    /// <summary>Kills the process without warning, like a power cut.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false } p)
        {
            p.Kill(entireProcessTree: true);
            p.WaitForExit(10_000);
        }
        _process?.Dispose();
        _process = null;
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        try
        {
            Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open only leaves a temp folder behind.
        }
        return ValueTask.CompletedTask;
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static Dictionary<string, string> ReadCredentials(string path)
    {
        var passwords = new Dictionary<string, string>();
        foreach (var line in File.ReadAllLines(path))
            if (CredentialLine().Match(line) is { Success: true } m)
                passwords[m.Groups[1].Value] = m.Groups[2].Value;
        return passwords;
    }

    [GeneratedRegex(@"tên đăng nhập (\S+), mật khẩu (\S+)")]
    private static partial Regex CredentialLine();

    /// <summary>The Host built alongside these tests, in the same configuration.</summary>
    private static string HostDll()
    {
        var configuration = typeof(ServerProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "MeetingAssist.sln"))) dir = dir.Parent;
        if (dir is null) throw new InvalidOperationException("MeetingAssist.sln not found above " + AppContext.BaseDirectory);
        var dll = Path.Combine(dir.FullName, "src", "Host", "bin", configuration, "net10.0", "MeetingAssist.Host.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build src/Host first.", dll);
    }
}
