using Akka.Hosting;
using TrapActors.Configuration;

namespace TrapActors.Hosting;

/// <summary>
/// Receiver options for Akka.Hosting. Every null knob leaves hocon/reference.conf (or your HOCON) in force;
/// secrets go into the <see cref="TrapReceiverSetup"/>, never into HOCON.
/// </summary>
public sealed partial class TrapReceiverOptions
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

    /// <summary>Where the engine ID and boots, and the remote engines' clocks, are kept (trap-actors.usm.state-directory).</summary>
    public string? StateDirectory { get; set; }

    /// <summary>Most remote engines tracked for timeliness; the least recently used learned one makes room (trap-actors.usm.max-remote-engines).</summary>
    public int? MaxRemoteEngines { get; set; }

    /// <summary>Most remote engines one any-engine user's messages keep known at once (trap-actors.usm.max-remote-engines-per-user).</summary>
    public int? MaxRemoteEnginesPerUser { get; set; }

    /// <summary>Let several sockets bind the same address and port (trap-actors.listener.share-local-port).</summary>
    public bool? ShareLocalPort { get; set; }

    /// <summary>On an IPv6 wildcard endpoint also receive IPv4 (trap-actors.listener.dual-stack).</summary>
    public bool? DualStack { get; set; }

    /// <summary>The socket receive buffer in bytes, which absorbs trap storms (trap-actors.listener.receive-buffer-size).</summary>
    public int? ReceiveBufferSize { get; set; }

    /// <summary>Compile the receive path with synthetic notifications before a UDP listener binds; false skips it (trap-actors.listener.warm-up).</summary>
    public bool? WarmUp { get; set; }

    /// <summary>The largest datagram accepted, 1..65535 (trap-actors.listener.max-packet-size).</summary>
    public int? MaxPacketSize { get; set; }

    /// <summary>How long a per-source session lives without a datagram (trap-actors.session.idle-timeout).</summary>
    public TimeSpan? SessionIdleTimeout { get; set; }

    /// <summary>Most per-source sessions per listener; beyond, the least recently used one that holds no work is evicted (trap-actors.session.max-sessions).</summary>
    public int? MaxSessions { get; set; }

    /// <summary>How the trap OID of a v1 trap is formed (trap-actors.v1.trap-oid-rule).</summary>
    public V1TrapOidRule? V1TrapOidRule { get; set; }

    /// <summary>Who answers informs: on receipt, subscribers, or after delivery (trap-actors.inform.acknowledge).</summary>
    public InformAcknowledgeMode? InformAcknowledge { get; set; }

    /// <summary>How long an inform waits for a subscriber's decision or confirmation (trap-actors.inform.decision-timeout).</summary>
    public TimeSpan? InformDecisionTimeout { get; set; }

    /// <summary>What happens to an inform when no decision came in time: respond or suppress (trap-actors.inform.on-timeout).</summary>
    public InformTimeoutAction? InformOnTimeout { get; set; }

    /// <summary>How long a retransmitted inform is recognised and never delivered twice (trap-actors.inform.duplicate-window).</summary>
    public TimeSpan? InformDuplicateWindow { get; set; }

    /// <summary>Notifications that may wait in one subscriber's mailbox, unless its Subscribe says otherwise (trap-actors.subscribers.queue-capacity).</summary>
    public int? SubscriberQueueCapacity { get; set; }

    /// <summary>What happens beyond <see cref="SubscriberQueueCapacity"/> (trap-actors.subscribers.overflow).</summary>
    public SubscriberOverflow? SubscriberOverflow { get; set; }

    /// <summary>How long a message waits for a USM policy decision before it is dropped (trap-actors.usm.policy-timeout).</summary>
    public TimeSpan? UsmPolicyTimeout { get; set; }

    /// <summary>Most messages of one source waiting for USM policy decisions (trap-actors.usm.max-pending-policy-decisions-per-session).</summary>
    public int? MaxPendingUsmPolicyDecisionsPerSession { get; set; }

    /// <summary>Most messages of all sources waiting for USM policy decisions (trap-actors.usm.max-pending-policy-decisions).</summary>
    public int? MaxPendingUsmPolicyDecisions { get; set; }

    /// <summary>How long a user name GetUser did not supply stays unknown without asking again; zero: ask every time (trap-actors.usm.unknown-user-cache-time).</summary>
    public TimeSpan? UnknownUsmUserCacheTime { get; set; }

    /// <summary>Publish <see cref="PacketTraced"/> for every datagram in and out (trap-actors.events.packet-trace).</summary>
    public bool? PacketTrace { get; set; }

    /// <summary>
    /// Directories of MIB modules loaded once at start (<see cref="TrapReceiverSetup.MibDirectories"/>), for subscribers to
    /// describe notifications with <c>TrapReceiverExtension.Get(system).Mibs</c>. Empty: none loaded.
    /// </summary>
    public IList<string> MibDirectories { get; } = [];

    /// <summary>The modules to load from <see cref="MibDirectories"/> with what they import; empty: all (<see cref="TrapReceiverSetup.MibModules"/>).</summary>
    public IList<string> MibModules { get; } = [];

    /// <summary>Modules the application loaded itself, used instead of <see cref="MibDirectories"/> (<see cref="TrapReceiverSetup.Mibs"/>).</summary>
    public TrapActors.Mib.MibSet? Mibs { get; set; }

    /// <summary>Bind when the host starts (after every subscriber registered with WithTrapSubscriber has subscribed). Default true.</summary>
    public bool Activate { get; set; } = true;

    /// <summary>Fail the host's start when an endpoint cannot be bound. Default true.</summary>
    public bool FailOnBindError { get; set; } = true;

    /// <summary>The clock for receive time stamps and USM timeliness (<see cref="TrapReceiverSetup.TimeProvider"/>); null: the system clock.</summary>
    public TimeProvider? TimeProvider { get; set; }

    internal void Apply(AkkaConfigurationBuilder builder)
    {
        builder.AddHocon(ToConfig(), HoconAddMode.Prepend);
        builder.AddHocon(TrapReceiverExtension.DefaultConfig(), HoconAddMode.Append);
        // The notifications' serializer, so that they can reach subscribers on other nodes (harmless on one node).
        builder.AddHocon(TrapActors.Serialization.TrapActorsSerialization.Config, HoconAddMode.Append);
        builder.AddSetup(new TrapReceiverSetup
        {
            Communities = [.. Communities],
            Users = [.. Users],
            TimeProvider = TimeProvider ?? TimeProvider.System,
            UsmPolicies = UsmPolicies ?? TrapActors.UsmPolicies.Default,
            DtlsServerIdentity = DtlsServerIdentity,
            DtlsClientAuthentication = DtlsClientAuthentication,
            ConfigureSettings = ConfigureSettings,
            InMemoryEndpoints = [.. InMemoryEndpoints],
            MibDirectories = [.. MibDirectories],
            MibModules = [.. MibModules],
            Mibs = Mibs,
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
            .Switch("listener.warm-up", WarmUp)
            .Number("listener.max-packet-size", MaxPacketSize)
            .Number("session.max-sessions", MaxSessions)
            .Duration("session.idle-timeout", SessionIdleTimeout)
            .Duration("inform.decision-timeout", InformDecisionTimeout)
            .Enum("inform.on-timeout", InformOnTimeout)
            .Duration("inform.duplicate-window", InformDuplicateWindow)
            .Number("subscribers.queue-capacity", SubscriberQueueCapacity)
            .Enum("subscribers.overflow", SubscriberOverflow)
            .Switch("community.accept-any", AcceptAnyCommunity)
            .String("usm.local-engine-id", LocalEngineId)
            .String("usm.state-directory", StateDirectory)
            .Duration("usm.policy-timeout", UsmPolicyTimeout)
            .Number("usm.max-pending-policy-decisions-per-session", MaxPendingUsmPolicyDecisionsPerSession)
            .Number("usm.max-pending-policy-decisions", MaxPendingUsmPolicyDecisions)
            .Duration("usm.unknown-user-cache-time", UnknownUsmUserCacheTime)
            .Number("usm.max-remote-engines", MaxRemoteEngines)
            .Number("usm.max-remote-engines-per-user", MaxRemoteEnginesPerUser)
            .Switch("events.packet-trace", PacketTrace)
            .Enum("v1.trap-oid-rule", V1TrapOidRule)
            .Enum("inform.acknowledge", InformAcknowledge)
            .String("dtls.certificate-file", DtlsCertificateFile)
            .String("dtls.key-file", DtlsKeyFile)
            .String("dtls.trust-anchors-file", DtlsTrustAnchorsFile)
            .Strings("dtls.cert-map", DtlsCertMap.Count > 0 ? DtlsCertMap : null)
            .Switch("dtls.security-name-prefix", DtlsSecurityNamePrefix)
            .EndObject().ToString() + AccessHocon();
    }

    /// <summary>The endpoints and counts; communities and users' secrets are redacted.</summary>
    public override string ToString() => $"TrapReceiverOptions {{ Endpoints = [{string.Join(", ", Endpoints)}], Communities = <{Communities.Count} redacted>, Users = {Users.Count} }}";
}
