using System.Security.Cryptography;
using TrapActors.Snmp.Security;

namespace TrapActors.Security;

/// <summary>A user's keys localized to one authoritative engine: what authentication and privacy use per packet.</summary>
internal sealed class UserKeys(AuthProtocol auth, byte[] authKey, PrivProtocol priv, byte[] privKey)
{
    public AuthProtocol Auth { get; } = auth;

    public byte[] AuthKey { get; } = authKey;

    public PrivProtocol Priv { get; } = priv;

    /// <summary>The privacy key material for <see cref="Priv"/> (extended and cut to the cipher's length).</summary>
    public byte[] PrivKey { get; } = privKey;

    public void Zero()
    {
        CryptographicOperations.ZeroMemory(AuthKey);
        CryptographicOperations.ZeroMemory(PrivKey);
    }

    public override string ToString() => $"UserKeys({Auth.Name()}/{Priv.Name()}, redacted)";
}
