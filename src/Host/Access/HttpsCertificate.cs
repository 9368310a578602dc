using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MeetingAssist.Host.Access;

/// <summary>Settings under <c>MeetingAssist:Https</c>.</summary>
public sealed class HttpsOptions
{
    /// <summary>Also serve HTTPS (browsers allow the sound desk's microphone from another machine only over HTTPS).</summary>
    public bool Enabled { get; set; }

    public int Port { get; set; } = 5443;
}

/// <summary>
/// A self-signed certificate made on the first HTTPS start and kept in the data folder, so a hall needs no
/// certificate authority and every browser sees the same certificate after a restart (each accepts it once).
/// It names localhost, the machine and the LAN addresses it has when it is made; delete <c>https/</c> in the data
/// folder to make a new one after the server's address changes.
/// </summary>
public static class HttpsCertificate
{
    public static string PathIn(string dataFolder) => Path.Combine(dataFolder, "https", "certificate.pfx");

    public static X509Certificate2 LoadOrCreate(string dataFolder)
    {
        var path = PathIn(dataFolder);
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using var certificate = Create();
            File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx));
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return X509CertificateLoader.LoadPkcs12FromFile(path, null);
    }

    private static X509Certificate2 Create()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=MeetingAssist", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        if (Uri.CheckHostName(Environment.MachineName) == UriHostNameType.Dns) names.AddDnsName(Environment.MachineName);
        names.AddIpAddress(IPAddress.Loopback);
        foreach (var address in LanAddresses()) names.AddIpAddress(address);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var now = DateTimeOffset.UtcNow;
        // 825 days: the longest validity browsers accept for a server certificate.
        return request.CreateSelfSigned(now.AddDays(-1), now.AddDays(825));
    }

    private static IEnumerable<IPAddress> LanAddresses() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .Where(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
            .Distinct();
}
