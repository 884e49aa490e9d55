using System.Collections.Immutable;
using System.Net;
using Akka.Actor;
using TrapActors.Snmp.Messages;

namespace TrapActors;

/// <summary>Commands the receiver (<see cref="TrapReceiverExtension.Receiver"/>) accepts.</summary>
public interface ITrapReceiverCommand;

// ---------------------------------------------------------------- subscriptions

/// <summary>Subscribe <paramref name="Subscriber"/> to the notifications <paramref name="Filter"/> selects; replaces an earlier filter. Replies <see cref="Subscribed"/>.</summary>
public sealed record Subscribe(IActorRef Subscriber, TrapFilter Filter) : ITrapReceiverCommand
{
    public Subscribe(IActorRef subscriber) : this(subscriber, TrapFilter.All) { }

    /// <summary>The subscriber's queue and overflow policy; null: the receiver's subscribers.* settings.</summary>
    public SubscriberQueue? Queue { get; init; }
}

/// <summary>What happens to a notification for a subscriber whose queue is full.</summary>
public enum SubscriberOverflow
{
    /// <summary>The new notification is dropped for this subscriber (counted); what is queued is kept, in order.</summary>
    DropNewest,
    /// <summary>The oldest notification not yet in the subscriber's mailbox is dropped (counted), so the newest are kept.</summary>
    DropOldest,
    /// <summary>
    /// Nothing is dropped: the listeners stop reading until the subscriber has worked its queue down to half, so a
    /// storm waits in the socket receive buffer (and what overflows it is counted as SocketBufferDrops). Every other
    /// subscriber waits too: for subscribers that want no loss.
    /// </summary>
    BackPressure,
}

/// <summary>
/// A subscriber's bounded queue: at most <paramref name="Capacity"/> notifications wait in its mailbox, then
/// <paramref name="Overflow"/> applies. Only local subscribers have a visible mailbox; a remote one is not bounded here.
/// </summary>
public sealed record SubscriberQueue(int Capacity, SubscriberOverflow Overflow)
{
    public static readonly SubscriberQueue Default = new(10_000, SubscriberOverflow.DropNewest);
}

public sealed record Subscribed(IActorRef Subscriber, TrapFilter Filter);

/// <summary>Stop delivering to <paramref name="Subscriber"/>. Replies <see cref="Unsubscribed"/>. A subscriber that dies is removed without this.</summary>
public sealed record Unsubscribe(IActorRef Subscriber) : ITrapReceiverCommand;

public sealed record Unsubscribed(IActorRef Subscriber);

// ---------------------------------------------------------------- notifications

public enum NotificationKind
{
    Trap,
    Inform,
}

/// <summary>The SNMPv3 security levels; v1 and v2c messages are <see cref="NoAuthNoPriv"/>.</summary>
public enum SecurityLevel
{
    NoAuthNoPriv = 0,
    AuthNoPriv = 1,
    AuthPriv = 2,
}

/// <summary>Where a notification came from and with what security (the reference's on_trap parameters).</summary>
public sealed record NotificationOrigin(
    IPEndPoint Source,
    string Transport,
    SnmpVersion Version,
    SecurityLevel SecurityLevel)
{
    /// <summary>The community string (v1, v2c); null for v3. Never printed by <see cref="ToString"/>.</summary>
    public string? Community { get; init; }

    /// <summary>The user or securityName (v3); null for v1 and v2c.</summary>
    public string? User { get; init; }

    /// <summary>The authoritative (sender's) engine ID (v3).</summary>
    public ImmutableArray<byte> EngineId { get; init; } = [];

    /// <summary>The scoped PDU's context engine ID (v3; the reference's IncomingContextEngineId).</summary>
    public ImmutableArray<byte> ContextEngineId { get; init; } = [];

    /// <summary>The scoped PDU's context name (v3; the reference's IncomingContextName).</summary>
    public string? ContextName { get; init; }

    /// <summary>The local endpoint the datagram arrived on.</summary>
    public IPEndPoint? LocalEndPoint { get; init; }

    public override string ToString() =>
        $"{Transport}:{Source} {Version} {SecurityLevel}{(User is null ? "" : $" user={User}")}{(ContextName is null ? "" : $" context={ContextName}")}";
}

