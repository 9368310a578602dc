using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace MeetingAssist.Host.Meetings;

public sealed class PublicAddressOptions
{
    /// <summary>The address phones in the hall use, e.g. http://192.168.1.10:5080. Empty: found from the network cards.</summary>
    public string? PublicUrl { get; set; }
}

/// <summary>The base address printed in the QR code: phones must reach the server's LAN address, never localhost.</summary>
public sealed class PublicAddress(IServer server, Microsoft.Extensions.Options.IOptions<PublicAddressOptions> options)
{
    /// <summary>The address to use on the server machine itself.</summary>
    public string LocalUrl()
    {
        var uri = ListeningUri();
        return $"{uri.Scheme}://localhost:{uri.Port}";
    }

    public string BaseUrl()
    {
        if (!string.IsNullOrWhiteSpace(options.Value.PublicUrl)) return options.Value.PublicUrl.TrimEnd('/');
        var uri = ListeningUri();
        var host = uri.Host is "localhost" or "127.0.0.1" or "[::1]" ? LanAddress() ?? uri.Host : uri.Host;
        return $"{uri.Scheme}://{host}:{uri.Port}";
    }

    private Uri ListeningUri()
    {
        var listening = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost:5080";
        return new Uri(listening.Replace("://+", "://localhost").Replace("://*", "://localhost")
            .Replace("://0.0.0.0", "://localhost").Replace("://[::]", "://localhost"));
    }

    private static string? LanAddress() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .Where(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
            .Select(a => a.ToString())
            .FirstOrDefault();
}
