using System.Buffers;
using System.Security.Cryptography;

namespace TrapActors.Snmp.Security;

/// <summary>Message authentication for USM (RFC 3414 §6, §7; RFC 7860 §4): HMAC over the whole message with the MAC field zeroed.</summary>
public static class UsmAuthentication
{
    /// <summary>
    /// True when <paramref name="receivedMac"/> (found at <paramref name="macOffset"/> of <paramref name="wholeMessage"/>)
    /// is the truncated HMAC of the message with that field zeroed. Compares in constant time; never throws on input.
    /// </summary>
    public static bool Verify(AuthProtocol protocol, ReadOnlySpan<byte> authKey, ReadOnlySpan<byte> wholeMessage, int macOffset, ReadOnlySpan<byte> receivedMac)
    {
        var macLength = protocol.MacLength();
        if (macLength == 0 || receivedMac.Length != macLength || macOffset < 0 || macOffset + macLength > wholeMessage.Length)
            return false;
        var copy = ArrayPool<byte>.Shared.Rent(wholeMessage.Length);
        Span<byte> digest = stackalloc byte[64];
        try
        {
            var message = copy.AsSpan(0, wholeMessage.Length);
            wholeMessage.CopyTo(message);
            message.Slice(macOffset, macLength).Clear();
            UsmDigest.Hmac(protocol, authKey, message, digest);
            return CryptographicOperations.FixedTimeEquals(digest[..macLength], receivedMac);
        }
        finally
        {
            // The full HMAC of a forged message would let its sender complete the forgery: leave it nowhere.
            CryptographicOperations.ZeroMemory(digest);
            CryptographicOperations.ZeroMemory(copy.AsSpan(0, wholeMessage.Length));
            ArrayPool<byte>.Shared.Return(copy);
        }
    }

    /// <summary>Writes the truncated HMAC into <paramref name="message"/> at <paramref name="macOffset"/>, whose bytes must be zero.</summary>
    public static void Sign(AuthProtocol protocol, ReadOnlySpan<byte> authKey, Span<byte> message, int macOffset)
    {
        var macLength = protocol.MacLength();
        Span<byte> digest = stackalloc byte[64];
        message.Slice(macOffset, macLength).Clear();
        UsmDigest.Hmac(protocol, authKey, message, digest);
        digest[..macLength].CopyTo(message.Slice(macOffset, macLength));
        CryptographicOperations.ZeroMemory(digest);
    }
}
