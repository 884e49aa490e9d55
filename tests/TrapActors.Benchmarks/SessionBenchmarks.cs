using System.Collections.Immutable;
using System.Net;
using System.Text;
using BenchmarkDotNet.Attributes;
using TrapActors.Snmp;
using TrapActors.Snmp.Messages;

namespace TrapActors.Benchmarks;

/// <summary>
/// The session-side work for one v2c trap without actors: decode, then the <see cref="SnmpNotification"/> the
/// subscribers get. NotificationFactory is internal, so <see cref="FromV2Pdu"/> and <see cref="CommunityOrigin"/>
/// repeat NotificationFactory.FromV2Pdu and NotificationFactory.CommunityOrigin (as of commit 92246d9) over the
/// public types. Not measured: community authorization, filters, statistics and the actor messages around it.
/// </summary>
[MemoryDiagnoser]
public class SessionBenchmarks
{
    private byte[] _v2c = [];
    private readonly IPEndPoint _source = new(IPAddress.Parse("192.0.2.10"), 50123);
    private readonly IPEndPoint _local = new(IPAddress.Loopback, 162);
    private readonly DateTimeOffset _receivedAt = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);
    private readonly DecodeLimits _limits = DecodeLimits.Default;

    [GlobalSetup]
    public void Setup()
    {
        _v2c = Captures.Load(Captures.V2cTrap10);
        DecodeBenchmarks.Check(DecodeAndNotify() is { Uptime: 4242, VarBinds.Length: 10, Origin.Community: "public" } n && n.TrapOid == WellKnownOids.SnmpTraps.Append(3),
            "v2c trap as a notification");
    }

    [Benchmark(Baseline = true)]
    public SnmpMessage V2cTrapDecodeOnly() =>
        SnmpMessageDecoder.TryDecode(_v2c, _limits, out var message, out _) ? message : throw new InvalidOperationException();

    [Benchmark]
    public SnmpNotification DecodeAndNotify()
    {
        if (!SnmpMessageDecoder.TryDecode(_v2c, _limits, out var decoded, out _) || decoded is not CommunityMessage message)
            throw new InvalidOperationException();
        var origin = CommunityOrigin(_source, _local, message.Version, message.Community);
        return FromV2Pdu(message.Pdu, origin, _receivedAt);
    }

    /// <summary>NotificationFactory.CommunityOrigin.</summary>
    private static NotificationOrigin CommunityOrigin(IPEndPoint source, IPEndPoint local, SnmpVersion version, ReadOnlyMemory<byte> community) =>
        new(source, "udp", version, SecurityLevel.NoAuthNoPriv)
        {
            Community = Encoding.UTF8.GetString(community.Span),
            LocalEndPoint = local,
        };

    /// <summary>NotificationFactory.FromV2Pdu.</summary>
    private static SnmpNotification FromV2Pdu(Pdu pdu, NotificationOrigin origin, DateTimeOffset receivedAt)
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
}