/// <summary>The SNMPv1 Trap-PDU fields kept alongside the RFC 3584 translation.</summary>
public sealed record TrapV1Details(Oid Enterprise, IPAddress? AgentAddress, int GenericTrap, int SpecificTrap, uint TimeStamp);

/// <summary>
/// A received trap or inform in the SNMPv2 shape (RFC 3584 §3.1 for v1 traps): <see cref="VarBinds"/>
/// begins with sysUpTime.0 and snmpTrapOID.0. <see cref="PduVarBinds"/> are the varbinds exactly as the PDU carried them.
/// </summary>
public sealed record SnmpNotification(
    NotificationKind Kind,
    Oid TrapOid,
    uint Uptime,
    ImmutableArray<VarBind> VarBinds,
    NotificationOrigin Origin,
    DateTimeOffset ReceivedAt)
{
    /// <summary>The PDU's request-id (0 for v1 traps, which have none).</summary>
    public int RequestId { get; init; }

    /// <summary>The varbinds as they were on the wire; for v2c and v3 the same as <see cref="VarBinds"/>.</summary>
    public ImmutableArray<VarBind> PduVarBinds { get; init; } = [];

    /// <summary>The v1 Trap-PDU header; null for v2c and v3.</summary>
    public TrapV1Details? V1 { get; init; }

    /// <summary>sysUpTime as a duration (TimeTicks are hundredths of a second).</summary>
    public TimeSpan SysUpTime => TimeSpan.FromMilliseconds(Uptime * 10.0);

    /// <summary>The value of the first varbind with <paramref name="oid"/>, if any (the reference's value()).</summary>
    public SnmpValue? ValueOf(Oid oid)
    {
        foreach (var vb in VarBinds)
        {
            if (vb.Oid == oid)
                return vb.Value;
        }
        return null;
    }
}

/// <summary>A trap delivered to a subscriber.</summary>
public sealed record TrapReceived(SnmpNotification Notification);

/// <summary>
/// An inform delivered to a subscriber. When the receiver leaves the answer to subscribers
/// (trap-actors.inform.acknowledge = by-subscriber), call <see cref="Respond"/> or <see cref="Suppress"/>;
/// otherwise the inform was already answered and both do nothing.
/// </summary>
public sealed record InformReceived(SnmpNotification Notification, InformAcknowledgement Acknowledgement)
{
    public void Respond(int errorStatus = 0, int errorIndex = 0) => Acknowledgement.Respond(errorStatus, errorIndex);

    public void Suppress() => Acknowledgement.Suppress();

    /// <summary>After-delivery (and by-subscriber): the notification is safely taken; the success Response may go out.</summary>
    public void Confirm() => Acknowledgement.Respond();
}

/// <summary>Where a subscriber's decision about an inform goes; <see cref="ReplyTo"/> is null when no decision is wanted.</summary>
public sealed record InformAcknowledgement(IActorRef? ReplyTo, long InformId)
{
    public static readonly InformAcknowledgement AlreadySent = new(null, 0);

    public bool IsPending => ReplyTo is not null;

    public void Respond(int errorStatus = 0, int errorIndex = 0) =>
        ReplyTo?.Tell(new RespondToInform(InformId, errorStatus, errorIndex));

    public void Suppress() => ReplyTo?.Tell(new SuppressInformResponse(InformId));
}

/// <summary>Answer a pending inform with a Response carrying this error status and index (0, 0: success).</summary>
public sealed record RespondToInform(long InformId, int ErrorStatus, int ErrorIndex);

/// <summary>Send no Response for a pending inform (the sender will retransmit or give up).</summary>
public sealed record SuppressInformResponse(long InformId);

// ---------------------------------------------------------------- activation and delivery control

/// <summary>Bind every configured endpoint (the reference's activate). Replies <see cref="BoundEndpoints"/> once each bound or failed.</summary>
public sealed record Activate : ITrapReceiverCommand
{
    public static readonly Activate Instance = new();
    private Activate() { }
}

/// <summary>Unbind every endpoint (the reference's deactivate). Replies <see cref="Deactivated"/>.</summary>
public sealed record Deactivate : ITrapReceiverCommand
{
    public static readonly Deactivate Instance = new();
    private Deactivate() { }
}

