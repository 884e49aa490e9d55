using System.Diagnostics.CodeAnalysis;
using TrapActors.Snmp.Ber;
using TrapActors.Snmp.Messages;

namespace TrapActors.Snmp;

/// <summary>
/// Decodes SNMP messages. Byte-string values are slices of the input, so the caller must own the
/// input buffer for as long as the message lives (never pass a pooled buffer). Never throws on input.
/// </summary>
public static partial class SnmpMessageDecoder
{
    /// <summary>
    /// Decodes one datagram into a <see cref="CommunityMessage"/> (v1, v2c) or <see cref="V3Message"/>, within
    /// <paramref name="limits"/>. False, with the reason in <paramref name="error"/>, for anything malformed.
    /// </summary>
    public static bool TryDecode(ReadOnlyMemory<byte> datagram, DecodeLimits limits, [NotNullWhen(true)] out SnmpMessage? message, out DecodeError error)
    {
        message = null;
        if (!TryDecodeFrame(datagram, limits, out var community, out var v3, out error))
            return false;
        message = v3 ?? (SnmpMessage)community.ToMessage();
        return true;
    }

    /// <summary>
    /// Like <see cref="TryDecode(ReadOnlyMemory{byte}, DecodeLimits, out SnmpMessage?, out DecodeError)"/>, but a v1 or
    /// v2c message comes back as a value in <paramref name="community"/> (no message or PDU record is allocated);
    /// an SNMPv3 message comes back in <paramref name="v3"/>, which is null otherwise.
    /// </summary>
    public static bool TryDecodeFrame(ReadOnlyMemory<byte> datagram, DecodeLimits limits, out CommunityFrame community, out V3Message? v3, out DecodeError error)
    {
        community = default;
        v3 = null;
        if (datagram.Length > limits.MaxDatagramSize)
        {
            error = new DecodeError(SnmpDecodeError.DatagramTooLarge, limits.MaxDatagramSize);
            return false;
        }
        var ctx = new Context(datagram, limits);
        var top = new BerReader(datagram.Span, limits.MaxNestingDepth);
        if (!top.TryEnter(BerTag.Sequence, out var body, out error))
            return false;
        if (top.HasMore)
        {
            error = new DecodeError(SnmpDecodeError.TrailingData, top.Position, top.PeekTagByte());
            return false;
        }

        var versionAt = body.Position;
        if (!ctx.TryReadInt32(ref body, out var version, out error))
            return false;
        switch (version)
        {
            case (int)SnmpVersion.V1:
            case (int)SnmpVersion.V2c:
                return TryDecodeCommunity(ref ctx, ref body, (SnmpVersion)version, out community, out error);
            case (int)SnmpVersion.V3:
                return TryDecodeV3(ref ctx, ref body, out v3, out error);
            default:
                error = new DecodeError(SnmpDecodeError.UnsupportedVersion, versionAt, BerTag.Integer);
                return false;
        }
    }

    /// <summary>Decodes a plaintext ScopedPDU, as found after decryption; bytes after it (cipher padding) are ignored.</summary>
    public static bool TryDecodeScopedPdu(ReadOnlyMemory<byte> plaintext, DecodeLimits limits, [NotNullWhen(true)] out ScopedPdu? scopedPdu, out DecodeError error)
    {
        var ctx = new Context(plaintext, limits);
        var top = new BerReader(plaintext.Span, limits.MaxNestingDepth);
        return TryReadScopedPdu(ref ctx, ref top, out scopedPdu, out error);
    }

    private static bool TryDecodeCommunity(ref Context ctx, ref BerReader body, SnmpVersion version, out CommunityFrame message, out DecodeError error)
    {
        message = default;
        if (!ctx.TryReadOctetString(ref body, out var community, out error))
            return false;
        if (!TryReadPdu(ref ctx, ref body, out var pdu, out error) || !body.TryFinish(out error))
            return false;
        if (version == SnmpVersion.V1 && pdu.Type is PduType.GetBulkRequest or PduType.InformRequest or PduType.TrapV2 or PduType.Report)
        {
            error = new DecodeError(SnmpDecodeError.UnsupportedPduType, ctx.LastPduOffset, (byte)pdu.Type);
            return false;
        }
        if (version == SnmpVersion.V2c && pdu.Type == PduType.TrapV1)
        {
            error = new DecodeError(SnmpDecodeError.UnsupportedPduType, ctx.LastPduOffset, (byte)pdu.Type);
            return false;
        }
        message = new CommunityFrame(version, community, pdu);
        return true;
    }

