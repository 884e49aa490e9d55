using System.Net;
using Akka.Event;
using TrapActors.Diagnostics;
using Xunit;
using Xunit.Abstractions;

namespace TrapActors.Tests.Diagnostics;

/// <summary>
/// <see cref="DropReporter"/> and <see cref="ReceiverDiagnostics.Trace"/> on their own: what is counted, logged and
/// published for a dropped or traced datagram, and what the rate limits hold back. Publishing on the EventStream is
/// synchronous, so a marker published afterwards arrives after anything the step published: no waiting for silence.
/// </summary>
public sealed class DropReporterTests(ITestOutputHelper output) : Akka.TestKit.Xunit2.TestKit("akka.loglevel = DEBUG", output: output)
{
    private const string Marker = "marker: nothing published before this";
    private static readonly IPEndPoint Source = new(IPAddress.Parse("192.0.2.7"), 40123);

    private ReceiverDiagnostics Diagnostics(EventSettings settings) => new(settings, new ReceiverCounters(), Sys.EventStream);

    private DropReporter Reporter(ReceiverDiagnostics diagnostics) => new(diagnostics, Logging.GetLogger(Sys, nameof(DropReporterTests)));

    private Akka.TestKit.TestProbe Listen<T>()
    {
        var probe = CreateTestProbe();
        Sys.EventStream.Subscribe(probe.Ref, typeof(T));
        return probe;
    }

    /// <summary>Every BadPacketReceived published before the marker.</summary>
    private List<BadPacketReceived> BadPacketsBefore(Akka.TestKit.TestProbe probe)
    {
        Sys.EventStream.Publish(new BadPacketReceived(ReadOnlyMemory<byte>.Empty, Source, 0, Marker, DropReason.Malformed));
        var received = new List<BadPacketReceived>();
        while (probe.ExpectMsg<BadPacketReceived>() is { } e && e.Description != Marker)
            received.Add(e);
        return received;
    }

    /// <summary>Every PacketTraced published before the marker.</summary>
    private List<PacketTraced> TracesBefore(Akka.TestKit.TestProbe probe)
    {
        var marker = new IPEndPoint(IPAddress.Broadcast, 9);
        Sys.EventStream.Publish(new PacketTraced(PacketDirection.Outgoing, ReadOnlyMemory<byte>.Empty, marker));
        var received = new List<PacketTraced>();
        while (probe.ExpectMsg<PacketTraced>() is { } e && !Equals(e.Peer, marker))
            received.Add(e);
        return received;
    }

    /// <summary>The "Dropped datagram" Debug lines logged before the marker.</summary>
    private List<string> DropLinesBefore(Akka.TestKit.TestProbe probe)
    {
        Sys.EventStream.Publish(new Debug(nameof(DropReporterTests), GetType(), Marker));
        var lines = new List<string>();
        while (probe.ExpectMsg<Debug>() is { } d && d.Message?.ToString() != Marker)
        {
            var line = d.ToString();
            if (d.Message?.ToString()?.StartsWith("Dropped datagram", StringComparison.Ordinal) == true)
                lines.Add(line);
        }
        return lines;
    }

    [Fact]
    public void Count_counts_by_reason_and_publishes_nothing()
    {
        var diagnostics = Diagnostics(new EventSettings { BadPacket = true });
        var events = Listen<BadPacketReceived>();
        var logs = Listen<Debug>();
        var reporter = Reporter(diagnostics);

        reporter.Count(DropReason.Discovery);
        reporter.Count(DropReason.DuplicateInform, 3);
        reporter.Count(DropReason.Discovery);

        var stats = diagnostics.Counters.Snapshot();
        Assert.Equal(2, stats.Dropped[DropReason.Discovery]);
        Assert.Equal(3, stats.Dropped[DropReason.DuplicateInform]);
        Assert.Equal(5, stats.TotalDropped);
        Assert.Empty(BadPacketsBefore(events));
        Assert.Empty(DropLinesBefore(logs));
        Assert.Equal(0, diagnostics.Events.Refused);
    }

