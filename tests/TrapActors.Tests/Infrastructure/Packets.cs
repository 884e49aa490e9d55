using System.Collections.Immutable;
using System.Net;
using System.Text;
using TrapActors.Snmp;
using TrapActors.Snmp.Messages;

namespace TrapActors.Tests.Infrastructure;

/// <summary>Builds the datagrams the scenario tests send, with the library's own encoder.</summary>
public static class Packets
{
    public static readonly Oid ValueOid = Oid.Parse("1.3.6.1.4.1.8072.9999.1.1");

    public static CommunityMessage V2Message(PduType type, string trapOid, int requestId, string community = "public", uint uptime = 4242, params VarBind[] extra)
    {
        var varBinds = ImmutableArray.Create(
            new VarBind(WellKnownOids.SysUpTime0, SnmpValue.TimeTicks(uptime)),
            new VarBind(WellKnownOids.SnmpTrapOid0, SnmpValue.ObjectIdentifier(Oid.Parse(trapOid))))
            .AddRange(extra);
        return new CommunityMessage(SnmpVersion.V2c, Encoding.UTF8.GetBytes(community), new Pdu(type, requestId, 0, 0, varBinds));
    }

    /// <summary>An SNMPv2-Trap PDU whose snmpTrapOID.0 is <paramref name="trapOid"/>.</summary>
    public static byte[] V2Trap(string trapOid = "1.3.6.1.4.1.8072.9999.0.1", int requestId = 1, string community = "public", params VarBind[] extra) =>
        SnmpMessageEncoder.Encode(V2Message(PduType.TrapV2, trapOid, requestId, community, 4242, extra));

    public static byte[] Inform(string trapOid = "1.3.6.1.4.1.8072.9999.0.2", int requestId = 1, string community = "public", params VarBind[] extra) =>
        SnmpMessageEncoder.Encode(V2Message(PduType.InformRequest, trapOid, requestId, community, 4242, extra));

    public static CommunityMessage V1Message(string enterprise, IPAddress agent, int generic, int specific, uint timeStamp, string community = "public", params VarBind[] varBinds)
    {
        var header = new TrapV1Header(Oid.Parse(enterprise), agent.GetAddressBytes(), generic, specific, timeStamp);
        return new CommunityMessage(SnmpVersion.V1, Encoding.UTF8.GetBytes(community), Pdu.V1Trap(header, [.. varBinds]));
    }

    public static byte[] V1Trap(string enterprise = "1.3.6.1.4.1.8072.3.2.10", int generic = 6, int specific = 1, uint timeStamp = 4242, string community = "public", params VarBind[] varBinds) =>
        SnmpMessageEncoder.Encode(V1Message(enterprise, IPAddress.Parse("192.0.2.1"), generic, specific, timeStamp, community, varBinds));

    /// <summary>A well-formed v2c GetRequest: decodes, but is no notification.</summary>
    public static byte[] GetRequest(int requestId = 77, string community = "public") =>
        SnmpMessageEncoder.Encode(new CommunityMessage(SnmpVersion.V2c, Encoding.UTF8.GetBytes(community),
            new Pdu(PduType.GetRequest, requestId, 0, 0, [new VarBind(WellKnownOids.SysUpTime0, SnmpValue.Null)])));

    public static VarBind Text(string value, string oid = "1.3.6.1.4.1.8072.9999.1.1") => new(Oid.Parse(oid), SnmpValue.OctetString(value));

    public static VarBind Int(int value, string oid = "1.3.6.1.4.1.8072.9999.1.2") => new(Oid.Parse(oid), SnmpValue.Integer32(value));

    /// <summary>Decodes a datagram the receiver sent back (an inform Response).</summary>
    public static CommunityMessage DecodeCommunity(byte[] datagram)
    {
        if (!SnmpMessageDecoder.TryDecode(datagram, DecodeLimits.Default, out var message, out var error))
            throw new InvalidOperationException($"the receiver sent an undecodable datagram: {error}");
        return message as CommunityMessage ?? throw new InvalidOperationException($"expected a community message, got {message}");
    }
}
