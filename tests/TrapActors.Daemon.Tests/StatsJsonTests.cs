using System.Collections.Immutable;
using System.Text.Json;
using TrapActors.Daemon;
using Xunit;

namespace TrapActors.Daemon.Tests;

public sealed class StatsJsonTests
{
    [Fact]
    public void Counters_and_every_drop_reason_in_kebab_case()
    {
        var dropped = ImmutableDictionary<DropReason, long>.Empty
            .Add(DropReason.UnknownCommunity, 3)
            .Add(DropReason.TooLarge, 1);
        var json = JsonDocument.Parse(StatsJson.Format(new TrapReceiverStats(10, 9, 5, 2, dropped, 4) { SessionsEvicted = 6 })).RootElement;
        Assert.Equal(
            ["received", "decoded", "delivered", "informsAnswered", "socketBufferDrops", "dropped", "droppedTotal", "activeSessions", "peakSessions", "sessionsEvicted", "lenientDecodes", "inFlight", "eventsSuppressed", "logLinesSuppressed", "usm", "dtls"],
            json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(10, json.GetProperty("received").GetInt64());
        Assert.Equal(9, json.GetProperty("decoded").GetInt64());
        Assert.Equal(5, json.GetProperty("delivered").GetInt64());
        Assert.Equal(2, json.GetProperty("informsAnswered").GetInt64());
        Assert.Equal(4, json.GetProperty("droppedTotal").GetInt64());
        Assert.Equal(4, json.GetProperty("activeSessions").GetInt64());
        Assert.Equal(6, json.GetProperty("sessionsEvicted").GetInt64());
        var reasons = json.GetProperty("dropped").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64());
        Assert.Equal(
            new Dictionary<string, long>
            {
                ["malformed"] = 0,
                ["too-large"] = 1,
                ["unsupported-version"] = 0,
                ["unsupported-pdu"] = 0,
                ["unsupported-security"] = 0,
                ["unknown-community"] = 3,
                ["session-limit"] = 0,
                ["no-subscriber"] = 0,
                ["unknown-user"] = 0,
                ["unsupported-security-level"] = 0,
                ["wrong-digest"] = 0,
                ["not-in-time-window"] = 0,
                ["decryption-error"] = 0,
                ["unknown-engine"] = 0,
                ["discovery"] = 0,
                ["subscriber-queue-full"] = 0,
                ["duplicate-inform"] = 0,
                ["access-denied"] = 0,
                ["stopped-while-pending"] = 0,
                ["session-failed"] = 0,
                ["dtls-queue-full"] = 0,
                ["policy-timeout"] = 0,
                ["policy-busy"] = 0,
                ["output-failed"] = 0,
                ["format-failed"] = 0,
            },
            reasons);
    }

    [Fact]
    public void What_the_printer_lost_is_dropped_not_delivered()
    {
        var dropped = ImmutableDictionary<DropReason, long>.Empty.Add(DropReason.UnknownCommunity, 1);
        var json = JsonDocument.Parse(StatsJson.Format(new TrapReceiverStats(10, 10, 9, 0, dropped, 0), new PrinterLosses(OutputFailed: 3, FormatFailed: 2))).RootElement;
        Assert.Equal(4, json.GetProperty("delivered").GetInt64());
        Assert.Equal(6, json.GetProperty("droppedTotal").GetInt64());
        Assert.Equal(3, json.GetProperty("dropped").GetProperty("output-failed").GetInt64());
        Assert.Equal(2, json.GetProperty("dropped").GetProperty("format-failed").GetInt64());
        Assert.Equal(json.GetProperty("received").GetInt64(), json.GetProperty("delivered").GetInt64() + json.GetProperty("droppedTotal").GetInt64());
    }

