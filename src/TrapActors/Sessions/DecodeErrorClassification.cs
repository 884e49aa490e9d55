using TrapActors.Diagnostics;
using TrapActors.Snmp;

namespace TrapActors.Sessions;

/// <summary>The drop reason and error code a datagram that does not decode is counted and reported with.</summary>
internal static class DecodeErrorClassification
{
    public static (DropReason Reason, int Code) Classify(SnmpDecodeError error) => error switch
    {
        SnmpDecodeError.UnsupportedVersion => (DropReason.UnsupportedVersion, TrapReceiverErrorCodes.UnsupportedVersion),
        SnmpDecodeError.UnsupportedPduType => (DropReason.UnsupportedPdu, TrapReceiverErrorCodes.UnknownPduType),
        SnmpDecodeError.UnsupportedSecurityModel => (DropReason.UnsupportedSecurity, TrapReceiverErrorCodes.SecurityModelNotSupported),
        SnmpDecodeError.DatagramTooLarge => (DropReason.TooLarge, TrapReceiverErrorCodes.MessageTooLong),
        _ => (DropReason.Malformed, TrapReceiverErrorCodes.DefectivePacket),
    };
}