    private static bool TryDecodeV3(ref Context ctx, ref BerReader body, out V3Message? message, out DecodeError error)
    {
        message = null;
        if (!body.TryEnter(BerTag.Sequence, out var header, out error))
            return false;
        if (!ctx.TryReadInt32(ref header, out var messageId, out error) ||
            !ctx.TryReadInt32(ref header, out var maxSize, out error))
            return false;
        var flagsAt = header.Position;
        if (!ctx.TryReadOctetString(ref header, out var flags, out error))
            return false;
        if (flags.Length != 1)
        {
            error = new DecodeError(SnmpDecodeError.InvalidValue, flagsAt, BerTag.OctetString);
            return false;
        }
        var modelAt = header.Position;
        if (!ctx.TryReadInt32(ref header, out var securityModel, out error) || !header.TryFinish(out error))
            return false;
        if (securityModel is not (SecurityModels.Usm or SecurityModels.Tsm))
        {
            error = new DecodeError(SnmpDecodeError.UnsupportedSecurityModel, modelAt, BerTag.Integer);
            return false;
        }

        var paramsAt = body.Position;
        if (!body.TryReadExpected(BerTag.OctetString, out var paramsStart, out var paramsLength, out error))
            return false;
        var securityParameters = ctx.Slice(paramsStart, paramsLength);
        UsmSecurityParameters? usm = null;
        var authOffset = -1;
        if (securityModel == SecurityModels.Usm)
        {
            var usmReader = body;
            if (!usmReader.TryInner(paramsAt, BerTag.OctetString, paramsStart, paramsLength, out var inner, out error) ||
                !TryReadUsm(ref ctx, ref inner, out usm, out authOffset, out error))
            {
                if (error.Code != SnmpDecodeError.NestingTooDeep)
                    error = new DecodeError(SnmpDecodeError.MalformedSecurityParameters, paramsAt, BerTag.OctetString);
                return false;
            }
        }

        ScopedPdu? scoped = null;
        ReadOnlyMemory<byte> encrypted = default;
        if (body.PeekTagByte() == BerTag.OctetString)
        {
            if (!ctx.TryReadOctetString(ref body, out encrypted, out error))
                return false;
        }
        else if (!TryReadScopedPdu(ref ctx, ref body, out scoped, out error))
        {
            return false;
        }
        if (!body.TryFinish(out error))
            return false;

        message = new V3Message(messageId, maxSize, (V3MessageFlags)flags.Span[0], securityModel, securityParameters, usm, scoped, encrypted)
        {
            WholeMessage = ctx.Input,
            AuthParametersOffset = authOffset,
        };
        return true;
    }

    private static bool TryReadUsm(ref Context ctx, ref BerReader octets, out UsmSecurityParameters? usm, out int authOffset, out DecodeError error)
    {
        usm = null;
        authOffset = -1;
        if (!octets.TryEnter(BerTag.Sequence, out var seq, out error) || !octets.TryFinish(out error))
            return false;
        var engineIdAt = seq.Position;
        if (!ctx.TryReadOctetString(ref seq, out var engineId, out error) ||
            !ctx.TryReadInt32(ref seq, out var boots, out error) ||
            !ctx.TryReadInt32(ref seq, out var time, out error))
            return false;
        var userNameAt = seq.Position;
        if (!ctx.TryReadOctetString(ref seq, out var userName, out error))
            return false;
        // RFC 3414 §2.4: SIZE(5..32) and SIZE(0..32). Longer ones would let a sender grow per-engine state at will.
        if (engineId.Length > UsmSecurityParameters.MaxEngineIdLength || userName.Length > UsmSecurityParameters.MaxUserNameLength)
        {
            error = new DecodeError(SnmpDecodeError.InvalidValue, engineId.Length > UsmSecurityParameters.MaxEngineIdLength ? engineIdAt : userNameAt, BerTag.OctetString);
            return false;
        }
        if (!seq.TryReadExpected(BerTag.OctetString, out var authStart, out var authLength, out error))
            return false;
        if (!ctx.TryReadOctetString(ref seq, out var privParams, out error) || !seq.TryFinish(out error))
            return false;
        authOffset = authLength > 0 ? authStart : -1;
        usm = new UsmSecurityParameters(engineId, boots, time, userName, ctx.Slice(authStart, authLength), privParams);
        return true;
    }

