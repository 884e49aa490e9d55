using System.Collections.Immutable;
using TrapActors.Snmp;

namespace TrapActors;

/// <summary>The endpoints and their sockets (trap-actors.listener).</summary>
public sealed record ListenerSettings
{
    /// <summary>The endpoints to bind (listener.endpoints), e.g. udp:0.0.0.0:162, dtls:0.0.0.0:10162.</summary>
    public ImmutableArray<ListenEndpoint> Endpoints { get; init; } = [ListenEndpoint.Parse("udp:0.0.0.0:162")];

    /// <summary>On an IPv6 wildcard endpoint also receive IPv4 (listener.dual-stack).</summary>
    public bool DualStack { get; init; } = true;

    /// <summary>Let several sockets bind the same address and port, SO_REUSEADDR/SO_REUSEPORT (listener.share-local-port).</summary>
    public bool ShareLocalPort { get; init; }

    /// <summary>Fail when the port is taken (true), or fall back to an ephemeral port (listener.force-local-port).</summary>
    public bool ForceLocalPort { get; init; } = true;

    /// <summary>The socket receive buffer in bytes, which absorbs trap storms; 0: the OS default (listener.receive-buffer-size).</summary>
    public int ReceiveBufferSize { get; init; } = 16 * 1024 * 1024;

    /// <summary>The socket send buffer in bytes; 0: the OS default (listener.send-buffer-size).</summary>
    public int SendBufferSize { get; init; }

    /// <summary>The largest datagram accepted, 1..65535; longer ones are dropped as <see cref="DropReason.TooLarge"/> (listener.max-packet-size).</summary>
    public int MaxPacketSize { get; init; } = DecodeLimits.AbsoluteMaxDatagramSize;

    /// <summary>Read datagrams from the start (listener.accept-data); <see cref="SetAcceptData"/> switches it at run time.</summary>
    public bool AcceptData { get; init; } = true;

    /// <summary>Most datagrams read but not yet handled by their sessions; at the bound the listener stops reading (listener.max-in-flight).</summary>
    public int MaxInFlight { get; init; } = 1_000;

    /// <summary>
    /// Before a UDP listener binds, run synthetic notifications through the session's steps with tables of their own, so
    /// that the first datagrams find the code compiled; nothing is counted or delivered (listener.warm-up).
    /// </summary>
    public bool WarmUp { get; init; } = true;
}

/// <summary>The per-source sessions, one actor per sender address and port (trap-actors.session).</summary>
public sealed record SessionSettings
{
    /// <summary>A session stops after this long without a datagram (session.idle-timeout).</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Most sessions per listener (session.max-sessions). A new source beyond evicts the least recently used session that
    /// holds no work (<see cref="TrapReceiverStats.SessionsEvicted"/>); only when every session holds work is it dropped
    /// as <see cref="DropReason.SessionLimit"/>.
    /// </summary>
    public int MaxSessions { get; init; } = 10_000;

    /// <summary>Datagrams held for a source whose session is stopping, before they are dropped (session.max-pending-per-source).</summary>
    public int MaxPendingPerSource { get; init; } = 1024;
}

/// <summary>The communities accepted on SNMPv1 and SNMPv2c messages (trap-actors.community; more in <see cref="TrapReceiverSetup.Communities"/>).</summary>
public sealed record CommunitySettings
{
    /// <summary>The communities accepted (community.accepted); others are dropped as <see cref="DropReason.UnknownCommunity"/>.</summary>
    public ImmutableArray<string> Accepted { get; init; } = [];

    /// <summary>Accept any community (community.accept-any); off by default so that nothing is accepted by accident.</summary>
    public bool AcceptAny { get; init; }

    /// <summary>The number of communities and the switch; the communities themselves are secrets and never printed.</summary>
    public override string ToString() => $"CommunitySettings {{ Accepted = <{Accepted.Length} redacted>, AcceptAny = {AcceptAny} }}";
}

/// <summary>How informs (confirmed notifications, RFC 3416 §4.2.7) are answered (trap-actors.inform).</summary>
public sealed record InformSettings
{
    /// <summary>Who answers: on receipt, subscribers, or after delivery (inform.acknowledge).</summary>
    public InformAcknowledgeMode Acknowledge { get; init; } = InformAcknowledgeMode.OnReceipt;

    /// <summary>How long a by-subscriber or after-delivery inform waits for a decision or confirmation (inform.decision-timeout).</summary>
    public TimeSpan DecisionTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>What happens when no decision came in time (inform.on-timeout).</summary>
    public InformTimeoutAction OnTimeout { get; init; } = InformTimeoutAction.Respond;

    /// <summary>The largest Response sent; a larger one becomes a tooBig Response without varbinds, RFC 3416 §4.2.7 (inform.max-response-size).</summary>
    public int MaxResponseSize { get; init; } = SnmpLimits.MaxUdpPayload;

