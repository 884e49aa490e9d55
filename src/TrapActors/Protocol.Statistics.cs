using System.Collections.Immutable;
using Akka.Actor;

namespace TrapActors;

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
    /// <summary>
    /// A new source beyond session.max-sessions while every session held work (an inform awaiting a decision, a message
    /// awaiting a USM policy) or as many again were still stopping, or beyond session.max-pending-per-source datagrams
    /// waiting for its stopping session.
    /// </summary>
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
    /// <summary>
    /// A DTLS datagram for an association that could not take it (its queue of 256 was full, or it was closing): dropped
    /// before decryption, so counted in <see cref="TrapReceiverStats.Received"/> too (also <see cref="DtlsStats.DatagramsDropped"/>).
    /// </summary>
    DtlsQueueFull,
    /// <summary>A USM policy (user, engine, level or discovery decision) did not decide within usm.policy-timeout.</summary>
    PolicyTimeout,
    /// <summary>
    /// SNMPv3: usm.max-pending-policy-decisions-per-session or usm.max-pending-policy-decisions messages were waiting for
    /// USM policy decisions already; the policy was not asked.
    /// </summary>
    PolicyBusy,
}

/// <summary>
/// Ask for the counters; send it to <see cref="TrapReceiverExtension.Receiver"/>. Replies <see cref="TrapReceiverStats"/>,
/// read without stopping the receive path.
/// </summary>
public sealed record GetTrapReceiverStats : ITrapReceiverCommand
{
    /// <summary>The one instance.</summary>
    public static readonly GetTrapReceiverStats Instance = new();
    private GetTrapReceiverStats() { }
}

/// <summary>
/// Counters since start. Every received datagram ends up delivered or counted in exactly one drop
/// reason, so Received = Delivered + sum(Dropped) once nothing is in flight.
/// </summary>
/// <param name="Received">SNMP datagrams read from the UDP sockets, plus SNMP messages decrypted from DTLS associations and DTLS datagrams dropped before decryption (<see cref="DropReason.DtlsQueueFull"/>).</param>
/// <param name="Decoded">Those that decoded as SNMP messages (the rest are dropped as <see cref="DropReason.Malformed"/> and kin).</param>
/// <param name="Delivered">Notifications that at least one subscriber took.</param>
/// <param name="InformsAnswered">Responses sent to informs (retransmissions answered again included).</param>
/// <param name="Dropped">Datagrams and notifications that reached no subscriber, by reason (every reason present, 0 included).</param>
/// <param name="ActiveSessions">Per-source sessions alive now, those being stopped included.</param>
public sealed record TrapReceiverStats(
    long Received,
    long Decoded,
    long Delivered,
    long InformsAnswered,
    ImmutableDictionary<DropReason, long> Dropped,
    int ActiveSessions)
{
    /// <summary>The sum of <see cref="Dropped"/>.</summary>
    public long TotalDropped => Dropped.Values.Sum();

    /// <summary>The SNMPv3 USM counters.</summary>
    public UsmStats Usm { get; init; } = UsmStats.Empty;

    /// <summary>
    /// Datagrams the operating system dropped because a socket's receive buffer was full (Linux: /proc/net/udp
    /// "drops"). They never reached the receiver, so they are not in <see cref="Received"/>; raise
    /// listener.receive-buffer-size when this grows.
    /// </summary>
    public long SocketBufferDrops { get; init; }

    /// <summary>
    /// Datagrams read from the sockets and not yet handled by their sessions (bounded by listener.max-in-flight), plus
    /// SNMPv3 messages waiting for a USM policy decision (bounded by usm.max-pending-policy-decisions).
    /// </summary>
    public long InFlight { get; init; }

    /// <summary>The most per-source sessions that were active at once since the receiver started.</summary>
    public int PeakSessions { get; init; }

    /// <summary>
    /// Notifications accepted only because the decoder read an encoding outside strict BER that real agents send
    /// (see <see cref="TrapActors.Snmp.DecodeLeniency"/>), such as a zero-length Counter64 read as 0.
    /// </summary>
    public long LenientDecodes { get; init; }

    /// <summary>
    /// Per-source sessions stopped to make room for a new source at session.max-sessions: the least recently used that
    /// held no work, after handling what they were given; the source gets a new session with its next datagram.
    /// </summary>
    public long SessionsEvicted { get; init; }

    /// <summary>PacketTraced, BadPacketReceived, DtlsStatus and DtlsAssociationRefused events not published because events.max-per-second was used up.</summary>
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
/// <param name="Subscriber">The subscribed actor.</param>
/// <param name="Queue">Its queue capacity and overflow policy.</param>
/// <param name="Delivered">Notifications put into its mailbox.</param>
/// <param name="Dropped">Notifications its overflow policy dropped.</param>
/// <param name="Queued">Notifications in its mailbox (or waiting for it) now.</param>
public sealed record SubscriberStats(IActorRef Subscriber, SubscriberQueue Queue, long Delivered, long Dropped, int Queued);

/// <summary>
/// usmStats (RFC 3414 §5): messages rejected by USM, by reason; plus the number of key derivations
/// (password-to-key or localization) and of Reports sent.
/// </summary>
/// <param name="UnsupportedSecLevels">usmStatsUnsupportedSecLevels: a level the user is not configured for, or below its minimum.</param>
/// <param name="NotInTimeWindows">usmStatsNotInTimeWindows: engine boots or time outside the window (trap-actors.usm.time-window).</param>
/// <param name="UnknownUserNames">usmStatsUnknownUserNames: no such user for the authoritative engine.</param>
/// <param name="UnknownEngineIds">usmStatsUnknownEngineIDs: an authoritative engine refused, or an engine-discovery probe (RFC 3414 §4).</param>
/// <param name="WrongDigests">usmStatsWrongDigests: the HMAC did not verify.</param>
/// <param name="DecryptionErrors">usmStatsDecryptionErrors: the scoped PDU did not decrypt to a well-formed one.</param>
/// <param name="KeyDerivations">Password-to-key and key localizations computed (RFC 3414 §A.2, §2.6); each costs a megabyte of hashing or a hash.</param>
/// <param name="ReportsSent">Report-PDUs sent (discovery and errors, RFC 3412 §7.1).</param>
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
    /// <summary>All counters 0.</summary>
    public static readonly UsmStats Empty = new(0, 0, 0, 0, 0, 0, 0, 0);

    /// <summary>Reports not sent because usm.max-reports-per-second was used up.</summary>
    public long ReportsSuppressed { get; init; }

    /// <summary>Keys localized for users of any engine that made room for others (usm.max-localized-keys); derived again when needed.</summary>
    public long LocalizedKeysEvicted { get; init; }

    /// <summary>
    /// Authenticated traps from a remote engine outside the time window that were delivered anyway because
    /// usm.accept-outside-time-window is on (with it off they count in <see cref="NotInTimeWindows"/> and are dropped).
    /// </summary>
    public long AcceptedOutsideTimeWindow { get; init; }

    /// <summary>Learned remote engines evicted, least recently used first, to make room in a full table (usm.max-remote-engines).</summary>
    public long RemoteEnginesEvicted { get; init; }

    /// <summary>
    /// Learned remote engines that left because the any-engine user that learned them made another engine known past
    /// usm.max-remote-engines-per-user (that user's least recently used engine leaves).
    /// </summary>
    public long RemoteEnginesOverQuota { get; init; }

    /// <summary>New remote engines refused because the table was full of engines added by the application (AddUsmEngine).</summary>
    public long RemoteEnginesRefused { get; init; }
}

