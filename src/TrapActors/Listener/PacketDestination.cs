using System.Net;
using System.Runtime.InteropServices;

namespace TrapActors.Listener;

/// <summary>
/// The address a datagram was sent to, as the kernel reported it, without an object per datagram: IPv4 (an
/// IPv4-mapped IPv6 address of a dual-stack socket folded to IPv4, like sources), IPv6 with the interface it arrived
/// on when it is link-local, or none (<see cref="IsKnown"/> false).
/// </summary>
internal readonly record struct PacketDestination(UInt128 Bytes, byte Length, uint InterfaceIndex)
{
    public bool IsKnown => Length != 0;

    public static PacketDestination V4(ReadOnlySpan<byte> address)
    {
        Span<byte> bytes = stackalloc byte[16];
        bytes.Clear();
        address[..4].CopyTo(bytes);
        return new PacketDestination(MemoryMarshal.Read<UInt128>(bytes), 4, 0);
    }

    public static PacketDestination V6(ReadOnlySpan<byte> address, uint interfaceIndex)
    {
        if (IsIPv4Mapped(address))
            return V4(address[12..]);
        var linkLocal = address[0] == 0xFE && (address[1] & 0xC0) == 0x80;
        return new PacketDestination(MemoryMarshal.Read<UInt128>(address), 16, linkLocal ? interfaceIndex : 0);
    }

    /// <summary>A managed address (the fallback reader's): IPv4-mapped folded to IPv4.</summary>
    public static PacketDestination From(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        if (!address.TryWriteBytes(bytes, out var written))
            return default;
        return written == 4 ? V4(bytes) : V6(bytes, (uint)address.ScopeId);
    }

    public IPAddress ToAddress()
    {
        Span<byte> bytes = stackalloc byte[16];
        MemoryMarshal.Write(bytes, Bytes);
        return Length == 4 ? new IPAddress(bytes[..4]) : new IPAddress(bytes, InterfaceIndex);
    }

    private static bool IsIPv4Mapped(ReadOnlySpan<byte> address) =>
        address[..10].IndexOfAnyExcept((byte)0) < 0 && address[10] == 0xFF && address[11] == 0xFF;
}
