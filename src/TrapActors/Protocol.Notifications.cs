using System.Collections.Immutable;
using System.Net;
using Akka.Actor;
using TrapActors.Snmp.Messages;

namespace TrapActors;

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
