namespace TrapActors.Snmp.Ber;

/// <summary>
/// BER identifiers as the codec handles them: a single-byte tag is its byte value; a multi-byte
/// (high-tag-number) identifier is <c>(firstByte &lt;&lt; 24) | number</c>, which never collides with a byte.
/// </summary>
internal static class BerTag
{
    public const int Integer = 0x02;
    public const int OctetString = 0x04;
    public const int Null = 0x05;
    public const int ObjectIdentifier = 0x06;
    public const int Sequence = 0x30;

    public const byte ConstructedBit = 0x20;
    public const byte HighTagNumber = 0x1F;

    /// <summary>Largest tag number a multi-byte identifier may carry here.</summary>
    public const int MaxHighTagNumber = 0x00FF_FFFF;

    public static int MultiByte(byte first, int number) => (first << 24) | number;

    public static bool IsConstructed(int tag) => ((tag > 0xFF ? tag >> 24 : tag) & ConstructedBit) != 0;

    /// <summary>The first identifier byte, for error reports.</summary>
    public static byte FirstByte(int tag) => (byte)(tag > 0xFF ? tag >> 24 : tag);
}
