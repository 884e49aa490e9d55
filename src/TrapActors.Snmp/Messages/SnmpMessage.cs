namespace TrapActors.Snmp.Messages;

/// <summary>The msgVersion values on the wire.</summary>
public enum SnmpVersion
{
    V1 = 0,
    V2c = 1,
    V3 = 3,
}

/// <summary>A decoded SNMP message: community-based (v1, v2c) or SNMPv3.</summary>
public abstract record SnmpMessage(SnmpVersion Version);

/// <summary>An SNMPv1 or SNMPv2c message: community and PDU.</summary>
public sealed record CommunityMessage(SnmpVersion Version, ReadOnlyMemory<byte> Community, Pdu Pdu) : SnmpMessage(Version)
{
    public override string ToString() => $"CommunityMessage {{ Version = {Version}, Community = <redacted>, Pdu = {Pdu} }}";
}
