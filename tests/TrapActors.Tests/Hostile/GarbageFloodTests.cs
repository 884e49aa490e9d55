using System.Net;
using Akka.Actor;
using TrapActors.Sessions;
using TrapActors.Snmp;
using TrapActors.Snmp.Messages;
using TrapActors.Testing;
using TrapActors.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace TrapActors.Tests.Hostile;

/// <summary>
/// 100,000 datagrams of random bytes and of mutated net-snmp captures, interleaved with valid traps (captured from
/// net-snmp's snmptrap and resent, and live snmptrap runs): afterwards every valid trap was delivered and the counters
/// are exact. Each garbage datagram's fate is predicted with the decoder before it is sent: a mutant that still decodes
/// as an accepted notification is delivered like a valid trap, every other datagram ends in a drop reason.
/// </summary>
public sealed class GarbageFloodTests : ReceiverSpec
{
    private const int Seed = 5_2026;
    private const int GarbageCount = 100_000;
    private const int ValidEvery = 500;      // a captured valid trap after every 500 garbage datagrams
    private const int LiveEvery = 20_000;    // a live snmptrap run after every 20,000
    private const int Batch = 1_000;         // sent before waiting for the receiver to read them (paces the socket buffer)
    private const string CapturedOid = "1.3.6.1.4.1.8072.9999.0.77";
    private const string LiveOid = "1.3.6.1.4.1.8072.9999.0.55.1.2.3.4.5";

    private readonly ITestOutputHelper _output;

    public GarbageFloodTests(ITestOutputHelper output)
        : base("", output)
    {
        _output = output;
    }

    [Fact]
    public async Task Random_and_mutated_garbage_leaves_valid_traps_delivered_and_the_counters_exact()
    {
        Assert.True(NetSnmpTools.Available, "net-snmp's snmptrap/snmpinform are not installed");
        var target = await ReceiverEndPointAsync();
        var subscriber = Sys.ActorOf(Props.Create(() => new CountingSubscriber()), "counting-subscriber");
        await SubscribeAsync(subscriber);
        var captures = await CaptureAsync();
        var validCaptures = captures.Where(c => c.Valid).Select(c => c.Bytes).ToArray();
        var predictor = new Predictor(TrapReceiverSettings.Create(Sys));
        var random = new Random(Seed);
        var garbageClients = Enumerable.Range(0, 8).Select(_ => NewClient()).ToArray();
        var validClient = NewClient();

        var expected = new Expected();
        var sent = 0;
        var waitedAt = 0;
        var liveRuns = 0;
        var validSent = 0;
        var started = DateTime.UtcNow;
        for (var i = 0; i < GarbageCount; i++)
        {
            var garbage = random.Next(2) == 0 ? RandomBytes(random) : Mutant(random, captures.Select(c => c.Bytes).ToArray());
            var outcome = predictor.Predict(garbage);
            expected.Add(outcome, garbage: true);
            // A repeated request-id from one source would be a retransmission (not delivered again): each inform gets its own source.
            await SendAsync(outcome.Inform ? NewClient() : garbageClients[i % garbageClients.Length], garbage, target);
            sent++;
            if ((i + 1) % ValidEvery == 0)
            {
                var valid = validCaptures[validSent % validCaptures.Length];
                expected.Add(predictor.Predict(valid), garbage: false);
                await SendAsync(validClient, valid, target);
                sent++;
                validSent++;
            }
            if ((i + 1) % LiveEvery == 0)
            {
                var result = await NetSnmpTools.SnmpTrapAsync("-v", "2c", "-c", "public", $"127.0.0.1:{target.Port}", "4242", LiveOid,
                    Packets.ValueOid.ToString(), "s", $"live {liveRuns}");
                Assert.True(result.ExitCode == 0, $"snmptrap failed: {result}");
                expected.Add(Outcome.Delivered(LiveOid), garbage: false);
                sent++;
                liveRuns++;
            }
            if (sent - waitedAt >= Batch)
            {
                var reached = waitedAt = sent;
                await AwaitStatsAsync(s => s.Received + s.SocketBufferDrops >= reached, $"{reached} datagrams read", TimeSpan.FromSeconds(10));
            }
        }

        var stats = await AwaitStatsAsync(s => s.Received + s.SocketBufferDrops == sent && s.Delivered + s.TotalDropped == s.Received,
            $"all {sent} datagrams read and handled", TimeSpan.FromSeconds(20));
        _output.WriteLine($"{sent} datagrams in {(DateTime.UtcNow - started).TotalSeconds:F1}s: {expected}; stats: delivered {stats.Delivered}, " +
            $"decoded {stats.Decoded}, dropped {string.Join(", ", stats.Dropped.Where(d => d.Value > 0).Select(d => $"{d.Key}={d.Value}"))}");

        Assert.Equal(0, stats.SocketBufferDrops); // paced: otherwise the exact accounting below could not hold
        Assert.Equal(sent, stats.Received);
        Assert.Equal(expected.Delivered, stats.Delivered);
        Assert.Equal(expected.Dropped, stats.TotalDropped);
        Assert.Equal(expected.Decoded, stats.Decoded);
        // Reasons the decoder decides are exact; a decodable SNMPv3 message (no users here) ends in some USM reason.
        foreach (var (reason, count) in expected.ByReason)
            Assert.True(stats.Dropped[reason] >= count, $"{reason}: {stats.Dropped[reason]} counted, {count} predicted");
        Assert.Equal(expected.V3Decoded, stats.TotalDropped - expected.ByReason.Values.Sum());
        Assert.Equal(validSent + liveRuns, expected.Delivered - expected.GarbageDelivered);

        // What the subscriber got: every notification, and exactly the valid ones by their trap OIDs.
        var counts = await AwaitCountsAsync(subscriber, expected.Delivered);
        Assert.Equal(expected.Delivered, counts.Total);
        Assert.Equal(liveRuns, counts.ByTrapOid.GetValueOrDefault(LiveOid));
        Assert.Equal(expected.ByTrapOid.GetValueOrDefault(CapturedOid), counts.ByTrapOid.GetValueOrDefault(CapturedOid));
        Assert.True(counts.ByTrapOid.GetValueOrDefault(CapturedOid) >= validSent / 2, "the captured v2c traps arrived");
        foreach (var (oid, count) in expected.ByTrapOid)
            Assert.True(counts.ByTrapOid.GetValueOrDefault(oid) == count, $"trap OID {oid}: {counts.ByTrapOid.GetValueOrDefault(oid)} delivered, {count} predicted");
    }

