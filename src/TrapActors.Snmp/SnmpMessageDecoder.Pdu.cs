using System.Collections.Immutable;
using System.Runtime.InteropServices;
using TrapActors.Snmp.Ber;
using TrapActors.Snmp.Messages;

namespace TrapActors.Snmp;

// The PDU, varbind and value readers of the decoder (RFC 1157 §4, RFC 3416 §3, RFC 2578 types).
public static partial class SnmpMessageDecoder
{
    private static bool TryReadPdu(ref Context ctx, ref BerReader reader, out PduFrame pdu, out DecodeError error)
    {
        pdu = default;
        var at = reader.Position;
        ctx.LastPduOffset = at;
        if (!reader.TryReadHeader(out var tag, out var start, out var length, out error))
            return false;
        if (tag is < (int)PduType.GetRequest or > (int)PduType.Report)
        {
            error = new DecodeError(SnmpDecodeError.UnsupportedPduType, at, BerTag.FirstByte(tag));
            return false;
        }
        if (!reader.TryInner(at, tag, start, length, out var body, out error))
            return false;

        var type = (PduType)tag;
        if (type == PduType.TrapV1)
            return TryReadTrapV1(ref ctx, ref body, out pdu, out error);

        if (!ctx.TryReadInt32(ref body, out var requestId, out error) ||
            !ctx.TryReadInt32(ref body, out var errorStatus, out error) ||
            !ctx.TryReadInt32(ref body, out var errorIndex, out error) ||
            !TryReadVarBinds(ref ctx, ref body, out var varBinds, out error) ||
            !body.TryFinish(out error))
            return false;
        pdu = new PduFrame(type, requestId, errorStatus, errorIndex, varBinds, null) { Leniencies = ctx.Leniencies };
        return true;
    }

    private static bool TryReadTrapV1(ref Context ctx, ref BerReader body, out PduFrame pdu, out DecodeError error)
    {
        pdu = default;
        if (!ctx.TryReadOid(ref body, out var enterprise, out error))
            return false;
        var addressAt = body.Position;
        if (!body.TryReadExpected((int)SnmpType.IpAddress, out var addressStart, out var addressLength, out error))
            return false;
        if (addressLength != 4)
        {
            error = new DecodeError(SnmpDecodeError.InvalidValue, addressAt, (byte)SnmpType.IpAddress);
            return false;
        }
        if (!ctx.TryReadInt32(ref body, out var generic, out error) ||
            !ctx.TryReadInt32(ref body, out var specific, out error))
            return false;
        var timeAt = body.Position;
        if (!body.TryReadExpected((int)SnmpType.TimeTicks, out var timeStart, out var timeLength, out error))
            return false;
        var code = ctx.ReadUnsignedValue(ctx.Input.Span.Slice(timeStart, timeLength), 4, out var timeStamp);
        if (code != SnmpDecodeError.None)
        {
            error = new DecodeError(code, timeAt, (byte)SnmpType.TimeTicks);
            return false;
        }
        if (!TryReadVarBinds(ref ctx, ref body, out var varBinds, out error) || !body.TryFinish(out error))
            return false;
        var header = new TrapV1Header(enterprise, ctx.Slice(addressStart, addressLength), generic, specific, (uint)timeStamp);
        pdu = new PduFrame(PduType.TrapV1, 0, 0, 0, varBinds, header) { Leniencies = ctx.Leniencies };
        return true;
    }

    private static bool TryReadVarBinds(ref Context ctx, ref BerReader reader, out ImmutableArray<VarBind> varBinds, out DecodeError error)
    {
        varBinds = default;
        if (!reader.TryEnter(BerTag.Sequence, out var list, out error))
            return false;
        if (!list.TryCountElements(ctx.Limits.MaxVarBinds, out var count, out error))
            return false;
        var result = new VarBind[count];
        for (var i = 0; i < count; i++)
        {
            if (!list.TryEnter(BerTag.Sequence, out var vb, out error) ||
                !ctx.TryReadOid(ref vb, out var oid, out error) ||
                !TryReadValue(ref ctx, ref vb, out var value, out error) ||
                !vb.TryFinish(out error))
                return false;
            result[i] = new VarBind(oid, value);
        }
        varBinds = ImmutableCollectionsMarshal.AsImmutableArray(result);
        return true;
    }

