using System.Collections.Immutable;
using System.Net;
using Akka.Actor;
using TrapActors.Snmp.Messages;

namespace TrapActors;

/// <summary>Whether a notification is unconfirmed (a trap) or confirmed (an inform, answered with a Response).</summary>
public enum NotificationKind
{
    /// <summary>An SNMPv1 Trap-PDU or an SNMPv2-Trap-PDU (RFC 3416 §4.2.6): nobody answers it.</summary>
    Trap,
    /// <summary>An InformRequest-PDU (RFC 3416 §4.2.7): the receiver answers it with a Response (see trap-actors.inform).</summary>
    Inform,
}

/// <summary>The SNMPv3 security levels; v1 and v2c messages are <see cref="NoAuthNoPriv"/>.</summary>
public enum SecurityLevel
{
    /// <summary>Neither authenticated nor encrypted (msgFlags 0; every v1 and v2c message).</summary>
    NoAuthNoPriv = 0,
    /// <summary>Authenticated (HMAC over the message, RFC 3414 §6) but sent in plaintext.</summary>
    AuthNoPriv = 1,
    /// <summary>Authenticated and encrypted (RFC 3414 §8, RFC 3826); SNMP over DTLS is always this level.</summary>
    AuthPriv = 2,
}

/// <summary>Where a notification came from and with what security: the transport, the version and the security parameters.</summary>
/// <param name="Source">The sender's address and port (an IPv4-mapped IPv6 address is folded to IPv4).</param>
/// <param name="Transport">"udp", or "dtls" for SNMP over DTLS (RFC 6353).</param>
/// <param name="Version">The message's SNMP version.</param>
/// <param name="SecurityLevel">The level the message was sent with (and checked at).</param>
public sealed record NotificationOrigin(
    IPEndPoint Source,
    string Transport,
    SnmpVersion Version,
    SecurityLevel SecurityLevel)
{
    /// <summary>The community string (v1, v2c); null for v3. Never printed by <see cref="ToString"/>.</summary>
    public string? Community { get; init; }

    /// <summary>The USM user (msgUserName), or over DTLS the tmSecurityName its certificate mapped to (v3); null for v1 and v2c.</summary>
    public string? User { get; init; }

    /// <summary>
    /// The authoritative engine ID (v3): for a trap the sender's engine, for an inform this receiver's
    /// (RFC 3412 §6.4); over DTLS, which has no msgAuthoritativeEngineID, the contextEngineID.
    /// </summary>
    public ImmutableArray<byte> EngineId { get; init; } = [];

    /// <summary>The scoped PDU's contextEngineID (v3, RFC 3412 §6.8); empty for v1 and v2c.</summary>
    public ImmutableArray<byte> ContextEngineId { get; init; } = [];

    /// <summary>The scoped PDU's contextName (v3, RFC 3412 §6.8); null for v1 and v2c.</summary>
    public string? ContextName { get; init; }

    /// <summary>
    /// The local address and port the datagram was sent to. On an endpoint bound to a wildcard address (0.0.0.0, [::])
    /// it is the datagram's destination address (an IPv4 one as IPv4, also on a dual-stack socket), which an inform's
    /// Response leaves from; otherwise the bound address.
    /// </summary>
    public IPEndPoint? LocalEndPoint { get; init; }

    /// <summary>Transport, source, version, level, user and context, for logs; never the community.</summary>
    public override string ToString() =>
        $"{Transport}:{Source} {Version} {SecurityLevel}{(User is null ? "" : $" user={User}")}{(ContextName is null ? "" : $" context={ContextName}")}";
}

/// <summary>The SNMPv1 Trap-PDU fields kept alongside the RFC 3584 translation.</summary>
/// <param name="Enterprise">The enterprise OID: the type of the object generating the trap.</param>
/// <param name="AgentAddress">agent-addr, the agent's IPv4 address; null when the PDU did not carry four bytes.</param>
/// <param name="GenericTrap">generic-trap: coldStart(0) .. egpNeighborLoss(5), or enterpriseSpecific(6).</param>
/// <param name="SpecificTrap">specific-trap: the enterprise's trap number when <paramref name="GenericTrap"/> is 6.</param>
/// <param name="TimeStamp">time-stamp: the agent's sysUpTime in TimeTicks (hundredths of a second).</param>
public sealed record TrapV1Details(Oid Enterprise, IPAddress? AgentAddress, int GenericTrap, int SpecificTrap, uint TimeStamp);

