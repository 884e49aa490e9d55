using System.Buffers.Binary;
using System.Security.Cryptography;

namespace TrapActors.Security;

/// <summary>
/// This receiver's own SNMP engine: the authoritative engine for informs sent to it and for discovery
/// (RFC 3414 §2.2). snmpEngineTime counts seconds since start; snmpEngineBoots was incremented at start.
/// </summary>
internal sealed class LocalEngine(byte[] engineId, int boots, long startedAtMs)
{
    public byte[] EngineId { get; } = engineId;

    public int Boots { get; } = boots;

    public int Time(long nowMs) => (int)Math.Min(int.MaxValue, Math.Max(0, nowMs - startedAtMs) / 1000);

    /// <summary>RFC 3414 §3.2 step 7a: a message for which this engine is authoritative.</summary>
    public Timeliness Check(int msgBoots, int msgTime, long nowMs, TimeSpan window) =>
        Boots == int.MaxValue || msgBoots != Boots || Math.Abs((long)msgTime - Time(nowMs)) > (long)window.TotalSeconds
            ? Timeliness.NotInTimeWindow
            : Timeliness.InTime;

    public bool IsLocal(ReadOnlySpan<byte> engineId) => engineId.SequenceEqual(EngineId);

    /// <summary>
    /// An RFC 3411 engine ID of format 5 (administratively assigned octets): 0x80 | enterprise number, 0x05,
    /// then 8 random octets, so that receivers started independently do not collide.
    /// </summary>
    public static byte[] GenerateEngineId(int enterpriseNumber)
    {
        var id = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(id, enterpriseNumber | unchecked((int)0x8000_0000));
        id[4] = 5;
        RandomNumberGenerator.Fill(id.AsSpan(5));
        return id;
    }
}
