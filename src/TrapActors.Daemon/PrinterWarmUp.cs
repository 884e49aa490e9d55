using System.Collections.Immutable;
using System.Diagnostics;
using System.Net;
using TrapActors.Snmp.Messages;

namespace TrapActors.Daemon;

/// <summary>
/// Formats synthetic notifications (a v2c and an SNMPv3 authPriv trap, as the receiver would deliver them) into lines that
/// go nowhere, before the receiver binds: the printer's formatting is compiled before a storm's first trap (decision
/// 0039), as the library's listener.warm-up does for the receive path. Skipped when listener.warm-up is off.
/// </summary>
internal static class PrinterWarmUp
{
    private const int Rounds = 500;
    private static readonly TimeSpan Budget = TimeSpan.FromMilliseconds(100);

    /// <summary>Formats with <paramref name="format"/> until <see cref="Rounds"/> rounds or the budget are spent; returns the lines formatted.</summary>
    public static int Run(Func<SnmpNotification, byte[]> format)
    {
        var clock = Stopwatch.StartNew();
        var notifications = Notifications();
        var lines = 0;
        for (var round = 0; round < Rounds && (round == 0 || clock.Elapsed < Budget); round++)
        {
            foreach (var notification in notifications)
            {
                format(notification);
                lines++;
            }
        }
        return lines;
    }

    private static SnmpNotification[] Notifications()
    {
        var source = new IPEndPoint(IPAddress.Loopback, 1);
        var local = new IPEndPoint(IPAddress.Loopback, 2);
        var trapOid = Oid.Parse("1.3.6.1.6.3.1.1.5.3");
        var varBinds = ImmutableArray.Create(
            new VarBind(Oid.Parse("1.3.6.1.2.1.2.2.1.1.1"), SnmpValue.Integer32(1)),
            new VarBind(Oid.Parse("1.3.6.1.2.1.2.2.1.2.1"), SnmpValue.OctetString("eth0")),
            new VarBind(Oid.Parse("1.3.6.1.2.1.2.2.1.7.1"), SnmpValue.Integer32(1)),
            new VarBind(Oid.Parse("1.3.6.1.2.1.2.2.1.8.1"), SnmpValue.Integer32(2)));
        var now = DateTimeOffset.UtcNow;
        var v2c = new NotificationOrigin(source, "udp", SnmpVersion.V2c, SecurityLevel.NoAuthNoPriv) { Community = "warm-up", LocalEndPoint = local };
        var v3 = new NotificationOrigin(source, "udp", SnmpVersion.V3, SecurityLevel.AuthPriv)
        {
            User = "warm-up",
            EngineId = [0x80, 0x00, 0x1F, 0x88, 0x04, 0x01, 0x02, 0x03],
            ContextEngineId = [0x80, 0x00, 0x1F, 0x88, 0x04, 0x01, 0x02, 0x03],
            ContextName = "",
            LocalEndPoint = local,
        };
        return
        [
            new SnmpNotification(NotificationKind.Trap, trapOid, 4242, varBinds, v2c, now) { RequestId = 1 },
            new SnmpNotification(NotificationKind.Trap, trapOid, 4242, varBinds, v3, now) { RequestId = 2 },
        ];
    }
}
