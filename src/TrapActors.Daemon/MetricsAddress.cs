using System.Globalization;
using System.Net;

namespace TrapActors.Daemon;

/// <summary>Where --metrics serves /metrics and /healthz: an IP address and a TCP port (0: a free port, printed at start).</summary>
/// <param name="Address">IPv4 or IPv6; 0.0.0.0 or [::] for every interface.</param>
/// <param name="Port">0..65535.</param>
public sealed record MetricsAddress(IPAddress Address, int Port)
{
    /// <summary>"127.0.0.1:9464", "[::1]:9464", "localhost:9464" (loopback); one-line reason otherwise.</summary>
    public static bool TryParse(string text, out MetricsAddress value, out string error)
    {
        value = new MetricsAddress(IPAddress.Loopback, 0);
        var colon = text.LastIndexOf(':');
        var host = colon > 0 ? text[..colon] : "";
        if (host.StartsWith('[') && host.EndsWith(']'))
            host = host[1..^1];
        else if (host.Contains(':'))
            host = "";   // an IPv6 address needs brackets: [::1]:9464
        IPAddress? address = host == "localhost" ? IPAddress.Loopback : IPAddress.TryParse(host, out var parsed) ? parsed : null;
        if (colon <= 0 || address is null
            || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            error = $"--metrics: '{text}' is not HOST:PORT (an IP address, [IPv6] or localhost, and a port 0..65535)";
            return false;
        }
        value = new MetricsAddress(address, port);
        error = "";
        return true;
    }

    /// <summary>The URL host: 127.0.0.1, [::1].</summary>
    public string UrlHost => Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{Address}]" : Address.ToString();

    /// <inheritdoc/>
    public override string ToString() => $"{UrlHost}:{Port.ToString(CultureInfo.InvariantCulture)}";
}