/// <summary>
/// DTLS counters: HelloVerifyRequests sent (every ClientHello without a valid cookie gets one and creates no state),
/// handshakes started (a valid cookie came back), associations established and closed, open now, and refusals by reason.
/// </summary>
/// <param name="HelloVerifyRequests">HelloVerifyRequests sent (RFC 6347 §4.2.1 cookie exchange).</param>
/// <param name="Handshakes">Handshakes started: a ClientHello came back with a valid cookie.</param>
/// <param name="Established">Associations that completed the handshake and client authentication.</param>
/// <param name="Closed">Established associations that ended since.</param>
/// <param name="Active">Associations open or handshaking now.</param>
/// <param name="Refused">Associations refused or failed before carrying SNMP, by reason.</param>
public sealed record DtlsStats(long HelloVerifyRequests, long Handshakes, long Established, long Closed, int Active, ImmutableDictionary<DtlsRefusal, long> Refused)
{
    /// <summary>All counters 0.</summary>
    public static readonly DtlsStats Empty = new(0, 0, 0, 0, 0, ImmutableDictionary<DtlsRefusal, long>.Empty);

    /// <summary>
    /// Datagrams for an association that could not take them (its queue of 256 was full, or it was closing): dropped
    /// before decryption. The peer's DTLS retransmits handshake messages; a lost record with a trap is lost. Each is
    /// also counted in <see cref="TrapReceiverStats.Received"/> and as <see cref="DropReason.DtlsQueueFull"/>.
    /// </summary>
    public long DatagramsDropped { get; init; }

    /// <summary>
    /// Idle associations closed (close_notify) to make room for a new one at dtls.max-associations, the least recently
    /// used first; the peer handshakes again when it next sends. Counted in <see cref="Closed"/> too.
    /// </summary>
    public long Evicted { get; init; }

    /// <summary>
    /// Handshakes abandoned to make room for a new one at dtls.max-handshakes or dtls.max-handshakes-per-address, the one
    /// whose peer was silent longest first (decision 0029). Not counted in <see cref="Refused"/>.
    /// </summary>
    public long HandshakesEvicted { get; init; }
}