    /// <summary>How long an inform is remembered (by source, engine or community, and request-id) so that a retransmission is not delivered twice.</summary>
    public TimeSpan DuplicateWindow { get; init; } = TimeSpan.FromSeconds(60);
}

/// <summary>How AES-192/256 privacy keys are extended (trap-actors.usm.aes-key-extension).</summary>
public enum AesKeyExtensionMode
{
    /// <summary>Each user's protocol decides: AES-192/AES-256 use draft-blumenthal-aes-usm-04, AES-192-C/AES-256-C the Reeder draft.</summary>
    AsConfigured,
    /// <summary>Try both extensions on a user's first message from an engine and keep the one that decrypted a well-formed scoped PDU.</summary>
    Detect,
}

/// <summary>SNMPv3 USM: the local engine, timeliness, limits and Reports (trap-actors.usm).</summary>
public sealed record UsmSettings
{
    /// <summary>This receiver's snmpEngineID (usm.local-engine-id, hex); null: generated once (RFC 3411 format 5).</summary>
    public byte[]? LocalEngineId { get; init; }

    /// <summary>The enterprise number put into a generated engine ID (usm.engine-enterprise-number).</summary>
    public int EngineEnterpriseNumber { get; init; }

    /// <summary>Where the engine ID and snmpEngineBoots are kept across restarts; null: not kept (usm.state-directory).</summary>
    public string? StateDirectory { get; init; }

    /// <summary>The RFC 3414 §3.2 step 7 timeliness window (usm.time-window, 150 seconds in the RFC).</summary>
    public TimeSpan TimeWindow { get; init; } = TimeSpan.FromSeconds(150);

    /// <summary>
    /// Deliver authenticated traps from a remote engine even when they fall outside <see cref="TimeWindow"/>, counted in
    /// UsmStats.AcceptedOutsideTimeWindow (usm.accept-outside-time-window; off: RFC 3414 §3.2 step 7b drops them).
    /// For agents whose clock is never set (boots and time 0 on every message). Informs to this engine are still checked.
    /// </summary>
    public bool AcceptOutsideTimeWindow { get; init; }

    /// <summary>
    /// Most remote engines tracked for timeliness (usm.max-remote-engines); a new one in a full table evicts the least
    /// recently used learned engine (never one added with AddUsmEngine).
    /// </summary>
    public int MaxRemoteEngines { get; init; } = 10_000;

    /// <summary>
    /// Most remote engines that one any-engine user's messages keep known at once (usm.max-remote-engines-per-user): past it,
    /// that user's least recently used engine leaves, so one key cannot push out every other device.
    /// </summary>
    public int MaxRemoteEnginesPerUser { get; init; } = 5_000;

    /// <summary>How often the remote engines' clocks are saved in <see cref="StateDirectory"/>, besides at shutdown (usm.remote-engines-save-interval).</summary>
    public TimeSpan RemoteEnginesSaveInterval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Most SNMPv3 informs remembered across sessions to detect duplicates (usm.max-recent-informs).</summary>
    public int MaxRecentInforms { get; init; } = 10_000;

    /// <summary>Most keys localized on the fly for users of any engine (usm.max-localized-keys).</summary>
    public int MaxLocalizedKeys { get; init; } = 10_000;

    /// <summary>How AES-192/256 keys are extended (usm.aes-key-extension).</summary>
    public AesKeyExtensionMode AesKeyExtension { get; init; } = AesKeyExtensionMode.AsConfigured;

    /// <summary>Send Report-PDUs (RFC 3414 §3.2) to reportable messages that fail USM (usm.report-errors).</summary>
    public bool ReportErrors { get; init; } = true;

    /// <summary>At most this many Reports a second, so spoofed probes cannot make the receiver a reflector (usm.max-reports-per-second).</summary>
    public int MaxReportsPerSecond { get; init; } = 100;

    /// <summary>Answer engine-discovery probes (RFC 3414 §4) with a Report carrying this engine's ID (usm.respond-to-discovery).</summary>
    public bool RespondToDiscovery { get; init; } = true;

    /// <summary><see cref="ShowUsmCache"/> shows passwords and keys instead of masking them (usm.show-passwords).</summary>
    public bool ShowPasswords { get; init; }

    /// <summary><see cref="PacketTraced"/> events also carry decrypted scoped PDUs (usm.decrypt-log-packets).</summary>
    public bool DecryptLogPackets { get; init; }

    /// <summary>
    /// How long a message waits for a <see cref="UsmPolicies"/> decision; then it is dropped as
    /// <see cref="DropReason.PolicyTimeout"/> and a late answer is ignored (usm.policy-timeout).
    /// </summary>
    public TimeSpan PolicyTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Most messages of one source waiting for a policy decision; beyond, a message is dropped as
    /// <see cref="DropReason.PolicyBusy"/> without asking (usm.max-pending-policy-decisions-per-session).
    /// </summary>
    public int MaxPendingPolicyDecisionsPerSession { get; init; } = 16;