    private static bool TryReadScopedPdu(ref Context ctx, ref BerReader reader, out ScopedPdu? scopedPdu, out DecodeError error)
    {
        scopedPdu = null;
        if (!reader.TryEnter(BerTag.Sequence, out var seq, out error))
            return false;
        if (!ctx.TryReadOctetString(ref seq, out var contextEngineId, out error) ||
            !ctx.TryReadOctetString(ref seq, out var contextName, out error) ||
            !TryReadPdu(ref ctx, ref seq, out var pdu, out error) ||
            !seq.TryFinish(out error))
            return false;
        if (pdu.Type == PduType.TrapV1)
        {
            error = new DecodeError(SnmpDecodeError.UnsupportedPduType, ctx.LastPduOffset, (byte)pdu.Type);
            return false;
        }
        scopedPdu = new ScopedPdu(contextEngineId, contextName, pdu.ToPdu());
        return true;
    }

    /// <summary>The input and limits shared by one decode.</summary>
    private struct Context(ReadOnlyMemory<byte> input, DecodeLimits limits)
    {
        public readonly ReadOnlyMemory<byte> Input = input;
        public readonly DecodeLimits Limits = limits;
        public int LastPduOffset;
        public DecodeLeniency Leniencies;

        public readonly ReadOnlyMemory<byte> Slice(int start, int length) => Input.Slice(start, length);

        public readonly bool TryReadInt32(ref BerReader reader, out int value, out DecodeError error)
        {
            value = 0;
            var at = reader.Position;
            if (!reader.TryReadExpected(BerTag.Integer, out var start, out var length, out error))
                return false;
            var code = BerPrimitives.TryReadInt32(Input.Span.Slice(start, length), out value);
            if (code == SnmpDecodeError.None)
                return true;
            error = new DecodeError(code, at, BerTag.Integer);
            return false;
        }

        /// <summary>An Integer32 value of a varbind; no content bytes is read as 0 (<see cref="DecodeLeniency.EmptyInteger"/>).</summary>
        public SnmpDecodeError ReadInt32Value(ReadOnlySpan<byte> content, out int value)
        {
            if (!content.IsEmpty)
                return BerPrimitives.TryReadInt32(content, out value);
            Leniencies |= DecodeLeniency.EmptyInteger;
            value = 0;
            return SnmpDecodeError.None;
        }

        /// <summary>An unsigned value (Counter32, Gauge32, TimeTicks, UInteger32, Counter64); no content bytes is read as 0.</summary>
        public SnmpDecodeError ReadUnsignedValue(ReadOnlySpan<byte> content, int maxBytes, out ulong value)
        {
            if (!content.IsEmpty)
                return BerPrimitives.TryReadUnsigned(content, maxBytes, out value);
            Leniencies |= DecodeLeniency.EmptyInteger;
            value = 0;
            return SnmpDecodeError.None;
        }

        public readonly bool TryReadOctetString(ref BerReader reader, out ReadOnlyMemory<byte> value, out DecodeError error)
        {
            value = default;
            if (!reader.TryReadExpected(BerTag.OctetString, out var start, out var length, out error))
                return false;
            value = Slice(start, length);
            return true;
        }

        public readonly bool TryReadOid(ref BerReader reader, out Oid value, out DecodeError error)
        {
            value = default;
            var at = reader.Position;
            if (!reader.TryReadExpected(BerTag.ObjectIdentifier, out var start, out var length, out error))
                return false;
            var code = BerPrimitives.TryReadOid(Input.Span.Slice(start, length), Limits.MaxOidArcs, out var arcs);
            if (code == SnmpDecodeError.None)
            {
                value = Oid.FromOwnedArray(arcs);
                return true;
            }
            error = new DecodeError(code, at, BerTag.ObjectIdentifier);
            return false;
        }
    }
}