/// <summary>
/// A received trap or inform in the SNMPv2 shape (RFC 3584 §3.1 for v1 traps): <see cref="VarBinds"/>
/// begins with sysUpTime.0 and snmpTrapOID.0. <see cref="PduVarBinds"/> are the varbinds exactly as the PDU carried them.
/// </summary>
/// <param name="Kind">Trap or inform.</param>
/// <param name="TrapOid">
/// The notification's identity, the value of snmpTrapOID.0 (e.g. linkDown 1.3.6.1.6.3.1.1.5.3); for a v1 trap the OID
/// formed by trap-actors.v1.trap-oid-rule.
/// </param>
/// <param name="Uptime">The value of sysUpTime.0 (for a v1 trap its time-stamp) in TimeTicks; see <see cref="SysUpTime"/>.</param>
/// <param name="VarBinds">
/// The varbinds in SNMPv2 form: sysUpTime.0, snmpTrapOID.0, then the PDU's own; a v1 trap also gets snmpTrapAddress.0
/// and snmpTrapEnterprise.0 appended (RFC 3584 §3.1) unless it carried them.
/// </param>
/// <param name="Origin">Where it came from and with what security.</param>
/// <param name="ReceivedAt">When the datagram was read (from the setup's <see cref="TrapReceiverSetup.TimeProvider"/>).</param>
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

    /// <summary>The value of the first varbind with <paramref name="oid"/> in <see cref="VarBinds"/>, if any.</summary>
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

/// <summary>A trap delivered to a subscriber (see <see cref="Subscribe"/>).</summary>
/// <param name="Notification">The trap.</param>
public sealed record TrapReceived(SnmpNotification Notification);

/// <summary>
/// An inform delivered to a subscriber. When the receiver leaves the answer to subscribers
/// (trap-actors.inform.acknowledge = by-subscriber), call <see cref="Respond"/> or <see cref="Suppress"/>;
/// otherwise the inform was already answered and both do nothing.
/// </summary>
/// <param name="Notification">The inform.</param>
/// <param name="Acknowledgement">Where the subscriber's decision goes; <see cref="InformAcknowledgement.AlreadySent"/> when none is wanted.</param>
public sealed record InformReceived(SnmpNotification Notification, InformAcknowledgement Acknowledgement)
{
    /// <summary>
    /// Answer the inform with a Response carrying <paramref name="errorStatus"/> and <paramref name="errorIndex"/>
    /// (RFC 3416 §3: 0 = noError, 5 = genErr...; the index is the 1-based varbind it concerns). The first decision wins.
    /// </summary>
    public void Respond(int errorStatus = 0, int errorIndex = 0) => Acknowledgement.Respond(errorStatus, errorIndex);

    /// <summary>Send no Response: the sender retransmits the inform, or gives up after its retries.</summary>
    public void Suppress() => Acknowledgement.Suppress();

    /// <summary>After-delivery (and by-subscriber): the notification is safely taken; the success Response may go out.</summary>
    public void Confirm() => Acknowledgement.Respond();
}

/// <summary>Where a subscriber's decision about an inform goes; <see cref="ReplyTo"/> is null when no decision is wanted.</summary>
/// <param name="ReplyTo">The session actor holding the inform, which takes <see cref="RespondToInform"/> and <see cref="SuppressInformResponse"/>.</param>
/// <param name="InformId">The session's number for the pending inform (not the PDU's request-id).</param>
public sealed record InformAcknowledgement(IActorRef? ReplyTo, long InformId)
{
    /// <summary>The inform was answered on receipt (trap-actors.inform.acknowledge = on-receipt): decisions are ignored.</summary>
    public static readonly InformAcknowledgement AlreadySent = new(null, 0);

    /// <summary>True when the inform waits for a decision (by-subscriber or after-delivery).</summary>
    public bool IsPending => ReplyTo is not null;

    /// <summary>Answer the pending inform with a Response with this error status and index (0, 0: success).</summary>
    public void Respond(int errorStatus = 0, int errorIndex = 0) =>
        ReplyTo?.Tell(new RespondToInform(InformId, errorStatus, errorIndex));

    /// <summary>Send no Response for the pending inform.</summary>
    public void Suppress() => ReplyTo?.Tell(new SuppressInformResponse(InformId));
}

/// <summary>
/// Answer a pending inform with a Response carrying this error status and index (0, 0: success); sent to
/// <see cref="InformAcknowledgement.ReplyTo"/>, usually through <see cref="InformReceived.Respond"/>.
/// </summary>
/// <param name="InformId">The pending inform (<see cref="InformAcknowledgement.InformId"/>).</param>
/// <param name="ErrorStatus">The Response's error-status (RFC 3416 §3).</param>
/// <param name="ErrorIndex">The Response's error-index: the 1-based varbind the error concerns, 0 for none.</param>
public sealed record RespondToInform(long InformId, int ErrorStatus, int ErrorIndex);

/// <summary>Send no Response for a pending inform (the sender will retransmit or give up).</summary>
/// <param name="InformId">The pending inform (<see cref="InformAcknowledgement.InformId"/>).</param>
public sealed record SuppressInformResponse(long InformId);
