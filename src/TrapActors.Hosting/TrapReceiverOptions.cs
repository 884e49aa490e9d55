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
        var endpoints = Endpoints.ToList();
        if (endpoints.Count == 0 && (Port is not null || BindAddress is not null))
            endpoints.Add(new ListenEndpoint("udp", System.Net.IPAddress.Parse(BindAddress ?? "0.0.0.0"), Port ?? 162).ToString());
        foreach (var endpoint in endpoints)
        {
            if (!ListenEndpoint.TryParse(endpoint, out _, out var error))
                throw new ArgumentException(error, nameof(Endpoints));
        }
        return new HoconWriter().BeginObject("trap-actors")
            .Switch("auto-activate", false)
            .Strings("listener.endpoints", endpoints.Count > 0 ? endpoints : null)
            .Switch("listener.share-local-port", ShareLocalPort)
            .Switch("listener.dual-stack", DualStack)
            .Number("listener.receive-buffer-size", ReceiveBufferSize)
            .Number("listener.max-packet-size", MaxPacketSize)
            .Number("session.max-sessions", MaxSessions)
            .Duration("session.idle-timeout", SessionIdleTimeout)
            .Duration("inform.decision-timeout", InformDecisionTimeout)
            .Switch("community.accept-any", AcceptAnyCommunity)
            .String("usm.local-engine-id", LocalEngineId)
            .String("usm.state-directory", StateDirectory)
            .Switch("events.packet-trace", PacketTrace)
            .Enum("v1.trap-oid-rule", V1TrapOidRule)
            .Enum("inform.acknowledge", InformAcknowledge)
            .EndObject().ToString();
    }

    public override string ToString() => $"TrapReceiverOptions {{ Endpoints = [{string.Join(", ", Endpoints)}], Communities = <{Communities.Count} redacted>, Users = {Users.Count} }}";
}