    private static bool TryReadValue(ref Context ctx, ref BerReader reader, out SnmpValue value, out DecodeError error)
    {
        value = default;
        var at = reader.Position;
        if (!reader.TryReadHeader(out var tag, out var start, out var length, out error))
            return false;
        var content = ctx.Input.Span.Slice(start, length);
        var code = SnmpDecodeError.None;
        ulong unsigned;
        switch (tag)
        {
            case (int)SnmpType.Integer32:
                code = ctx.ReadInt32Value(content, out var i32);
                value = SnmpValue.Integer32(i32);
                break;
            case (int)SnmpType.OctetString:
                value = SnmpValue.OctetString(ctx.Slice(start, length));
                break;
            case (int)SnmpType.Null:
                code = length == 0 ? SnmpDecodeError.None : SnmpDecodeError.InvalidValue;
                value = SnmpValue.Null;
                break;
            case (int)SnmpType.ObjectIdentifier:
                code = BerPrimitives.TryReadOid(content, ctx.Limits.MaxOidArcs, out var arcs);
                value = SnmpValue.ObjectIdentifier(Oid.FromOwnedArray(arcs));
                break;
            case (int)SnmpType.IpAddress:
                code = length == 4 ? SnmpDecodeError.None : SnmpDecodeError.InvalidValue;
                value = SnmpValue.IpAddress(ctx.Slice(start, length));
                break;
            case (int)SnmpType.Counter32:
                code = ctx.ReadUnsignedValue(content, 4, out unsigned);
                value = SnmpValue.Counter32((uint)unsigned);
                break;
            case (int)SnmpType.Gauge32:
                code = ctx.ReadUnsignedValue(content, 4, out unsigned);
                value = SnmpValue.Gauge32((uint)unsigned);
                break;
            case (int)SnmpType.TimeTicks:
                code = ctx.ReadUnsignedValue(content, 4, out unsigned);
                value = SnmpValue.TimeTicks((uint)unsigned);
                break;
            case (int)SnmpType.UInteger32:
                code = ctx.ReadUnsignedValue(content, 4, out unsigned);
                value = SnmpValue.UInteger32((uint)unsigned);
                break;
            case (int)SnmpType.Counter64:
                code = ctx.ReadUnsignedValue(content, 8, out unsigned);
                value = SnmpValue.Counter64(unsigned);
                break;
            case (int)SnmpType.Opaque:
                value = SnmpValue.Opaque(ctx.Slice(start, length));
                break;
            case (int)SnmpType.NsapAddress:
                value = SnmpValue.NsapAddress(ctx.Slice(start, length));
                break;
            case (int)SnmpType.NoSuchObject:
                code = length == 0 ? SnmpDecodeError.None : SnmpDecodeError.InvalidValue;
                value = SnmpValue.NoSuchObject;
                break;
            case (int)SnmpType.NoSuchInstance:
                code = length == 0 ? SnmpDecodeError.None : SnmpDecodeError.InvalidValue;
                value = SnmpValue.NoSuchInstance;
                break;
            case (int)SnmpType.EndOfMibView:
                code = length == 0 ? SnmpDecodeError.None : SnmpDecodeError.InvalidValue;
                value = SnmpValue.EndOfMibView;
                break;
            default:
                code = SnmpDecodeError.InvalidTag;
                break;
        }
        if (code != SnmpDecodeError.None)
        {
            value = default;
            error = new DecodeError(code, at, BerTag.FirstByte(tag));
            return false;
        }
        return true;
    }
}
