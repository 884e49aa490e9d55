using System.Collections.Immutable;
using System.Net;
using TrapActors.Snmp.Messages;

namespace TrapActors.Daemon.Tests.Infrastructure;

/// <summary>Builds notifications for the formatter tests.</summary>
internal static class Notifications
{
    public static readonly DateTimeOffset At = new(2026, 11, 27, 8, 44, 16, 123, TimeSpan.Zero);

    public static NotificationOrigin Origin(SnmpVersion version = SnmpVersion.V2c, string source = "192.0.2.7:1234", string? community = "public") =>
        new(IPEndPoint.Parse(source), "udp", version, SecurityLevel.NoAuthNoPriv) { Community = community };

    public static SnmpNotification V2c(params VarBind[] extra) => V2c(Origin(), extra);

    public static SnmpNotification V2c(NotificationOrigin origin, params VarBind[] extra)
    {
        var trapOid = Oid.Parse("1.3.6.1.4.1.8072.2.3.0.1");
        ImmutableArray<VarBind> varBinds =
        [
            new(WellKnownOids.SysUpTime0, SnmpValue.TimeTicks(4242)),
            new(WellKnownOids.SnmpTrapOid0, SnmpValue.ObjectIdentifier(trapOid)),
            .. extra,
        ];
        return new SnmpNotification(NotificationKind.Trap, trapOid, 4242, varBinds, origin, At)
        {
            RequestId = 77,
            PduVarBinds = varBinds,
        };
    }

    public static VarBind Vb(string oid, SnmpValue value) => new(Oid.Parse(oid), value);
}
