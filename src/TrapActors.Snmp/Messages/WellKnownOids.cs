namespace TrapActors.Snmp.Messages;

/// <summary>OIDs that the notification model of RFC 3416 and RFC 3584 refers to.</summary>
public static class WellKnownOids
{
    /// <summary>sysUpTime.0, the first varbind of every SNMPv2 notification.</summary>
    public static readonly Oid SysUpTime0 = Oid.Parse("1.3.6.1.2.1.1.3.0");

    /// <summary>snmpTrapOID.0, the second varbind of every SNMPv2 notification.</summary>
    public static readonly Oid SnmpTrapOid0 = Oid.Parse("1.3.6.1.6.3.1.1.4.1.0");

    /// <summary>snmpTrapEnterprise.0 (RFC 3584 §3.1).</summary>
    public static readonly Oid SnmpTrapEnterprise0 = Oid.Parse("1.3.6.1.6.3.1.1.4.3.0");

    /// <summary>snmpTrapAddress.0 (SNMP-COMMUNITY-MIB, RFC 3584 §3.1).</summary>
    public static readonly Oid SnmpTrapAddress0 = Oid.Parse("1.3.6.1.6.3.18.1.3.0");

    /// <summary>snmpTrapCommunity.0 (SNMP-COMMUNITY-MIB).</summary>
    public static readonly Oid SnmpTrapCommunity0 = Oid.Parse("1.3.6.1.6.3.18.1.4.0");

    /// <summary>snmpTraps: the prefix of the generic traps coldStart(1) .. egpNeighborLoss(6).</summary>
    public static readonly Oid SnmpTraps = Oid.Parse("1.3.6.1.6.3.1.1.5");

    /// <summary>snmpEngineID.0 (SNMP-FRAMEWORK-MIB), what an RFC 5343 contextEngineID probe asks for.</summary>
    public static readonly Oid SnmpEngineId0 = Oid.Parse("1.3.6.1.6.3.10.2.1.1.0");
}