public sealed record Deactivated
{
    public static readonly Deactivated Instance = new();
    private Deactivated() { }
}

/// <summary>Pause (false) or resume (true) reading datagrams without unbinding (the reference's accept_data). Replies <see cref="AcceptDataSet"/>.</summary>
public sealed record SetAcceptData(bool Accept) : ITrapReceiverCommand;

public sealed record AcceptDataSet(bool Accept);

/// <summary>Which endpoints are bound now. Replies <see cref="BoundEndpoints"/>.</summary>
public sealed record GetBoundEndpoints : ITrapReceiverCommand
{
    public static readonly GetBoundEndpoints Instance = new();
    private GetBoundEndpoints() { }
}

/// <summary>A bound endpoint: its configured form and the real local address and port.</summary>
public sealed record BoundEndpoint(string Configured, string Transport, IPEndPoint LocalEndPoint);

public sealed record BoundEndpoints(ImmutableArray<BoundEndpoint> Endpoints, ImmutableArray<TrapListenerBindFailed> Failures)
{
    public bool AllBound => Failures.IsEmpty;
}

// ---------------------------------------------------------------- statistics

/// <summary>Why a received datagram or notification did not reach a subscriber.</summary>
public enum DropReason
{
    /// <summary>The datagram did not decode as an SNMP message.</summary>
    Malformed,
    /// <summary>Longer than listener.max-packet-size.</summary>
    TooLarge,
    /// <summary>msgVersion other than v1, v2c, v3.</summary>
    UnsupportedVersion,
    /// <summary>A PDU that is not a notification (Get, Set, Response, Report...).</summary>
    UnsupportedPdu,
    /// <summary>The security model or feature is not available.</summary>
    UnsupportedSecurity,
    /// <summary>A community outside the accepted set.</summary>
    UnknownCommunity,
    /// <summary>A new source beyond session.max-sessions.</summary>
    SessionLimit,
    /// <summary>No subscriber's filter selected it.</summary>
    NoSubscriber,
    /// <summary>SNMPv3: no such user for the message's engine (usmStatsUnknownUserNames).</summary>
    UnknownUser,
    /// <summary>SNMPv3: the message's security level is not one the user accepts (usmStatsUnsupportedSecLevels).</summary>
    UnsupportedSecurityLevel,
    /// <summary>SNMPv3: authentication failed (usmStatsWrongDigests).</summary>
    WrongDigest,
    /// <summary>SNMPv3: outside the time window (usmStatsNotInTimeWindows).</summary>
    NotInTimeWindow,
    /// <summary>SNMPv3: the scoped PDU could not be decrypted (usmStatsDecryptionErrors).</summary>
    DecryptionError,
    /// <summary>SNMPv3: an unknown authoritative engine refused (usmStatsUnknownEngineIDs, check-engine policy).</summary>
    UnknownEngine,
    /// <summary>SNMPv3 engine discovery: answered with a Report when allowed; it carries no notification.</summary>
    Discovery,
    /// <summary>Every subscriber it matched had a full queue and a drop policy.</summary>
    SubscriberQueueFull,
    /// <summary>A retransmitted inform within inform.duplicate-window: answered like the first, not delivered twice.</summary>
    DuplicateInform,
    /// <summary>The access rules (trap-actors.access) refuse this trap OID at this security level or for this sender.</summary>
    AccessDenied,
    /// <summary>A USM policy (user, engine or discovery decision) had not answered when the receiver stopped.</summary>
    StoppedWhilePending,
    /// <summary>Still queued for a session that failed (a fault in TrapActors; the session is stopped, not restarted).</summary>
    SessionFailed,
}

/// <summary>Ask for the counters. Replies <see cref="TrapReceiverStats"/>.</summary>
public sealed record GetTrapReceiverStats : ITrapReceiverCommand
{
    public static readonly GetTrapReceiverStats Instance = new();
    private GetTrapReceiverStats() { }
}