    [Fact]
    public void Refuse_counts_and_logs_a_debug_line_without_an_event()
    {
        var diagnostics = Diagnostics(new EventSettings { BadPacket = true });
        var events = Listen<BadPacketReceived>();
        var logs = Listen<Debug>();
        var reporter = Reporter(diagnostics);

        reporter.Refuse(DropReason.TooLarge, Source, "longer than listener.max-packet-size");

        Assert.Equal(1, diagnostics.Counters.Snapshot().Dropped[DropReason.TooLarge]);
        Assert.Equal(1, diagnostics.Counters.Snapshot().TotalDropped);
        var line = Assert.Single(DropLinesBefore(logs));
        Assert.Contains("192.0.2.7:40123", line);
        Assert.Contains("longer than listener.max-packet-size", line);
        Assert.Empty(BadPacketsBefore(events));
    }

    [Fact]
    public void Log_lines_beyond_max_log_lines_per_second_are_suppressed_and_counted_but_every_drop_is_counted()
    {
        var diagnostics = Diagnostics(new EventSettings { MaxLogLinesPerSecond = 2 });
        var logs = Listen<Debug>();
        var reporter = Reporter(diagnostics);

        for (var i = 0; i < 10; i++)
            reporter.Refuse(DropReason.SessionLimit, Source, "beyond session.max-sessions");

        Assert.Equal(10, diagnostics.Counters.Snapshot().Dropped[DropReason.SessionLimit]);
        var written = DropLinesBefore(logs).Count;
        Assert.Equal(10, written + diagnostics.LogLines.Refused);
        Assert.InRange(written, 2, 4);   // 2 a second; the loop may straddle two one-second windows
    }

    [Fact]
    public void Reject_counts_logs_and_publishes_a_bad_packet_event()
    {
        var diagnostics = Diagnostics(new EventSettings { BadPacket = true });
        var events = Listen<BadPacketReceived>();
        var logs = Listen<Debug>();
        var reporter = Reporter(diagnostics);
        byte[] packet = [0x30, 0x03, 0x02, 0x01];

        reporter.Reject(DropReason.UnknownCommunity, TrapReceiverErrorCodes.BadPacket, "community not accepted", packet, Source);

        Assert.Equal(1, diagnostics.Counters.Snapshot().Dropped[DropReason.UnknownCommunity]);
        Assert.Equal(1, diagnostics.Counters.Snapshot().TotalDropped);
        var e = Assert.Single(BadPacketsBefore(events));
        Assert.Equal(packet, e.Packet.ToArray());
        Assert.Equal(Source, e.Source);
        Assert.Equal(TrapReceiverErrorCodes.BadPacket, e.ErrorCode);
        Assert.Equal("community not accepted", e.Description);
        Assert.Equal(DropReason.UnknownCommunity, e.Reason);
        Assert.Single(DropLinesBefore(logs));
    }

    [Fact]
    public void Reject_with_bad_packet_events_off_counts_without_an_event_and_uses_no_event_budget()
    {
        var diagnostics = Diagnostics(new EventSettings { BadPacket = false, MaxPerSecond = 1 });
        var events = Listen<BadPacketReceived>();
        var reporter = Reporter(diagnostics);

        reporter.Reject(DropReason.Malformed, TrapReceiverErrorCodes.DefectivePacket, "truncated", [0x30], Source);
        reporter.Reject(DropReason.Malformed, TrapReceiverErrorCodes.DefectivePacket, "truncated", [0x30], Source);

        Assert.Equal(2, diagnostics.Counters.Snapshot().Dropped[DropReason.Malformed]);
        Assert.Empty(BadPacketsBefore(events));
        Assert.Equal(0, diagnostics.Events.Refused);
    }

