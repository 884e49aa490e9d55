using System.Collections.Immutable;
using TrapActors.Snmp.Messages;

namespace TrapActors.TestKit;

/// <summary>
/// What a <see cref="NotificationOriginator"/> sends: the notification's OID (snmpTrapOID.0), its variable bindings
/// and the sender's uptime. SNMPv2c and SNMPv3 carry it as sysUpTime.0, snmpTrapOID.0 and then
/// <see cref="VarBinds"/>; SNMPv1 carries it as a Trap-PDU translated per RFC 3584 §3.2 (see <see cref="ToV1Header"/>).
/// </summary>
/// <param name="TrapOid">The notification OID, e.g. linkDown 1.3.6.1.6.3.1.1.5.3.</param>
/// <param name="VarBinds">The variable bindings that follow sysUpTime.0 and snmpTrapOID.0.</param>
/// <param name="UpTime">sysUpTime.0 (the v1 time-stamp) in hundredths of a second.</param>
public sealed record Notification(Oid TrapOid, ImmutableArray<VarBind> VarBinds, uint UpTime = 0)
{
    private static readonly Oid SnmpTraps = WellKnownOids.SnmpTraps;

    /// <summary>A notification with <paramref name="trapOid"/> and <paramref name="varBinds"/>.</summary>
    public static Notification Of(string trapOid, params VarBind[] varBinds) =>
        new(Oid.Parse(trapOid), [.. varBinds]);

    /// <summary>
    /// An SNMPv1 trap by its v1 fields, as its SNMPv2 notification OID (RFC 3584 §3.1): a generic trap 0..5 is
    /// snmpTraps.(generic+1); an enterprise-specific one is enterprise.0.specific.
    /// </summary>
    public static Notification V1(Oid enterprise, int genericTrap, int specificTrap, params VarBind[] varBinds) =>
        new(genericTrap == TrapV1Header.EnterpriseSpecific
            ? enterprise.Append(0, (uint)specificTrap)
            : SnmpTraps.Append((uint)genericTrap + 1), [.. varBinds]);

    /// <summary>The PDU variable bindings of SNMPv2c and SNMPv3: sysUpTime.0, snmpTrapOID.0, then <see cref="VarBinds"/>.</summary>
    public ImmutableArray<VarBind> V2VarBinds() =>
    [
        new(WellKnownOids.SysUpTime0, SnmpValue.TimeTicks(UpTime)),
        new(WellKnownOids.SnmpTrapOid0, SnmpValue.ObjectIdentifier(TrapOid)),
        .. VarBinds.IsDefault ? [] : VarBinds,
    ];

    /// <summary>
    /// The v1 Trap-PDU header (RFC 3584 §3.2): a standard trap snmpTraps.N is generic trap N-1 with the enterprise
    /// snmpTraps; any other OID is enterprise-specific, its last arc the specific trap and the enterprise the rest
    /// (without a trailing 0 arc).
    /// </summary>
    public TrapV1Header ToV1Header(ReadOnlyMemory<byte> agentAddress)
    {
        var arcs = TrapOid.Arcs;
        if (TrapOid.Length == SnmpTraps.Length + 1 && TrapOid.StartsWith(SnmpTraps) && arcs[^1] is >= 1 and <= 6)
            return new TrapV1Header(SnmpTraps, agentAddress, (int)arcs[^1] - 1, 0, UpTime);
        if (arcs.Length < 2)
            throw new InvalidOperationException($"{TrapOid} cannot be sent as an SNMPv1 trap");
        var enterprise = arcs.Length > 2 && arcs[^2] == 0 ? arcs[..^2] : arcs[..^1];
        return new TrapV1Header(new Oid(enterprise), agentAddress, TrapV1Header.EnterpriseSpecific, (int)arcs[^1], UpTime);
    }
}
