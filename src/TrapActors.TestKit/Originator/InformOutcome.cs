using System.Collections.Immutable;
using TrapActors.Snmp.Messages;

namespace TrapActors.TestKit;

/// <summary>How an inform ended.</summary>
public enum InformOutcomeKind
{
    /// <summary>The receiver answered with a Response-PDU.</summary>
    Response,
    /// <summary>The receiver answered with a Report-PDU (RFC 3412 §7.1), e.g. usmStatsWrongDigests.</summary>
    Report,
    /// <summary>No answer came within the timeout, after every retry.</summary>
    Timeout,
}

/// <summary>The outcome of <see cref="NotificationOriginator.SendInformAsync"/>: the Response or Report received, or a timeout.</summary>
/// <param name="Kind">Response, Report or Timeout.</param>
/// <param name="Pdu">The Response or Report PDU; null on timeout.</param>
public sealed record InformOutcome(InformOutcomeKind Kind, Pdu? Pdu)
{
    /// <summary>No answer.</summary>
    public static readonly InformOutcome TimedOut = new(InformOutcomeKind.Timeout, null);

    /// <summary>The Response's error-status (0, noError, when it accepted the inform); 0 for a Report or timeout.</summary>
    public int ErrorStatus => Kind == InformOutcomeKind.Response ? Pdu!.ErrorStatus : 0;

    /// <summary>The PDU's variable bindings (a Response echoes the inform's); empty on timeout.</summary>
    public ImmutableArray<VarBind> VarBinds => Pdu is { VarBinds.IsDefault: false } pdu ? pdu.VarBinds : [];

    /// <summary>The counter a Report carries (e.g. usmStatsNotInTimeWindows.0, 1.3.6.1.6.3.15.1.1.2.0); null for a Response or timeout.</summary>
    public Oid? ReportOid => Kind == InformOutcomeKind.Report && VarBinds.Length > 0 ? VarBinds[0].Oid : null;
}