    [Fact]
    public void Events_beyond_max_per_second_are_suppressed_and_counted_but_every_drop_is_counted()
    {
        var diagnostics = Diagnostics(new EventSettings { BadPacket = true, MaxPerSecond = 3 });
        var events = Listen<BadPacketReceived>();
        var reporter = Reporter(diagnostics);

        for (var i = 0; i < 10; i++)
            reporter.Reject(DropReason.Malformed, TrapReceiverErrorCodes.DefectivePacket, $"bad {i}", [(byte)i], Source);

        Assert.Equal(10, diagnostics.Counters.Snapshot().Dropped[DropReason.Malformed]);
        var published = BadPacketsBefore(events);
        Assert.Equal(10, published.Count + diagnostics.Events.Refused);
        Assert.InRange(published.Count, 3, 6);   // 3 a second; the loop may straddle two one-second windows
        Assert.Equal(published.Select(e => e.Description).Order(StringComparer.Ordinal), published.Select(e => e.Description));
        Assert.Equal("bad 0", published[0].Description);
    }

    [Fact]
    public void Drops_of_different_reasons_are_counted_apart()
    {
        var diagnostics = Diagnostics(new EventSettings());
        var reporter = Reporter(diagnostics);

        reporter.Count(DropReason.NoSubscriber);
        reporter.Refuse(DropReason.SessionLimit, Source, "limit");
        reporter.Reject(DropReason.WrongDigest, TrapReceiverErrorCodes.BadPacket, "digest", [1], Source);

        var dropped = diagnostics.Counters.Snapshot().Dropped;
        Assert.Equal(1, dropped[DropReason.NoSubscriber]);
        Assert.Equal(1, dropped[DropReason.SessionLimit]);
        Assert.Equal(1, dropped[DropReason.WrongDigest]);
        Assert.Equal(3, dropped.Values.Sum());
    }

    // ---------------------------------------------------------------- ReceiverDiagnostics.Trace

    [Fact]
    public void Trace_publishes_nothing_with_packet_trace_off()
    {
        var diagnostics = Diagnostics(new EventSettings { PacketTrace = false });
        var traces = Listen<PacketTraced>();

        diagnostics.Trace(PacketDirection.Incoming, new byte[] { 1, 2, 3 }, Source);

        Assert.Empty(TracesBefore(traces));
        Assert.Equal(0, diagnostics.Events.Refused);
    }

    [Fact]
    public void Trace_publishes_packet_traced_with_packet_trace_on()
    {
        var diagnostics = Diagnostics(new EventSettings { PacketTrace = true });
        var traces = Listen<PacketTraced>();

        diagnostics.Trace(PacketDirection.Incoming, new byte[] { 1, 2, 3 }, Source);
        diagnostics.Trace(PacketDirection.Outgoing, new byte[] { 4 }, Source, decrypted: true);

        var published = TracesBefore(traces);
        Assert.Equal(2, published.Count);
        Assert.Equal(PacketDirection.Incoming, published[0].Direction);
        Assert.Equal([1, 2, 3], published[0].Packet.ToArray());
        Assert.Equal(Source, published[0].Peer);
        Assert.False(published[0].Decrypted);
        Assert.Equal(PacketDirection.Outgoing, published[1].Direction);
        Assert.True(published[1].Decrypted);
    }

    [Fact]
    public void Traces_share_the_event_rate_with_bad_packet_events()
    {
        var diagnostics = Diagnostics(new EventSettings { PacketTrace = true, BadPacket = true, MaxPerSecond = 2 });
        var traces = Listen<PacketTraced>();
        var events = Listen<BadPacketReceived>();
        var reporter = Reporter(diagnostics);

        for (var i = 0; i < 5; i++)
        {
            diagnostics.Trace(PacketDirection.Incoming, new byte[] { (byte)i }, Source);
            reporter.Reject(DropReason.Malformed, TrapReceiverErrorCodes.DefectivePacket, "bad", [(byte)i], Source);
        }

        var published = TracesBefore(traces).Count + BadPacketsBefore(events).Count;
        Assert.Equal(10, published + diagnostics.Events.Refused);
        Assert.InRange(published, 2, 4);   // 2 a second, shared; the loop may straddle two one-second windows
    }
}
