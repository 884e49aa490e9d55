using System.Text;
using Akka.Hosting;
using TrapActors.Configuration;

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

    public string? BindAddress { get; set; }

    /// <summary>Accepted v1/v2c communities (kept out of HOCON).</summary>
    public IList<string> Communities { get; } = [];

    public bool? AcceptAnyCommunity { get; set; }

    /// <summary>SNMPv3 USM users (kept out of HOCON).</summary>
    public IList<UsmUser> Users { get; } = [];

    /// <summary>The local engine ID in hex (trap-actors.usm.local-engine-id).</summary>
    public string? LocalEngineId { get; set; }

    /// <summary>Where the engine ID and boots are kept (trap-actors.usm.state-directory).</summary>
    public string? StateDirectory { get; set; }

    public bool? ShareLocalPort { get; set; }

    public bool? DualStack { get; set; }

    public int? ReceiveBufferSize { get; set; }

    public int? MaxPacketSize { get; set; }

    public TimeSpan? SessionIdleTimeout { get; set; }

    public int? MaxSessions { get; set; }

    public V1TrapOidRule? V1TrapOidRule { get; set; }

    public InformAcknowledgeMode? InformAcknowledge { get; set; }

    public TimeSpan? InformDecisionTimeout { get; set; }

    public bool? PacketTrace { get; set; }

    /// <summary>Bind when the host starts (after every subscriber registered with WithTrapSubscriber has subscribed). Default true.</summary>
    public bool Activate { get; set; } = true;

    /// <summary>Fail the host's start when an endpoint cannot be bound. Default true.</summary>
    public bool FailOnBindError { get; set; } = true;

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
            sb.Append("  v1.trap-oid-rule = ").Append(KebabCase.Of(rule)).Append('\n');
        if (InformAcknowledge is { } ack)
            sb.Append("  inform.acknowledge = ").Append(KebabCase.Of(ack)).Append('\n');
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

    public override string ToString() => $"TrapReceiverOptions {{ Endpoints = [{string.Join(", ", Endpoints)}], Communities = <{Communities.Count} redacted>, Users = {Users.Count} }}";
}
