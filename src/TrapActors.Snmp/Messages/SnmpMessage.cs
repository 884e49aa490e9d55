namespace TrapActors.Snmp.Messages;

/// <summary>The msgVersion values on the wire.</summary>
public enum SnmpVersion
{
    /// <summary>SNMPv1 (RFC 1157), msgVersion 0.</summary>
    V1 = 0,
    /// <summary>Community-based SNMPv2 (RFC 1901), msgVersion 1.</summary>
    V2c = 1,
    /// <summary>SNMPv3 (RFC 3412), msgVersion 3.</summary>
    V3 = 3,
}

/// <summary>A decoded SNMP message: community-based (v1, v2c) or SNMPv3.</summary>
/// <param name="Version">msgVersion.</param>
public abstract record SnmpMessage(SnmpVersion Version);

/// <summary>An SNMPv1 or SNMPv2c message: community and PDU.</summary>
/// <param name="Version"><see cref="SnmpVersion.V1"/> or <see cref="SnmpVersion.V2c"/>.</param>
/// <param name="Community">The community string's bytes; never printed by <see cref="ToString"/>.</param>
/// <param name="Pdu">The PDU.</param>
public sealed record CommunityMessage(SnmpVersion Version, ReadOnlyMemory<byte> Community, Pdu Pdu) : SnmpMessage(Version)
{
    /// <summary>The version and PDU; the community is redacted, since it is the v1/v2c shared secret.</summary>
    public override string ToString() => $"CommunityMessage {{ Version = {Version}, Community = <redacted>, Pdu = {Pdu} }}";
}
