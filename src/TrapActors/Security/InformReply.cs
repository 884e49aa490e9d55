using TrapActors.Snmp;
using TrapActors.Snmp.Messages;
using TrapActors.Snmp.Security;

namespace TrapActors.Security;

/// <summary>
/// What answers one InformRequest (RFC 3416 §4.2.7), whatever its security: the request as needed to build the
/// Response, and the security model that protects it. Whoever decides on the inform only calls <see cref="Encode"/>.
/// </summary>
internal abstract record InformReply
{
    /// <summary>
    /// The Response with <paramref name="errorStatus"/> and <paramref name="errorIndex"/>; tooBig without varbinds when
    /// it would exceed <paramref name="maxSize"/> (inform.max-response-size) or, under SNMPv3, the request's msgMaxSize.
    /// Null when the Response cannot be sealed any more: the USM user's keys were retired (replaced or removed) meanwhile.
    /// </summary>
    public abstract byte[]? Encode(SnmpErrorStatus errorStatus, int errorIndex, int maxSize);
}

/// <summary>An SNMPv2c inform: the Response goes back with the request's version and community.</summary>
internal sealed record CommunityInformReply(CommunityMessage Request) : InformReply
{
    public override byte[]? Encode(SnmpErrorStatus errorStatus, int errorIndex, int maxSize) =>
        SnmpResponseEncoder.Encode(Request, errorStatus, errorIndex, maxSize);
}

/// <summary>
/// An SNMPv3 inform that USM accepted: the Response comes from the local (authoritative) engine, at the request's
/// security level, with the user's keys localized to it (RFC 3412 §7.1, RFC 3414 §3.1).
/// </summary>
/// <param name="Request">The InformRequest as received.</param>
/// <param name="Accepted">What USM established: the user, the level and the keys.</param>
/// <param name="Local">This receiver's engine (ID and boots).</param>
/// <param name="Time">The clock for msgAuthoritativeEngineTime, read when the Response is encoded.</param>
internal sealed record UsmInformReply(V3Message Request, UsmAccepted Accepted, LocalEngine Local, TimeProvider Time) : InformReply
{
    public override byte[]? Encode(SnmpErrorStatus errorStatus, int errorIndex, int maxSize)
    {
        // Fail closed: keys retired since the inform arrived refuse the lease, and no Response leaves.
        var keys = Accepted.Keys;
        if (keys is not null && !keys.TryAcquire())
            return null;
        try
        {
            if (keys is not null && Accepted.Level == SecurityLevel.AuthPriv && keys.PrivKey is null)
                return null;
            return SnmpResponseEncoder.Encode(Request, Accepted.ScopedPdu, errorStatus, errorIndex, maxSize,
                new UsmResponseSealer(Local, keys, Accepted.Level, Time.GetUtcNow().ToUnixTimeMilliseconds()));
        }
        finally
        {
            keys?.Release();
        }
    }
}

/// <summary>An SNMPv3 inform under the transport security model (RFC 5591), over a DTLS association.</summary>
internal sealed record TsmInformReply(V3Message Request, ScopedPdu Scoped) : InformReply
{
    public override byte[]? Encode(SnmpErrorStatus errorStatus, int errorIndex, int maxSize) =>
        SnmpResponseEncoder.Encode(Request, Scoped, errorStatus, errorIndex, maxSize, TsmResponseSealer.Instance);
}
