using System.Net;
using System.Text;
using TrapActors.Snmp.Messages;

namespace TrapActors.Security;

/// <summary>
/// The security step of one session (one source): the community check (v1/v2c), USM (RFC 3414) or, behind a DTLS
/// association, the transport security model (RFC 5591), and the access rules. It turns an accepted message into who
/// sent it (<see cref="NotificationOrigin"/>) and, for an inform, what answers it; it never touches the network.
/// </summary>
internal sealed class SessionSecurity(SecurityServices services, IPEndPoint peer, string transport, string? tmSecurityName)
{
    private byte[] _lastCommunity = [];
    private NotificationOrigin? _lastCommunityOrigin;

    /// <summary>
    /// The origin of an accepted community message. A source sends the same version and community every time, and an
    /// origin is immutable: it is built once, not per datagram (decision 0011).
    /// </summary>
    public bool TryAcceptCommunity(SnmpVersion version, ReadOnlySpan<byte> community, IPEndPoint local, out NotificationOrigin origin)
    {
        origin = null!;
        if (!services.Communities.IsAccepted(community))
            return false;
        if (_lastCommunityOrigin is null || _lastCommunityOrigin.Version != version || !community.SequenceEqual(_lastCommunity)
            || !Equals(_lastCommunityOrigin.LocalEndPoint, local))
        {
            _lastCommunity = community.ToArray();
            _lastCommunityOrigin = new NotificationOrigin(peer, transport, version, SecurityLevel.NoAuthNoPriv)
            {
                Community = Encoding.UTF8.GetString(community),
                LocalEndPoint = local,
            };
        }
        origin = _lastCommunityOrigin;
        return true;
    }

    /// <summary>The access rules (trap-actors.access): false, with the reason, when they refuse the notification.</summary>
    public bool IsAllowed(SnmpNotification notification, out string reason) => services.CurrentAccess.IsAllowed(notification, out reason);

    /// <summary>An SNMPv3 message: USM, or TSM when this session runs over a DTLS association.</summary>
    public V3Verdict Admit(V3Message message, IPEndPoint local, IPolicyWaitGate? gate = null) => message.SecurityModel switch
    {
        SecurityModels.Usm => FromUsm(message, services.UsmProcessor.Process(message, peer, gate), local),
        SecurityModels.Tsm when tmSecurityName is not null => Tsm.Admit(message, tmSecurityName, services.Usm, peer, local),
        _ => new V3Refused(DropReason.UnsupportedSecurity, TrapReceiverErrorCodes.SecurityModelNotSupported,
            "the transport security model (TSM) needs a DTLS transport", null),
    };

    /// <summary>Continues a USM message that waited for an application policy, where it waited: nothing is verified twice.</summary>
    public V3Verdict Resume(V3Message message, UsmResumePoint resume, UsmDecision decision, IPEndPoint local, IPolicyWaitGate? gate = null) =>
        FromUsm(message, services.UsmProcessor.Resume(message, peer, resume, decision, gate), local);

    private V3Verdict FromUsm(V3Message message, UsmOutcome outcome, IPEndPoint local) => outcome switch
    {
        UsmPending pending => new V3Waiting(pending),
        UsmDiscovery discovery => new V3Discovery(discovery.Report),
        UsmRejected rejected => new V3Refused(rejected.Reason, rejected.ErrorCode, rejected.Description, rejected.Report) { Warning = rejected.Warning },
        UsmAccepted accepted => WithProvidedUser(Admitted(message, accepted, local), accepted),
        _ => throw new InvalidOperationException(outcome.GetType().Name),
    };

    /// <summary>An admitted message that authenticated with a user GetUser supplied carries it, for the session to have it cached.</summary>
    private static V3Verdict WithProvidedUser(V3Verdict verdict, UsmAccepted accepted) =>
        verdict is V3Admitted admitted && accepted.User is { Provisional: true } provided ? admitted with { ProvidedUser = provided } : verdict;

    private V3Verdict Admitted(V3Message message, UsmAccepted accepted, IPEndPoint local)
    {
        var scoped = accepted.ScopedPdu;
        var origin = new NotificationOrigin(peer, transport, SnmpVersion.V3, accepted.Level)
        {
            User = accepted.UserName,
            EngineId = [.. message.Usm!.EngineId.Span],
            ContextEngineId = [.. scoped.ContextEngineId.Span],
            ContextName = Encoding.UTF8.GetString(scoped.ContextName.Span),
            LocalEndPoint = local,
        };
        if (scoped.Pdu.Type != PduType.InformRequest)
            return new V3Admitted(scoped.Pdu, origin, null, accepted.DecryptedPdu);
        if (!accepted.LocallyAuthoritative)
        {
            services.Usm.Counters.UnknownEngineId();
            return NotAddressedHere;
        }
        return new V3Admitted(scoped.Pdu, origin, new UsmInformReply(message, accepted, services.Usm.Local, services.Usm.Time), accepted.DecryptedPdu);
    }

    /// <summary>This engine is the authoritative one for informs it receives (RFC 3412 §6.4, RFC 5343 for TSM).</summary>
    internal static readonly V3Refused NotAddressedHere = new(DropReason.UnknownEngine, TrapReceiverErrorCodes.BadEngineId,
        "an inform must be addressed to this receiver's engine ID", null);
}