    /// <summary>
    /// Most messages of all sources waiting for a policy decision; beyond, a message is dropped as
    /// <see cref="DropReason.PolicyBusy"/> without asking (usm.max-pending-policy-decisions).
    /// </summary>
    public int MaxPendingPolicyDecisions { get; init; } = 256;

    /// <summary>
    /// How long a user name that <see cref="UsmPolicies.GetUser"/> did not supply is unknown without asking again, per
    /// engine ID; zero: asked every time (usm.unknown-user-cache-time).
    /// </summary>
    public TimeSpan UnknownUserCacheTime { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How long the receiver may spend, before it binds, hashing the setup users' passwords on every core; the users
    /// it does not reach are hashed on their first message. Zero: none before binding (usm.hash-before-binding).
    /// </summary>
    public TimeSpan HashBeforeBinding { get; init; } = TimeSpan.FromMilliseconds(100);
}

/// <summary>SNMP over DTLS (trap-actors.dtls): the server identity, how clients are trusted and named, and the limits.</summary>
public sealed record DtlsSettings
{
    /// <summary>The server certificate and its CA chain in PEM, leaf first (dtls.certificate-file).</summary>
    public string CertificateFile { get; init; } = "";

    /// <summary>The unencrypted private key in PEM: PKCS#1, SEC1 or PKCS#8 (dtls.key-file).</summary>
    public string KeyFile { get; init; } = "";

    /// <summary>A PKCS#12 file with the certificate chain and key, instead of the PEM files (dtls.pkcs12-file).</summary>
    public string Pkcs12File { get; init; } = "";

    /// <summary>A file whose first line is the PKCS#12 password (dtls.pkcs12-password-file).</summary>
    public string Pkcs12PasswordFile { get; init; } = "";

    /// <summary>PEM CA certificates that client certificates must chain to (dtls.trust-anchors-file).</summary>
    public string TrustAnchorsFile { get; init; } = "";

    /// <summary>The certificate-to-securityName map, one net-snmp certSecName line each (dtls.cert-map-file).</summary>
    public string CertMapFile { get; init; } = "";

    /// <summary>More map entries in certSecName syntax (dtls.cert-map), RFC 6353 snmpTlstmCertToTSNTable.</summary>
    public ImmutableArray<string> CertMap { get; init; } = [];

    /// <summary>Prefix the mapped securityName with "dtls:" (dtls.security-name-prefix, RFC 5591 snmpTsmConfigurationUsePrefix).</summary>
    public bool SecurityNamePrefix { get; init; }

    /// <summary>A handshake not finished in this time is abandoned (dtls.handshake-timeout).</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>An association without traffic this long is closed (dtls.idle-timeout).</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Most established associations per listener (dtls.max-associations). A handshake finishing beyond closes the least
    /// recently used idle association (<see cref="DtlsStats.Evicted"/>); only when every association is busy is it refused.
    /// </summary>
    public int MaxAssociations { get; init; } = 1000;

    /// <summary>
    /// Most handshakes in progress per listener, apart from the established associations (dtls.max-handshakes). A new
    /// one beyond abandons the handshake whose peer was silent longest (<see cref="DtlsStats.HandshakesEvicted"/>).
    /// </summary>
    public int MaxHandshakes { get; init; } = 200;

    /// <summary>
    /// Most handshakes in progress from one source address (dtls.max-handshakes-per-address). A new one beyond abandons
    /// that address's handshake whose peer was silent longest (<see cref="DtlsStats.HandshakesEvicted"/>).
    /// </summary>
    public int MaxHandshakesPerAddress { get; init; } = 20;

    /// <summary>The largest DTLS datagram sent; it also bounds the largest Response (dtls.max-send-size).</summary>
    public int MaxSendSize { get; init; } = 1400;
}

/// <summary>Which events are published on the ActorSystem's EventStream, and the rate limits (trap-actors.events).</summary>
public sealed record EventSettings
{
    /// <summary>Publish <see cref="PacketTraced"/> for every datagram in and out; costly (events.packet-trace).</summary>
    public bool PacketTrace { get; init; }

    /// <summary>Publish <see cref="BadPacketReceived"/> for every rejected datagram (events.bad-packet).</summary>
    public bool BadPacket { get; init; } = true;

    /// <summary>At most this many PacketTraced, BadPacketReceived, DtlsStatus and DtlsAssociationRefused events a second (events.max-per-second).</summary>
    public int MaxPerSecond { get; init; } = 1000;

    /// <summary>At most this many log lines a second about dropped datagrams (events.max-log-lines-per-second).</summary>
    public int MaxLogLinesPerSecond { get; init; } = 10;
}
