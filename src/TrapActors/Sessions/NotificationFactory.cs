using System.Collections.Immutable;
using System.Net;
using System.Runtime.InteropServices;
using TrapActors.Snmp.Messages;

namespace TrapActors.Sessions;

/// <summary>Turns decoded PDUs into <see cref="SnmpNotification"/>s in the SNMPv2 shape.</summary>
internal static class NotificationFactory
{
    /// <summary>An SNMPv2-Trap or InformRequest PDU: sysUpTime.0 and snmpTrapOID.0 are read from the varbinds (RFC 3416 §4.2.6).</summary>
    public static SnmpNotification FromV2Pdu(in PduFrame pdu, NotificationOrigin origin, DateTimeOffset receivedAt)
    {
        uint uptime = 0;
        var trapOid = default(Oid);
        foreach (var vb in pdu.VarBinds)
        {
            if (vb.Oid == WellKnownOids.SysUpTime0 && vb.Value.Type == SnmpType.TimeTicks)
                uptime = vb.Value.AsUInt32();
            else if (vb.Oid == WellKnownOids.SnmpTrapOid0 && vb.Value.Type == SnmpType.ObjectIdentifier)
                trapOid = vb.Value.AsOid();
            if (!trapOid.IsEmpty && uptime != 0)
                break;
        }
        var kind = pdu.Type == PduType.InformRequest ? NotificationKind.Inform : NotificationKind.Trap;
        return new SnmpNotification(kind, trapOid, uptime, pdu.VarBinds, origin, receivedAt)
        {
            RequestId = pdu.RequestId,
            PduVarBinds = pdu.VarBinds,
        };
    }

    /// <summary>
    /// An SNMPv1 Trap-PDU translated per RFC 3584 §3.1: sysUpTime.0 (time-stamp), snmpTrapOID.0, the
    /// original varbinds, then snmpTrapAddress.0 (agent-addr) and snmpTrapEnterprise.0 unless already present.
    /// </summary>
    public static SnmpNotification FromV1Trap(in PduFrame pdu, NotificationOrigin origin, DateTimeOffset receivedAt, V1TrapOidRule rule)
    {
        var v1 = pdu.TrapV1!;
        var rfcTrapOid = Rfc3584TrapOid(v1);
        var hasAddress = false;
        var hasEnterprise = false;
        foreach (var vb in pdu.VarBinds)
        {
            hasAddress |= vb.Oid == WellKnownOids.SnmpTrapAddress0;
            hasEnterprise |= vb.Oid == WellKnownOids.SnmpTrapEnterprise0;
        }

        var varBinds = new VarBind[2 + pdu.VarBinds.Length + (hasAddress ? 0 : 1) + (hasEnterprise ? 0 : 1)];
        var i = 0;
        varBinds[i++] = new VarBind(WellKnownOids.SysUpTime0, SnmpValue.TimeTicks(v1.TimeStamp));
        varBinds[i++] = new VarBind(WellKnownOids.SnmpTrapOid0, SnmpValue.ObjectIdentifier(rfcTrapOid));
        foreach (var vb in pdu.VarBinds)
            varBinds[i++] = vb;
        if (!hasAddress)
            varBinds[i++] = new VarBind(WellKnownOids.SnmpTrapAddress0, SnmpValue.IpAddress(v1.AgentAddress));
        if (!hasEnterprise)
            varBinds[i++] = new VarBind(WellKnownOids.SnmpTrapEnterprise0, SnmpValue.ObjectIdentifier(v1.Enterprise));

        var trapOid = rule == V1TrapOidRule.EnterpriseGenericSpecific ? EnterpriseGenericSpecificTrapOid(v1) : rfcTrapOid;
        return new SnmpNotification(NotificationKind.Trap, trapOid, v1.TimeStamp, ImmutableCollectionsMarshal.AsImmutableArray(varBinds), origin, receivedAt)
        {
            PduVarBinds = pdu.VarBinds,
            V1 = new TrapV1Details(v1.Enterprise, v1.AgentIPAddress, v1.GenericTrap, v1.SpecificTrap, v1.TimeStamp),
        };
    }

    /// <summary>RFC 3584 §3.1 (2): snmpTraps.(generic+1) for generic traps, enterprise.0.specific for enterpriseSpecific.</summary>
    public static Oid Rfc3584TrapOid(TrapV1Header v1) =>
        v1.GenericTrap is >= 0 and < TrapV1Header.EnterpriseSpecific
            ? WellKnownOids.SnmpTraps.Append((uint)v1.GenericTrap + 1)
            : v1.Enterprise.Append(0, unchecked((uint)v1.SpecificTrap));

    /// <summary>V1TrapOidRule.EnterpriseGenericSpecific: enterprise.(generic+1) for enterprise snmpTraps, else enterprise.generic.specific.</summary>
    public static Oid EnterpriseGenericSpecificTrapOid(TrapV1Header v1) =>
        v1.Enterprise == WellKnownOids.SnmpTraps
            ? v1.Enterprise.Append(unchecked((uint)v1.GenericTrap + 1))
            : v1.Enterprise.Append(unchecked((uint)v1.GenericTrap), unchecked((uint)v1.SpecificTrap));
}
