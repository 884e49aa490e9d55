namespace TrapActors.Snmp.Messages;

/// <summary>The usmStats counters a Report-PDU carries (RFC 3414 §5), as the receiver sends them and an originator compares them.</summary>
public static class UsmReportOids
{
    /// <summary>usmStatsUnsupportedSecLevels.0.</summary>
    public static readonly Oid UnsupportedSecLevels = Oid.Parse("1.3.6.1.6.3.15.1.1.1.0");
    /// <summary>usmStatsNotInTimeWindows.0: the engine boots or time was outside the window.</summary>
    public static readonly Oid NotInTimeWindows = Oid.Parse("1.3.6.1.6.3.15.1.1.2.0");
    /// <summary>usmStatsUnknownUserNames.0.</summary>
    public static readonly Oid UnknownUserNames = Oid.Parse("1.3.6.1.6.3.15.1.1.3.0");
    /// <summary>usmStatsUnknownEngineIDs.0: the answer to discovery.</summary>
    public static readonly Oid UnknownEngineIds = Oid.Parse("1.3.6.1.6.3.15.1.1.4.0");
    /// <summary>usmStatsWrongDigests.0.</summary>
    public static readonly Oid WrongDigests = Oid.Parse("1.3.6.1.6.3.15.1.1.5.0");
    /// <summary>usmStatsDecryptionErrors.0.</summary>
    public static readonly Oid DecryptionErrors = Oid.Parse("1.3.6.1.6.3.15.1.1.6.0");
}