/// <summary>
/// Counters since start. Every received datagram ends up delivered or counted in exactly one drop
/// reason, so Received = Delivered + sum(Dropped) once nothing is in flight.
/// </summary>
public sealed record TrapReceiverStats(
    long Received,
    long Decoded,
    long Delivered,
    long InformsAnswered,
    ImmutableDictionary<DropReason, long> Dropped,
    int ActiveSessions)
{
    public long TotalDropped => Dropped.Values.Sum();

    /// <summary>The SNMPv3 USM counters.</summary>
    public UsmStats Usm { get; init; } = UsmStats.Empty;

    /// <summary>
    /// Datagrams the operating system dropped because a socket's receive buffer was full (Linux: /proc/net/udp
    /// "drops"). They never reached the receiver, so they are not in <see cref="Received"/>; raise
    /// listener.receive-buffer-size when this grows.
    /// </summary>
    public long SocketBufferDrops { get; init; }

    /// <summary>Datagrams read from the sockets and not yet handled by their sessions (bounded by listener.max-in-flight).</summary>
    public long InFlight { get; init; }

    /// <summary>The most per-source sessions that were active at once since the receiver started.</summary>
    public int PeakSessions { get; init; }

    /// <summary>PacketTraced and BadPacketReceived events not published because events.max-per-second was used up.</summary>
    public long EventsSuppressed { get; init; }

    /// <summary>Log lines about dropped datagrams not written because events.max-log-lines-per-second was used up.</summary>
    public long LogLinesSuppressed { get; init; }

    /// <summary>The DTLS listeners' counters.</summary>
    public DtlsStats Dtls { get; init; } = DtlsStats.Empty;

    /// <summary>Each current subscriber's queue and counters.</summary>
    public ImmutableArray<SubscriberStats> Subscribers { get; init; } = [];
}

/// <summary>
/// One subscriber: notifications handed to it, dropped for it by its overflow policy (a notification dropped for
/// every subscriber it matched is also counted as <see cref="DropReason.SubscriberQueueFull"/>), and queued now.
/// </summary>
public sealed record SubscriberStats(IActorRef Subscriber, SubscriberQueue Queue, long Delivered, long Dropped, int Queued);

/// <summary>
/// usmStats (RFC 3414 §5): messages rejected by USM, by reason; plus the number of key derivations
/// (password-to-key or localization) and of Reports sent.
/// </summary>
public sealed record UsmStats(
    long UnsupportedSecLevels,
    long NotInTimeWindows,
    long UnknownUserNames,
    long UnknownEngineIds,
    long WrongDigests,
    long DecryptionErrors,
    long KeyDerivations,
    long ReportsSent)
{
    public static readonly UsmStats Empty = new(0, 0, 0, 0, 0, 0, 0, 0);

    /// <summary>Reports not sent because usm.max-reports-per-second was used up.</summary>
    public long ReportsSuppressed { get; init; }

    /// <summary>Keys localized for users of any engine that made room for others (usm.max-localized-keys); derived again when needed.</summary>
    public long LocalizedKeysEvicted { get; init; }
}

// ---------------------------------------------------------------- events (published on the ActorSystem's EventStream)

/// <summary>An endpoint was bound and is receiving.</summary>
public sealed record TrapListenerBound(BoundEndpoint Endpoint);

/// <summary>An endpoint could not be bound (error code from the reference's UDP/TCP table, e.g. 10048 address in use).</summary>
public sealed record TrapListenerBindFailed(string Configured, int ErrorCode, string Reason);

/// <summary>An endpoint was unbound (deactivate or shutdown).</summary>
public sealed record TrapListenerUnbound(BoundEndpoint Endpoint);

/// <summary>
/// A datagram was rejected (the reference's on_bad_packet): the raw bytes, the source, the reference's error code and a description.
/// </summary>
public sealed record BadPacketReceived(ReadOnlyMemory<byte> Packet, IPEndPoint Source, int ErrorCode, string Description, DropReason Reason)
{
    public override string ToString() => $"BadPacketReceived {{ Source = {Source}, ErrorCode = {ErrorCode}, Description = {Description}, Length = {Packet.Length} }}";
}

public enum PacketDirection
{
    Incoming = 1,
    Outgoing = 2,
}

/// <summary>A datagram sent or received (the reference's on_packet_trace); published only when events.packet-trace is on.</summary>
public sealed record PacketTraced(PacketDirection Direction, ReadOnlyMemory<byte> Packet, IPEndPoint Peer)
{
    /// <summary>True when <see cref="Packet"/> is a decrypted scoped PDU (usm.decrypt-log-packets), not a datagram.</summary>
    public bool Decrypted { get; init; }

