namespace TrapActors.Snmp.Ber;

/// <summary>
/// Reads TLVs from a slice of an input buffer. Offsets are absolute in the whole input so that
/// errors name the byte where they happened. It never throws: every read returns false with a
/// <see cref="DecodeError"/> instead.
/// </summary>
internal ref struct BerReader
{
    private readonly ReadOnlySpan<byte> _input;
    private readonly int _end;
    private readonly int _depth;
    private readonly int _maxDepth;
    private int _position;

    public BerReader(ReadOnlySpan<byte> input, int maxDepth)
        : this(input, 0, input.Length, 0, maxDepth)
    {
    }

    private BerReader(ReadOnlySpan<byte> input, int start, int end, int depth, int maxDepth)
    {
        _input = input;
        _position = start;
        _end = end;
        _depth = depth;
        _maxDepth = maxDepth;
    }

    public readonly int Position => _position;

    public readonly int End => _end;

    public readonly bool HasMore => _position < _end;

    /// <summary>Reads an identifier and a definite length; the content must lie inside this reader's range.</summary>
    public bool TryReadHeader(out int tag, out int contentStart, out int length, out DecodeError error)
    {
        tag = 0;
        contentStart = 0;
        length = 0;
        var start = _position;
        var p = _position;
        if (p >= _end)
            return RanOut(out error, start, 0);

        var first = _input[p++];
        if ((first & BerTag.HighTagNumber) == BerTag.HighTagNumber)
        {
            var number = 0;
            byte b;
            var digits = 0;
            do
            {
                if (p >= _end)
                    return RanOut(out error, start, first);
                b = _input[p++];
                if ((digits == 0 && b == 0x80) || number > BerTag.MaxHighTagNumber >> 7)
                    return Fail(out error, SnmpDecodeError.InvalidTag, start, first);
                number = (number << 7) | (b & 0x7F);
                digits++;
            }
            while ((b & 0x80) != 0);
            tag = BerTag.MultiByte(first, number);
        }
        else
        {
            tag = first;
        }

        if (p >= _end)
            return RanOut(out error, start, first);
        int lengthByte = _input[p++];
        long len;
        if (lengthByte < 0x80)
        {
            len = lengthByte;
        }
        else
        {
            var count = lengthByte & 0x7F;
            if (count == 0 || count > 4)
                return Fail(out error, SnmpDecodeError.InvalidLength, start, first);
            if (p + count > _end)
                return RanOut(out error, start, first);
            len = 0;
            for (var i = 0; i < count; i++)
                len = (len << 8) | _input[p++];
        }

        if (p + len > _input.Length)
            return Fail(out error, SnmpDecodeError.Truncated, _input.Length, first);
        if (p + len > _end)
            return Fail(out error, SnmpDecodeError.LengthMismatch, start, first);

        contentStart = p;
        length = (int)len;
        _position = p + length;
        error = DecodeError.None;
        return true;
    }

    /// <summary>Reads a TLV that must carry <paramref name="expectedTag"/>.</summary>
    public bool TryReadExpected(int expectedTag, out int contentStart, out int length, out DecodeError error)
    {
        var start = _position;
        if (!TryReadHeader(out var tag, out contentStart, out length, out error))
            return false;
        if (tag != expectedTag)
        {
            _position = start;
            return Fail(out error, SnmpDecodeError.InvalidTag, start, BerTag.FirstByte(tag));
        }
        return true;
    }

    /// <summary>Enters a constructed value with <paramref name="expectedTag"/>, one level deeper.</summary>
    public bool TryEnter(int expectedTag, out BerReader inner, out DecodeError error)
    {
        inner = default;
        var start = _position;
        if (!TryReadExpected(expectedTag, out var contentStart, out var length, out error))
            return false;
        return TryInner(start, expectedTag, contentStart, length, out inner, out error);
    }

    /// <summary>A reader over content already located by <see cref="TryReadHeader"/>.</summary>
    public readonly bool TryInner(int tagOffset, int tag, int contentStart, int length, out BerReader inner, out DecodeError error)
    {
        inner = default;
        if (_depth + 1 > _maxDepth)
            return Fail(out error, SnmpDecodeError.NestingTooDeep, tagOffset, BerTag.FirstByte(tag));
        inner = new BerReader(_input, contentStart, contentStart + length, _depth + 1, _maxDepth);
        error = DecodeError.None;
        return true;
    }

    /// <summary>Fails unless every byte of this reader's range was consumed.</summary>
    public readonly bool TryFinish(out DecodeError error)
    {
        if (_position != _end)
            return Fail(out error, SnmpDecodeError.LengthMismatch, _position, _input[_position]);
        error = DecodeError.None;
        return true;
    }

    /// <summary>Counts the TLVs left in this reader without consuming them; stops early past <paramref name="limit"/>.</summary>
    public readonly bool TryCountElements(int limit, out int count, out DecodeError error)
    {
        var probe = this;
        count = 0;
        while (probe.HasMore)
        {
            var at = probe._position;
            if (!probe.TryReadHeader(out var tag, out _, out _, out error))
                return false;
            if (++count > limit)
                return Fail(out error, SnmpDecodeError.TooManyVarBinds, at, BerTag.FirstByte(tag));
        }
        error = DecodeError.None;
        return true;
    }

    public readonly byte PeekTagByte() => _position < _end ? _input[_position] : (byte)0;

    /// <summary>The header does not fit: the input ended (Truncated) or the enclosing value did (LengthMismatch).</summary>
    private readonly bool RanOut(out DecodeError error, int tagOffset, byte tag) =>
        _end == _input.Length
            ? Fail(out error, SnmpDecodeError.Truncated, _input.Length, tag)
            : Fail(out error, SnmpDecodeError.LengthMismatch, tagOffset, tag);

    private static bool Fail(out DecodeError error, SnmpDecodeError code, int offset, byte tag)
    {
        error = new DecodeError(code, offset, tag);
        return false;
    }
}
