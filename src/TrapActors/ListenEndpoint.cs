using System.Globalization;
using System.Net;

namespace TrapActors;

/// <summary>
/// An endpoint to bind, written TRANSPORT:HOST[:PORT] ("udp:0.0.0.0:162", "udp:[::1]:0", "dtls:0.0.0.0:10162"); without
/// a port, the transport's standard one (udp 162, dtls 10162). trap-actors.listener.endpoints holds a list of them.
/// </summary>
/// <param name="Transport">"udp", or "dtls" for SNMP over DTLS (RFC 6353).</param>
/// <param name="Address">The local address; 0.0.0.0 or :: for every interface.</param>
/// <param name="Port">The local port; 0 for an ephemeral one (see <see cref="GetBoundEndpoints"/>).</param>
public sealed record ListenEndpoint(string Transport, IPAddress Address, int Port)
{
    /// <summary>The transports known: "udp" and "dtls".</summary>
    public static readonly IReadOnlySet<string> Transports = new HashSet<string>(StringComparer.Ordinal) { "udp", "dtls" };

    /// <summary>The port used when none is written: 162 for SNMP notifications (RFC 3417), 10162 for them over DTLS (RFC 6353).</summary>
    public static int DefaultPort(string transport) => transport == "dtls" ? 10162 : 162;

    /// <summary>The address and port as an <see cref="IPEndPoint"/>.</summary>
    public IPEndPoint EndPoint => new(Address, Port);

    /// <summary>Parses TRANSPORT:HOST[:PORT]; IPv6 hosts go in brackets ("udp:[::]:162").</summary>
    /// <exception cref="FormatException"><paramref name="text"/> is not a valid endpoint; the message says why.</exception>
    public static ListenEndpoint Parse(string text) =>
        TryParse(text, out var endpoint, out var error) ? endpoint : throw new FormatException(error);

    /// <summary>Parses TRANSPORT:HOST[:PORT] like <see cref="Parse"/>; false with the reason in <paramref name="error"/> instead of an exception.</summary>
    public static bool TryParse(string? text, out ListenEndpoint endpoint, out string error)
    {
        endpoint = null!;
        var value = text?.Trim() ?? "";
        var colon = value.IndexOf(':');
        if (colon <= 0)
            return Fail(out error, value, "expected TRANSPORT:HOST:PORT, e.g. udp:0.0.0.0:162 or udp:[::1]:162");
        var transport = value[..colon].ToLowerInvariant();
        if (!Transports.Contains(transport))
            return Fail(out error, value, $"unknown transport '{transport}' (supported: {string.Join(", ", Transports)})");

        var rest = value[(colon + 1)..];
        string host;
        string port;
        if (rest.StartsWith('['))
        {
            var close = rest.IndexOf(']');
            if (close < 0 || (close + 1 < rest.Length && rest[close + 1] != ':') || close + 2 == rest.Length)
                return Fail(out error, value, "an IPv6 address is written in brackets, then :PORT if any, e.g. udp:[::1]:162");
            host = rest[1..close];
            port = close + 1 == rest.Length ? "" : rest[(close + 2)..];
        }
        else
        {
            var last = rest.LastIndexOf(':');
            host = last < 0 ? rest : rest[..last];
            port = last < 0 ? "" : rest[(last + 1)..];
            if (host.Contains(':'))
                return Fail(out error, value, "write IPv6 addresses in brackets, e.g. udp:[::1]:162");
            if (last >= 0 && port.Length == 0)
                return Fail(out error, value, "missing the port after ':'");
        }

        if (!IPAddress.TryParse(host, out var address))
            return Fail(out error, value, $"'{host}' is not an IP address");
        if (port.Length == 0)
            port = DefaultPort(transport).ToString(CultureInfo.InvariantCulture);
        if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var portNumber) || portNumber > 65535)
            return Fail(out error, value, $"'{port}' is not a port number (0..65535)");
        endpoint = new ListenEndpoint(transport, address, portNumber);
        error = "";
        return true;
    }

    private static bool Fail(out string error, string text, string why)
    {
        error = $"invalid endpoint '{text}': {why}";
        return false;
    }

    /// <summary>The TRANSPORT:HOST:PORT form, IPv6 hosts in brackets; <see cref="Parse"/> reads it back.</summary>
    public override string ToString() =>
        Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
            ? $"{Transport}:[{Address}]:{Port}"
            : $"{Transport}:{Address}:{Port}";
}