    public override string ToString() => $"PacketTraced {{ {Direction} {Packet.Length} bytes, Peer = {Peer} }}";
}

/// <summary>An error during delivery or sending (the reference's on_error).</summary>
public sealed record TrapReceiverErrorOccurred(int ErrorCode, string Description);

// ---------------------------------------------------------------- SNMPv3 USM (the reference's authentication cache)

/// <summary>Commands for the USM security actor; send them to the receiver like any other command.</summary>
public interface IUsmCommand : ITrapReceiverCommand;

/// <summary>Add or replace a user (the reference's add_user). Keys are derived now, never per packet. Replies <see cref="UsmUserAdded"/>.</summary>
public sealed record AddUsmUser(UsmUser User) : IUsmCommand;

public sealed record UsmUserAdded(string Name, ImmutableArray<byte> EngineId);

/// <summary>Remove a user of one engine (empty: the any-engine user); its key material is zeroed. Replies <see cref="UsmUserRemoved"/>.</summary>
public sealed record RemoveUsmUser(string Name, ImmutableArray<byte> EngineId) : IUsmCommand;

public sealed record UsmUserRemoved(string Name, ImmutableArray<byte> EngineId, bool Existed);

/// <summary>Register a remote engine's boots and time (the reference's add_engine). Replies <see cref="UsmEngineAdded"/>.</summary>
public sealed record AddUsmEngine(ImmutableArray<byte> EngineId, int EngineBoots, int EngineTime) : IUsmCommand;

public sealed record UsmEngineAdded(ImmutableArray<byte> EngineId);

/// <summary>Forget a remote engine (the reference's remove_engine). Replies <see cref="UsmEngineRemoved"/>.</summary>
public sealed record RemoveUsmEngine(ImmutableArray<byte> EngineId) : IUsmCommand;

public sealed record UsmEngineRemoved(ImmutableArray<byte> EngineId, bool Existed);

/// <summary>Remove every user and engine (the reference's clear_cache). Replies <see cref="UsmCacheCleared"/>.</summary>
public sealed record ClearUsmCache : IUsmCommand
{
    public static readonly ClearUsmCache Instance = new();
    private ClearUsmCache() { }
}

public sealed record UsmCacheCleared
{
    public static readonly UsmCacheCleared Instance = new();
    private UsmCacheCleared() { }
}

/// <summary>
/// List the cache (the reference's show_cache; <paramref name="User"/> = ShowCacheForUser): one
/// <see cref="UsmCacheEntry"/> per user and engine, then <see cref="UsmCacheShown"/>.
/// </summary>
public sealed record ShowUsmCache(string? User = null) : IUsmCommand;

/// <summary>One cache entry (the reference's on_cache_entry). Passwords are masked unless usm.show-passwords is on.</summary>
public sealed record UsmCacheEntry(
    ImmutableArray<byte> EngineId,
    int EngineBoots,
    int EngineTime,
    string? User,
    string AuthProtocol,
    string? AuthPassword,
    string PrivProtocol,
    string? PrivPassword)
{
    public override string ToString() =>
        $"UsmCacheEntry {{ Engine = {(EngineId.IsEmpty ? "any" : Convert.ToHexStringLower(EngineId.AsSpan()))}, Boots = {EngineBoots}, Time = {EngineTime}, User = {User}, Auth = {AuthProtocol}, Priv = {PrivProtocol} }}";
}

public sealed record UsmCacheShown(int Entries);

/// <summary>Pre-compute every key (the reference's hash_passwords). Replies <see cref="UsmPasswordsHashed"/>.</summary>
public sealed record HashUsmPasswords : IUsmCommand
{
    public static readonly HashUsmPasswords Instance = new();
    private HashUsmPasswords() { }
}

public sealed record UsmPasswordsHashed(int Users);

/// <summary>This receiver's engine ID, boots and time (the reference's local_engine_id). Replies <see cref="LocalEngineInfo"/>.</summary>
public sealed record GetLocalEngine : IUsmCommand
{
    public static readonly GetLocalEngine Instance = new();
    private GetLocalEngine() { }
}

