using System.Collections.Immutable;
using TrapActors.Snmp.Messages;

namespace TrapActors.Snmp;

/// <summary>
/// Encodes Response-PDUs: the answer to an InformRequest (RFC 3416 §4.2.7: same request-id and variable bindings,
/// with the given error-status and error-index) in a community-based (SNMPv1/v2c) or an SNMPv3 message.
/// One size rule for all: when the encoded Response would exceed the limit, a Response with error-status
/// <see cref="SnmpErrorStatus.TooBig"/>, error-index 0 and an empty variable-bindings list is sent instead, with the
/// same request-id. The limit is the caller's maximum and, for SNMPv3, also the request's msgMaxSize
/// (RFC 3412 §7.1 step 3, RFC 3416 §4.2.7).
/// </summary>
public static class SnmpResponseEncoder
{
    /// <summary>The Response-PDU to <paramref name="request"/>: its request-id and varbinds with the given error-status and error-index.</summary>
    private static Pdu ResponseTo(Pdu request, SnmpErrorStatus errorStatus, int errorIndex) =>
        request with { Type = PduType.Response, ErrorStatus = (int)errorStatus, ErrorIndex = errorIndex, TrapV1 = null };

    /// <summary>
    /// The Response to a community-based InformRequest, in a message of the request's version and community; tooBig
    /// without varbinds when it would exceed <paramref name="maxSize"/> bytes.
    /// </summary>
    public static byte[] Encode(CommunityMessage request, SnmpErrorStatus errorStatus, int errorIndex, int maxSize) =>
        EncodeResponse(request, ResponseTo(request.Pdu, errorStatus, errorIndex), maxSize);

    /// <summary>
    /// The Response to an SNMPv3 InformRequest whose (authenticated, decrypted) scoped PDU is <paramref name="scopedRequest"/>:
    /// the same contextEngineID and contextName, sealed by <paramref name="sealer"/>; tooBig without varbinds when it would
    /// exceed <paramref name="maxSize"/> bytes or the request's msgMaxSize.
    /// </summary>
    public static byte[] Encode(V3Message request, ScopedPdu scopedRequest, SnmpErrorStatus errorStatus, int errorIndex, int maxSize,
        ISnmpV3ResponseSealer sealer) =>
        EncodeResponse(request, scopedRequest with { Pdu = ResponseTo(scopedRequest.Pdu, errorStatus, errorIndex) }, maxSize, sealer);

    /// <summary>A Response-PDU already built, in a community message like <paramref name="request"/>; tooBig when over <paramref name="maxSize"/>.</summary>
    private static byte[] EncodeResponse(CommunityMessage request, Pdu response, int maxSize) =>
        EncodeWithin(response, maxSize, pdu => SnmpMessageEncoder.Encode(request with { Pdu = pdu }));

    /// <summary>
    /// A scoped Response-PDU already built (the answer to any confirmed-class request), sealed by <paramref name="sealer"/>;
    /// tooBig when over <paramref name="maxSize"/> or the request's msgMaxSize.
    /// </summary>
    public static byte[] EncodeResponse(V3Message request, ScopedPdu response, int maxSize, ISnmpV3ResponseSealer sealer) =>
        EncodeWithin(response.Pdu, Limit(request, maxSize), pdu => sealer.Seal(request, response with { Pdu = pdu }));

    /// <summary>The largest SNMPv3 Response to <paramref name="request"/>: <paramref name="maxSize"/>, or its msgMaxSize when that is positive and smaller.</summary>
    public static int Limit(V3Message request, int maxSize) =>
        request.MaxSize > 0 ? Math.Min(maxSize, request.MaxSize) : maxSize;

    /// <summary>The tooBig fallback for <paramref name="response"/>: same request-id, error-index 0, no varbinds.</summary>
    private static Pdu TooBig(Pdu response) =>
        response with { ErrorStatus = (int)SnmpErrorStatus.TooBig, ErrorIndex = 0, VarBinds = ImmutableArray<VarBind>.Empty };

    private static byte[] EncodeWithin(Pdu response, int limit, Func<Pdu, byte[]> encode)
    {
        var bytes = encode(response);
        return bytes.Length <= limit ? bytes : encode(TooBig(response));
    }
}
