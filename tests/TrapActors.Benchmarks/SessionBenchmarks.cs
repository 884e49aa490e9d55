using System.Net;
using BenchmarkDotNet.Attributes;
using TrapActors.Snmp;
using TrapActors.Sessions;
using TrapActors.Snmp.Messages;

namespace TrapActors.Benchmarks;

/// <summary>
/// The session-side work for one v2c trap without actors: decode, then the <see cref="SnmpNotification"/> the
/// subscribers get, built by the session's own NotificationFactory. Not measured: community authorization, filters,
/// statistics and the actor messages around it.
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
        var origin = NotificationFactory.CommunityOrigin(_source, _local, message.Version, System.Text.Encoding.UTF8.GetString(message.Community.Span));
        return NotificationFactory.FromV2Pdu(message.Pdu, origin, _receivedAt);
    }
}