    /// <summary>Real datagrams from net-snmp's snmptrap, caught on a local socket: valid v1 and v2c traps, and v3 ones (no users here).</summary>
    private async Task<IReadOnlyList<(byte[] Bytes, bool Valid)>> CaptureAsync()
    {
        var sink = NewClient();
        var to = $"127.0.0.1:{PortOf(sink)}";
        var v = Packets.ValueOid.ToString();
        string[][] runs =
        [
            ["-v", "2c", "-c", "public", to, "4242", CapturedOid, v, "s", "captured", "1.3.6.1.2.1.2.2.1.1.3", "i", "3", "1.3.6.1.4.1.8072.9999.1.3", "C", "18446744073709551615"],
            ["-v", "1", "-c", "public", to, "1.3.6.1.4.1.8072.3.2.10", "192.0.2.7", "6", "17", "12345", v, "x", "deadbeef", "1.3.6.1.4.1.8072.9999.1.4", "a", "10.0.0.1"],
            ["-v", "3", "-e", "0x8000000001020304", "-u", "noauthuser", "-l", "noAuthNoPriv", to, "4242", CapturedOid, v, "o", "1.3.6.1.4.1.8072"],
            ["-v", "3", "-e", "0x8000000001020304", "-u", "privuser", "-l", "authPriv", "-a", "SHA", "-A", "authpass123", "-x", "AES", "-X", "privpass123", to, "4242", CapturedOid, v, "u", "7"],
        ];
        var captured = new List<(byte[], bool)>();
        foreach (var args in runs)
        {
            var result = await NetSnmpTools.SnmpTrapAsync(args);
            Assert.True(result.ExitCode == 0, $"snmptrap failed: {result}");
            captured.Add((await ReceiveAsync(sink), args[1] != "3"));
        }
        return captured;
    }

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(0, 300)];
        random.NextBytes(bytes);
        if (bytes.Length >= 2 && random.Next(2) == 0)
        {
            // Past the first check: a SEQUENCE whose length fits, then noise.
            bytes[0] = 0x30;
            bytes[1] = (byte)Math.Min(bytes.Length - 2, 0x7f);
        }
        return bytes;
    }

    private static readonly byte[] Tags = [0x02, 0x04, 0x05, 0x06, 0x30, 0x40, 0x41, 0x43, 0x46, 0xa4, 0xa6, 0xa7, 0xa8, 0x1f, 0xff];

    /// <summary>One to three mutations of a capture: bit flips, random bytes, inserts, deletes, truncation, length and tag damage.</summary>
    private static byte[] Mutant(Random random, byte[][] seeds)
    {
        var bytes = new List<byte>(seeds[random.Next(seeds.Length)]);
        var count = random.Next(1, 4);
        for (var m = 0; m < count && bytes.Count > 0; m++)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(7))
            {
                case 0: bytes[at] ^= (byte)(1 << random.Next(8)); break;
                case 1: bytes[at] = (byte)random.Next(256); break;
                case 2: bytes.Insert(at, (byte)random.Next(256)); break;
                case 3: bytes.RemoveAt(at); break;
                case 4: bytes.RemoveRange(at, bytes.Count - at); break;
                case 5: bytes[at] = new byte[] { 0x00, 0x7f, 0x80, 0x81, 0x82, 0x84, 0xff }[random.Next(7)]; break;
                default: bytes[at] = Tags[random.Next(Tags.Length)]; break;
            }
        }
        return [.. bytes];
    }

    private async Task<SubscriberCounts> AwaitCountsAsync(IActorRef subscriber, long total)
    {
        SubscriberCounts? last = null;
        await AwaitConditionAsync(async () => (last = await subscriber.Ask<SubscriberCounts>(GetCounts.Instance, AskTimeout)).Total >= total,
            TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(20), $"the subscriber got {total} notifications");
        return last!;
    }

    /// <summary>What the receiver must do with one datagram, as the decoder and the session's rules decide it.</summary>
    private sealed record Outcome(DropReason? Reason, string? TrapOid, bool Decoded, bool V3, bool Inform = false)
    {
        public static Outcome Delivered(string trapOid) => new(null, trapOid, true, false);
    }

    /// <summary>Predicts a datagram's fate with the receiver's own codec limits, community rule and v1 translation.</summary>
    private sealed class Predictor(TrapReceiverSettings settings)
    {
        private static readonly IPEndPoint Nowhere = new(IPAddress.Loopback, 1);

        public Outcome Predict(byte[] datagram)
        {
            if (!SnmpMessageDecoder.TryDecodeFrame(datagram, settings.Codec, out var frame, out var v3, out var error))
            {
                var reason = error.Code switch
                {
                    SnmpDecodeError.UnsupportedVersion => DropReason.UnsupportedVersion,
                    SnmpDecodeError.UnsupportedPduType => DropReason.UnsupportedPdu,
                    SnmpDecodeError.UnsupportedSecurityModel => DropReason.UnsupportedSecurity,
                    SnmpDecodeError.DatagramTooLarge => DropReason.TooLarge,
                    _ => DropReason.Malformed,
                };
                return new Outcome(reason, null, false, false);
            }
            if (v3 is not null)
                return v3.SecurityModel == SecurityModels.Usm ? new Outcome(null, null, true, true) : new Outcome(DropReason.UnsupportedSecurity, null, true, false);
            if (!frame.Community.Span.SequenceEqual("public"u8))
                return new Outcome(DropReason.UnknownCommunity, null, true, false);
            var origin = new NotificationOrigin(Nowhere, "udp", frame.Version, SecurityLevel.NoAuthNoPriv) { Community = "public", LocalEndPoint = Nowhere };
            var notification = frame.Pdu.Type switch
            {
                PduType.TrapV1 => NotificationFactory.FromV1Trap(frame.Pdu, origin, DateTimeOffset.UnixEpoch, settings.V1TrapOidRule),
                PduType.TrapV2 or PduType.InformRequest => NotificationFactory.FromV2Pdu(frame.Pdu, origin, DateTimeOffset.UnixEpoch),
                _ => null,
            };
            return notification is null
                ? new Outcome(DropReason.UnsupportedPdu, null, true, false)
                : new Outcome(null, notification.TrapOid.ToString(), true, false, frame.Pdu.Type == PduType.InformRequest);
        }
    }

    /// <summary>The predicted totals.</summary>
    private sealed class Expected
    {
        public long Delivered { get; private set; }
        public long GarbageDelivered { get; private set; }
        public long Dropped { get; private set; }
        public long Decoded { get; private set; }
        public long V3Decoded { get; private set; }
        public Dictionary<DropReason, long> ByReason { get; } = [];
        public Dictionary<string, long> ByTrapOid { get; } = [];

        public void Add(Outcome outcome, bool garbage)
        {
            Decoded += outcome.Decoded ? 1 : 0;
            if (outcome.V3)
            {
                V3Decoded++;
                Dropped++;
            }
            else if (outcome.Reason is { } reason)
            {
                ByReason[reason] = ByReason.GetValueOrDefault(reason) + 1;
                Dropped++;
            }
            else
            {
                Delivered++;
                GarbageDelivered += garbage ? 1 : 0;
                ByTrapOid[outcome.TrapOid!] = ByTrapOid.GetValueOrDefault(outcome.TrapOid!) + 1;
            }
        }

        public override string ToString() =>
            $"predicted delivered {Delivered} (of them {GarbageDelivered} mutants that still decode as accepted notifications), dropped {Dropped} " +
            $"({string.Join(", ", ByReason.Select(r => $"{r.Key}={r.Value}"))}, decodable v3 {V3Decoded})";
    }

    private sealed record GetCounts
    {
        public static readonly GetCounts Instance = new();
    }

    private sealed record SubscriberCounts(long Total, Dictionary<string, long> ByTrapOid);

    /// <summary>Counts notifications by trap OID; quick, so its queue never fills during the flood.</summary>
    private sealed class CountingSubscriber : ReceiveActor
    {
        private readonly Dictionary<string, long> _byTrapOid = [];
        private long _total;

        public CountingSubscriber()
        {
            Receive<TrapReceived>(m => Count(m.Notification));
            Receive<InformReceived>(m => Count(m.Notification));
            Receive<GetCounts>(_ => Sender.Tell(new SubscriberCounts(_total, new Dictionary<string, long>(_byTrapOid))));
        }

        private void Count(SnmpNotification notification)
        {
            _total++;
            var oid = notification.TrapOid.ToString();
            _byTrapOid[oid] = _byTrapOid.GetValueOrDefault(oid) + 1;
        }
    }
}
