using System.Text;
using Akka.Hosting;

namespace TrapActors.Hosting;

/// <summary>
/// Receiver options for Akka.Hosting. Every null knob leaves hocon/reference.conf (or your HOCON) in force;
/// secrets go into the <see cref="TrapReceiverSetup"/>, never into HOCON.
/// </summary>
public sealed class TrapReceiverOptions
{
    /// <summary>Endpoints as TRANSPORT:HOST:PORT ("udp:0.0.0.0:162", "udp:[::1]:0"). Empty: <see cref="Port"/>/<see cref="BindAddress"/> or the configuration.</summary>
    public IList<string> Endpoints { get; } = [];

    /// <summary>Shorthand for one UDP endpoint on <see cref="BindAddress"/> (default 0.0.0.0).</summary>
    public int? Port { get; set; }

    /// <summary>The local address of the <see cref="Port"/> shorthand (default 0.0.0.0; "::" for IPv6 and, with <see cref="DualStack"/>, IPv4).</summary>
    public string? BindAddress { get; set; }

    /// <summary>Accepted v1/v2c communities (kept out of HOCON).</summary>
    public IList<string> Communities { get; } = [];

    /// <summary>Accept any v1/v2c community (trap-actors.community.accept-any).</summary>
    public bool? AcceptAnyCommunity { get; set; }

    /// <summary>SNMPv3 USM users (kept out of HOCON).</summary>
    public IList<UsmUser> Users { get; } = [];

    /// <summary>The local engine ID in hex (trap-actors.usm.local-engine-id).</summary>
    public string? LocalEngineId { get; set; }

    /// <summary>Where the engine ID and boots are kept (trap-actors.usm.state-directory).</summary>
    public string? StateDirectory { get; set; }

    /// <summary>Let several sockets bind the same address and port (trap-actors.listener.share-local-port).</summary>
    public bool? ShareLocalPort { get; set; }

    /// <summary>On an IPv6 wildcard endpoint also receive IPv4 (trap-actors.listener.dual-stack).</summary>
    public bool? DualStack { get; set; }

    /// <summary>The socket receive buffer in bytes, which absorbs trap storms (trap-actors.listener.receive-buffer-size).</summary>
    public int? ReceiveBufferSize { get; set; }

    /// <summary>The largest datagram accepted, 1..65535 (trap-actors.listener.max-packet-size).</summary>
    public int? MaxPacketSize { get; set; }

    /// <summary>How long a per-source session lives without a datagram (trap-actors.session.idle-timeout).</summary>
    public TimeSpan? SessionIdleTimeout { get; set; }

    /// <summary>Most per-source sessions per listener (trap-actors.session.max-sessions).</summary>
    public int? MaxSessions { get; set; }

    /// <summary>How the trap OID of a v1 trap is formed (trap-actors.v1.trap-oid-rule).</summary>
    public V1TrapOidRule? V1TrapOidRule { get; set; }

    /// <summary>Who answers informs: on receipt, subscribers, or after delivery (trap-actors.inform.acknowledge).</summary>
    public InformAcknowledgeMode? InformAcknowledge { get; set; }

    /// <summary>How long an inform waits for a subscriber's decision or confirmation (trap-actors.inform.decision-timeout).</summary>
    public TimeSpan? InformDecisionTimeout { get; set; }

    /// <summary>Publish <see cref="PacketTraced"/> for every datagram in and out (trap-actors.events.packet-trace).</summary>
    public bool? PacketTrace { get; set; }

    /// <summary>Bind when the host starts (after every subscriber registered with WithTrapSubscriber has subscribed). Default true.</summary>
    public bool Activate { get; set; } = true;

    /// <summary>Fail the host's start when an endpoint cannot be bound. Default true.</summary>
    public bool FailOnBindError { get; set; } = true;

    /// <summary>The clock for receive time stamps and USM timeliness (<see cref="TrapReceiverSetup.TimeProvider"/>); null: the system clock.</summary>
    public TimeProvider? TimeProvider { get; set; }

    internal void Apply(AkkaConfigurationBuilder builder)
    {
        builder.AddHocon(ToHocon(), HoconAddMode.Prepend);
        builder.AddHocon(TrapReceiverExtension.DefaultConfig(), HoconAddMode.Append);
        // The notifications' serializer, so that they can reach subscribers on other nodes (harmless on one node).
        builder.AddHocon(TrapActors.Serialization.TrapActorsSerialization.Config, HoconAddMode.Append);
        builder.AddSetup(new TrapReceiverSetup
        {
            Communities = [.. Communities],
            Users = [.. Users],
            TimeProvider = TimeProvider ?? TimeProvider.System,
        });
    }

    internal string ToHocon()
    {
        var sb = new StringBuilder("trap-actors {\n  auto-activate = off\n");
        var endpoints = Endpoints.ToList();
        if (endpoints.Count == 0 && (Port is not null || BindAddress is not null))
            endpoints.Add(new ListenEndpoint("udp", System.Net.IPAddress.Parse(BindAddress ?? "0.0.0.0"), Port ?? 162).ToString());
        foreach (var endpoint in endpoints)
        {
            if (!ListenEndpoint.TryParse(endpoint, out _, out var error))
                throw new ArgumentException(error, nameof(Endpoints));
        }
        if (endpoints.Count > 0)
            sb.Append("  listener.endpoints = [").Append(string.Join(", ", endpoints.Select(e => e.ToHocon()))).Append("]\n");
        Line(sb, "listener.share-local-port", ShareLocalPort);
        Line(sb, "listener.dual-stack", DualStack);
        Line(sb, "listener.receive-buffer-size", ReceiveBufferSize);
        Line(sb, "listener.max-packet-size", MaxPacketSize);
        Line(sb, "session.max-sessions", MaxSessions);
        if (SessionIdleTimeout is { } idle)
            sb.Append("  session.idle-timeout = ").Append(idle.ToHocon()).Append('\n');
        if (InformDecisionTimeout is { } decision)
            sb.Append("  inform.decision-timeout = ").Append(decision.ToHocon()).Append('\n');
        Line(sb, "community.accept-any", AcceptAnyCommunity);
        if (LocalEngineId is not null)
            sb.Append("  usm.local-engine-id = ").Append(LocalEngineId.ToHocon()).Append('\n');
        if (StateDirectory is not null)
            sb.Append("  usm.state-directory = ").Append(StateDirectory.ToHocon()).Append('\n');
        Line(sb, "events.packet-trace", PacketTrace);
        if (V1TrapOidRule is { } rule)
            sb.Append("  v1.trap-oid-rule = ").Append(TrapReceiverSettings.ToKebab(rule.ToString())).Append('\n');
        if (InformAcknowledge is { } ack)
            sb.Append("  inform.acknowledge = ").Append(TrapReceiverSettings.ToKebab(ack.ToString())).Append('\n');
        return sb.Append("}\n").ToString();
    }

    private static void Line(StringBuilder sb, string key, bool? value)
    {
        if (value is { } v)
            sb.Append("  ").Append(key).Append(" = ").Append(v ? "on" : "off").Append('\n');
    }

    private static void Line(StringBuilder sb, string key, int? value)
    {
        if (value is { } v)
            sb.Append("  ").Append(key).Append(" = ").Append(v).Append('\n');
    }

    /// <summary>The endpoints and counts; communities and users' secrets are redacted.</summary>
    public override string ToString() => $"TrapReceiverOptions {{ Endpoints = [{string.Join(", ", Endpoints)}], Communities = <{Communities.Count} redacted>, Users = {Users.Count} }}";
}
