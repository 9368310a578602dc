using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;

namespace MeetingAssist.Host.Tests.Integration;

/// <summary>Optional HTTPS: a certificate made on first start, kept for the next, and Secure cookies over it.</summary>
public class HttpsTests
{
    private static async Task<Process> StartAsync(string data, int httpPort, int httpsPort)
    {
        var info = new ProcessStartInfo("dotnet", [HostProcess.HostDll, "--urls", $"http://127.0.0.1:{httpPort}", $"--MeetingAssist:Data:Folder={data}",
            "--MeetingAssist:Https:Enabled=true", $"--MeetingAssist:Https:Port={httpsPort}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(HostProcess.HostDll)!,
        };
        var process = Process.Start(info)!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(process.HasExited, $"server exited with {(process.HasExited ? process.ExitCode : 0)}");
            try
            {
                if ((await http.GetAsync($"http://127.0.0.1:{httpPort}/api/meetings/current")).IsSuccessStatusCode) return process;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException) { }
            await Task.Delay(200);
        }
        throw new TimeoutException("server did not start");
    }

    [Fact]
    public async Task Https_ServesWithACertificateMadeOnFirstStart_KeptAcrossRestarts_AndSecureCookies()
    {
        var data = MeetingHostFactory.NewDataFolder();
        var (httpPort, httpsPort) = (HostProcess.FreePort(), HostProcess.FreePort());
        X509Certificate2? seen = null;
        HttpClient Client() => new(new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
            {
                seen = certificate is null ? null : X509CertificateLoader.LoadCertificate(certificate.RawData);
                return true;
            },
            UseCookies = false,
        }) { BaseAddress = new Uri($"https://127.0.0.1:{httpsPort}") };

        string firstThumbprint;
        var server = await StartAsync(data, httpPort, httpsPort);
        try
        {
            using var https = Client();
            var session = await https.GetAsync("/api/auth/session");
            Assert.Equal(HttpStatusCode.OK, session.StatusCode);
            Assert.NotNull(seen);
            var names = seen!.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
            Assert.Contains("localhost", names.EnumerateDnsNames());
            Assert.Contains(IPAddress.Loopback, names.EnumerateIPAddresses());
            firstThumbprint = seen.Thumbprint;
            Assert.True(File.Exists(Path.Combine(data, "https", "certificate.pfx")));

            // Over HTTPS the login cookie is Secure.
            var antiforgeryCookie = session.Headers.GetValues("Set-Cookie").First().Split(';')[0];
            var token = (await session.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("antiforgeryToken").GetString();
            var passwords = File.ReadAllLines(Path.Combine(data, "initial-credentials.txt")).Skip(1)
                .Select(l => l.Split(", ")).ToDictionary(p => p[0].Split("tên đăng nhập ")[1], p => p[1].Split("mật khẩu ")[1]);
            using var login = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login") { Content = JsonContent.Create(new { userName = "chair", password = passwords["chair"] }) };
            login.Headers.Add("X-CSRF-TOKEN", token);
            login.Headers.Add("Cookie", antiforgeryCookie);
            var loggedIn = await https.SendAsync(login);
            Assert.Equal(HttpStatusCode.OK, loggedIn.StatusCode);
            var authCookie = loggedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("MeetingAssist.Auth=", StringComparison.Ordinal));
            Assert.Contains("secure", authCookie, StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }

        server = await StartAsync(data, httpPort, httpsPort);
        try
        {
            using var https = Client();
            Assert.Equal(HttpStatusCode.OK, (await https.GetAsync("/api/auth/session")).StatusCode);
            Assert.Equal(firstThumbprint, seen!.Thumbprint);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }
}
