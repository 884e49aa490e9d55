using System.Net;

namespace TrapActors.Transport;

/// <summary>A source endpoint, with IPv4-mapped IPv6 addresses folded to IPv4 so one peer never gets two sessions.</summary>
internal readonly record struct PeerKey(IPAddress Address, int Port)
{
    public static PeerKey From(IPEndPoint endPoint) => new(TrapFilter.Normalize(endPoint.Address), endPoint.Port);

    public IPEndPoint ToEndPoint() => new(Address, Port);

    /// <summary>A legal actor name: peer-{ip}-{port}, with the IPv6 scope separator '%' replaced.</summary>
    public string ActorName => $"peer-{Address.ToString().Replace('%', '_')}-{Port}";

    public override string ToString() => Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
        ? $"[{Address}]:{Port}"
        : $"{Address}:{Port}";
}
