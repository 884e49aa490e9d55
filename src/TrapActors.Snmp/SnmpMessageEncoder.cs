using TrapActors.Snmp.Ber;
using TrapActors.Snmp.Messages;

namespace TrapActors.Snmp;

/// <summary>Encodes SNMP messages with minimal BER lengths.</summary>
public static class SnmpMessageEncoder
{
    /// <summary>Encodes an SNMPv1 or SNMPv2c message (e.g. the Response to a v2c inform).</summary>
    public static byte[] Encode(CommunityMessage message)
    {
        using var w = new BerWriter();
        var end = w.Length;
        WritePdu(w, message.Pdu);
        w.WritePrimitive(BerTag.OctetString, message.Community.Span);
        w.WriteInteger(BerTag.Integer, (int)message.Version);
        w.WriteHeader(BerTag.Sequence, w.Length - end);
        return w.ToArray();
    }

    /// <summary>
    /// Encodes an SNMPv3 message. With USM parameters, <paramref name="authParametersOffset"/> is the
    /// offset of msgAuthenticationParameters' value bytes in the result (-1 when they are empty), so
    /// the caller can write the HMAC there.
    /// </summary>
    public static byte[] Encode(V3Message message, out int authParametersOffset)
    {
        using var w = new BerWriter();
        var end = w.Length;
        if (message.ScopedPdu is { } scoped)
            WriteScopedPdu(w, scoped);
        else
            w.WritePrimitive(BerTag.OctetString, message.EncryptedPdu.Span);

        var authFromEnd = -1;
        if (message.Usm is { } usm)
        {
            var paramsEnd = w.Length;
            var seqEnd = w.Length;
            w.WritePrimitive(BerTag.OctetString, usm.PrivParameters.Span);
            w.WriteBytes(usm.AuthParameters.Span);
            if (usm.AuthParameters.Length > 0)
                authFromEnd = w.Length;
            w.WriteHeader(BerTag.OctetString, usm.AuthParameters.Length);
            w.WritePrimitive(BerTag.OctetString, usm.UserName.Span);
            w.WriteInteger(BerTag.Integer, usm.EngineTime);
            w.WriteInteger(BerTag.Integer, usm.EngineBoots);
            w.WritePrimitive(BerTag.OctetString, usm.EngineId.Span);
            w.WriteHeader(BerTag.Sequence, w.Length - seqEnd);
            w.WriteHeader(BerTag.OctetString, w.Length - paramsEnd);
        }
        else
        {
            w.WritePrimitive(BerTag.OctetString, message.SecurityParameters.Span);
        }

        var headerEnd = w.Length;
        w.WriteInteger(BerTag.Integer, message.SecurityModel);
        w.WritePrimitive(BerTag.OctetString, [(byte)message.Flags]);
        w.WriteInteger(BerTag.Integer, message.MaxSize);
        w.WriteInteger(BerTag.Integer, message.MessageId);
        w.WriteHeader(BerTag.Sequence, w.Length - headerEnd);
        w.WriteInteger(BerTag.Integer, (int)SnmpVersion.V3);
        w.WriteHeader(BerTag.Sequence, w.Length - end);

        authParametersOffset = authFromEnd < 0 ? -1 : w.Length - authFromEnd;
        return w.ToArray();
    }

    /// <summary>Encodes a ScopedPDU alone: the plaintext that USM encrypts into encryptedPDU (RFC 3414 §3.1.1).</summary>
    public static byte[] EncodeScopedPdu(ScopedPdu scopedPdu)
    {
        using var w = new BerWriter();
        WriteScopedPdu(w, scopedPdu);
        return w.ToArray();
    }

    private static void WriteScopedPdu(BerWriter w, ScopedPdu scoped)
    {
        var end = w.Length;
        WritePdu(w, scoped.Pdu);
        w.WritePrimitive(BerTag.OctetString, scoped.ContextName.Span);
        w.WritePrimitive(BerTag.OctetString, scoped.ContextEngineId.Span);
        w.WriteHeader(BerTag.Sequence, w.Length - end);
    }

    private static void WritePdu(BerWriter w, Pdu pdu)
    {
        var end = w.Length;
        WriteVarBinds(w, pdu);
        if (pdu.TrapV1 is { } v1)
        {
            w.WriteUnsigned((int)SnmpType.TimeTicks, v1.TimeStamp);
            w.WriteInteger(BerTag.Integer, v1.SpecificTrap);
            w.WriteInteger(BerTag.Integer, v1.GenericTrap);
            w.WritePrimitive((int)SnmpType.IpAddress, v1.AgentAddress.Span);
            w.WriteOid(BerTag.ObjectIdentifier, v1.Enterprise.Arcs);
        }
        else
        {
            w.WriteInteger(BerTag.Integer, pdu.ErrorIndex);
            w.WriteInteger(BerTag.Integer, pdu.ErrorStatus);
            w.WriteInteger(BerTag.Integer, pdu.RequestId);
        }
        w.WriteHeader((int)pdu.Type, w.Length - end);
    }

    private static void WriteVarBinds(BerWriter w, Pdu pdu)
    {
        var listEnd = w.Length;
        var varBinds = pdu.VarBinds.IsDefault ? [] : pdu.VarBinds.AsSpan();
        for (var i = varBinds.Length - 1; i >= 0; i--)
        {
            var vbEnd = w.Length;
            WriteValue(w, varBinds[i].Value);
            w.WriteOid(BerTag.ObjectIdentifier, varBinds[i].Oid.Arcs);
            w.WriteHeader(BerTag.Sequence, w.Length - vbEnd);
        }
        w.WriteHeader(BerTag.Sequence, w.Length - listEnd);
    }

    private static void WriteValue(BerWriter w, SnmpValue value)
    {
        var tag = (int)value.Type;
        switch (value.Type)
        {
            case SnmpType.Integer32:
                w.WriteInteger(tag, value.AsInt32());
                break;
            case SnmpType.Counter32 or SnmpType.Gauge32 or SnmpType.TimeTicks or SnmpType.UInteger32:
                w.WriteUnsigned(tag, value.AsUInt32());
                break;
            case SnmpType.Counter64:
                w.WriteUnsigned(tag, value.AsUInt64());
                break;
            case SnmpType.ObjectIdentifier:
                w.WriteOid(tag, value.AsOid().Arcs);
                break;
            case SnmpType.OctetString or SnmpType.IpAddress or SnmpType.Opaque or SnmpType.NsapAddress:
                w.WritePrimitive(tag, value.AsBytes().Span);
                break;
            default:
                w.WriteHeader(tag, 0);
                break;
        }
    }
}