public sealed record LocalEngineInfo(ImmutableArray<byte> EngineId, int EngineBoots, int EngineTime);

// ---------------------------------------------------------------- SNMP over DTLS (RFC 6353, RFC 5591)

/// <summary>Why a DTLS association was refused or failed before it carried SNMP.</summary>
public enum DtlsRefusal
{
    NoClientCertificate,
    UntrustedCertificate,
    ExpiredCertificate,
    /// <summary>No entry of the certificate-to-securityName map (dtls.cert-map) gave the client a name.</summary>
    NoMapping,
    /// <summary>The client-authentication policy (TrapReceiverSetup.DtlsPolicies) said no.</summary>
    PolicyRefused,
    HandshakeTimeout,
    HandshakeFailed,
    /// <summary>dtls.max-associations were open already.</summary>
    AssociationLimit,
}

/// <summary>
/// DTLS counters: HelloVerifyRequests sent (every ClientHello without a valid cookie gets one and creates no state),
/// handshakes started (a valid cookie came back), associations established and closed, open now, and refusals by reason.
/// </summary>
public sealed record DtlsStats(long HelloVerifyRequests, long Handshakes, long Established, long Closed, int Active, ImmutableDictionary<DtlsRefusal, long> Refused)
{
    public static readonly DtlsStats Empty = new(0, 0, 0, 0, 0, ImmutableDictionary<DtlsRefusal, long>.Empty);

    /// <summary>
    /// Datagrams for an association that could not take them (its queue of 256 was full, or it was closing): dropped
    /// before decryption. The peer's DTLS retransmits handshake messages; a lost record with a trap is lost.
    /// </summary>
    public long DatagramsDropped { get; init; }
}

/// <summary>What the client-authentication policy sees of a DTLS client (the reference's on_ssl_client_authentication).</summary>
public sealed record DtlsClientCertificate(
    IPEndPoint Peer,
    string Subject,
    string Issuer,
    ImmutableArray<byte> Encoded,
    string Sha256Fingerprint,
    TrapActors.Dtls.ClientCertificateVerdict Verdict,
    string? SecurityName);

/// <summary>DTLS handshake progress and failures, for logging (the reference's on_ssl_status).</summary>
public sealed record DtlsStatus(IPEndPoint Peer, string Status);

/// <summary>A client certificate was accepted and mapped to <paramref name="SecurityName"/>.</summary>
public sealed record DtlsClientAuthenticated(IPEndPoint Peer, string Subject, string Issuer, string Sha256Fingerprint, string SecurityName);

/// <summary>A DTLS association is ready to carry SNMP (the reference's on_connected).</summary>
public sealed record DtlsAssociationEstablished(IPEndPoint Peer, string SecurityName);

/// <summary>A DTLS association ended: close_notify, idle timeout, shutdown or an error (the reference's on_disconnected).</summary>
public sealed record DtlsAssociationClosed(IPEndPoint Peer, string Reason);

/// <summary>A DTLS association was refused before it carried SNMP.</summary>
public sealed record DtlsAssociationRefused(IPEndPoint Peer, DtlsRefusal Reason, string Detail);

/// <summary>
/// A DTLS server certificate and key given in memory: PEM text (certificate chain, leaf first, and an unencrypted
/// private key) or PKCS#12 bytes with their password.
/// </summary>
public sealed record DtlsServerIdentity
{
    public string? CertificatePem { get; init; }
    public string? PrivateKeyPem { get; init; }
    public ImmutableArray<byte> Pkcs12 { get; init; } = [];
    public string? Pkcs12Password { get; init; }

    public static DtlsServerIdentity FromPem(string certificatePem, string privateKeyPem) => new() { CertificatePem = certificatePem, PrivateKeyPem = privateKeyPem };

    public static DtlsServerIdentity FromPkcs12(ReadOnlySpan<byte> pkcs12, string password) => new() { Pkcs12 = [.. pkcs12], Pkcs12Password = password };

    public override string ToString() => $"DtlsServerIdentity {{ {(Pkcs12.IsDefaultOrEmpty ? "PEM" : "PKCS#12")}, key and password redacted }}";
}