    [Fact]
    public void Every_drop_reason_has_its_own_count()
    {
        var reasons = Enum.GetValues<DropReason>();
        var dropped = reasons.Select((r, i) => (r, (long)(i + 1))).ToImmutableDictionary(p => p.r, p => p.Item2);
        var json = JsonDocument.Parse(StatsJson.Format(new TrapReceiverStats(0, 0, 0, 0, dropped, 0))).RootElement.GetProperty("dropped");
        Assert.Equal(reasons.Length + 2, json.EnumerateObject().Count()); // and the daemon's output-failed, format-failed
        foreach (var reason in reasons)
            Assert.Equal(dropped[reason], json.GetProperty(StatsJson.ReasonName(reason)).GetInt64());
        Assert.Equal(15, json.GetProperty("discovery").GetInt64());
        Assert.Equal(9, json.GetProperty("unknown-user").GetInt64());
        Assert.Equal(12, json.GetProperty("not-in-time-window").GetInt64());
    }

    [Fact]
    public void Usm_counters()
    {
        var stats = new TrapReceiverStats(0, 0, 0, 0, ImmutableDictionary<DropReason, long>.Empty, 0)
        {
            Usm = new UsmStats(UnsupportedSecLevels: 1, NotInTimeWindows: 2, UnknownUserNames: 3, UnknownEngineIds: 4,
                WrongDigests: 5, DecryptionErrors: 6, KeyDerivations: 7, ReportsSent: 8)
            {
                ReportsSuppressed = 9,
                LocalizedKeysEvicted = 10,
                AcceptedOutsideTimeWindow = 11,
                RemoteEnginesEvicted = 12,
                RemoteEnginesOverQuota = 13,
                RemoteEnginesRefused = 14,
            },
        };
        var usm = JsonDocument.Parse(StatsJson.Format(stats)).RootElement.GetProperty("usm");
        Assert.Equal(
            new Dictionary<string, long>
            {
                ["unsupportedSecLevels"] = 1,
                ["notInTimeWindows"] = 2,
                ["unknownUserNames"] = 3,
                ["unknownEngineIds"] = 4,
                ["wrongDigests"] = 5,
                ["decryptionErrors"] = 6,
                ["keyDerivations"] = 7,
                ["reportsSent"] = 8,
                ["reportsSuppressed"] = 9,
                ["localizedKeysEvicted"] = 10,
                ["acceptedOutsideTimeWindow"] = 11,
                ["remoteEnginesEvicted"] = 12,
                ["remoteEnginesOverQuota"] = 13,
                ["remoteEnginesRefused"] = 14,
            },
            usm.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64()));
    }

    [Fact]
    public void Dtls_evictions()
    {
        var stats = new TrapReceiverStats(0, 0, 0, 0, ImmutableDictionary<DropReason, long>.Empty, 0)
        {
            Dtls = DtlsStats.Empty with { Evicted = 3 },
        };
        Assert.Equal(3, JsonDocument.Parse(StatsJson.Format(stats)).RootElement.GetProperty("dtls").GetProperty("evicted").GetInt64());
    }

    [Fact]
    public void Dtls_handshake_evictions()
    {
        var stats = new TrapReceiverStats(0, 0, 0, 0, ImmutableDictionary<DropReason, long>.Empty, 0)
        {
            Dtls = DtlsStats.Empty with { HandshakesEvicted = 7 },
        };
        Assert.Equal(7, JsonDocument.Parse(StatsJson.Format(stats)).RootElement.GetProperty("dtls").GetProperty("handshakesEvicted").GetInt64());
    }

    [Theory]
    [InlineData(DropReason.TooLarge, "too-large")]
    [InlineData(DropReason.UnsupportedSecurityLevel, "unsupported-security-level")]
    [InlineData(DropReason.NotInTimeWindow, "not-in-time-window")]
    [InlineData(DropReason.WrongDigest, "wrong-digest")]
    [InlineData(DropReason.Discovery, "discovery")]
    public void Reason_names(DropReason reason, string expected) => Assert.Equal(expected, StatsJson.ReasonName(reason));

    [Fact]
    public void One_line()
    {
        var text = StatsJson.Format(new TrapReceiverStats(0, 0, 0, 0, ImmutableDictionary<DropReason, long>.Empty, 0));
        Assert.DoesNotContain('\n', text);
    }
}
