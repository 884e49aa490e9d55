using System.Net;
using BenchmarkDotNet.Attributes;
using TrapActors.Snmp;
using TrapActors.Sessions;
using TrapActors.Snmp.Messages;

namespace TrapActors.Benchmarks;

/// <summary>
/// The session-side work for one v2c trap without actors: decode, then the <see cref="SnmpNotification"/> the
/// subscribers get, built by the session's own NotificationFactory. As in the session, the origin (source, community)
/// is built once per source, not per trap. Not measured: community authorization, filters, statistics and the actor
/// messages around it.
/// </summary>
[MemoryDiagnoser]
public class SessionBenchmarks
{
    private byte[] _v2c = [];
    private readonly IPEndPoint _source = new(IPAddress.Parse("192.0.2.10"), 50123);
    private readonly IPEndPoint _local = new(IPAddress.Loopback, 162);
    private readonly DateTimeOffset _receivedAt = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);
    private readonly DecodeLimits _limits = DecodeLimits.Default;
    private NotificationOrigin _origin = null!;

    [GlobalSetup]
    public void Setup()
    {
        _v2c = Captures.Load(Captures.V2cTrap10);
        _origin = new NotificationOrigin(_source, "udp", SnmpVersion.V2c, SecurityLevel.NoAuthNoPriv) { Community = "public", LocalEndPoint = _local };
        DecodeBenchmarks.Check(DecodeAndNotify() is { Uptime: 4242, VarBinds.Length: 10, Origin.Community: "public" } n && n.TrapOid == WellKnownOids.SnmpTraps.Append(3),
            "v2c trap as a notification");
    }

    [Benchmark(Baseline = true)]
    public SnmpMessage V2cTrapDecodeOnly() =>
        SnmpMessageDecoder.TryDecode(_v2c, _limits, out var message, out _) ? message : throw new InvalidOperationException();

    [Benchmark]
    public CommunityFrame V2cTrapDecodeFrame() =>
        SnmpMessageDecoder.TryDecodeFrame(_v2c, _limits, out var frame, out _, out _) ? frame : throw new InvalidOperationException();

    /// <summary>What the session does per v2c trap (the frame, as a value, allocates nothing beyond the varbinds).</summary>
    [Benchmark]
    public SnmpNotification DecodeAndNotify()
    {
        if (!SnmpMessageDecoder.TryDecodeFrame(_v2c, _limits, out var frame, out _, out _))
            throw new InvalidOperationException();
        return NotificationFactory.FromV2Pdu(frame.Pdu, _origin, _receivedAt);
    }
}
