using System.Diagnostics;
using System.Security.Cryptography;
using TrapActors.Snmp.Security;

namespace TrapActors.Security;

/// <summary>
/// A user's keys localized to one authoritative engine: what authentication and privacy use per packet.
/// The privacy key may be derived on first use, so that a datagram that fails authentication never pays for it
/// (the Reeder extension hashes a megabyte). Read the keys only under a lease (<see cref="KeyLease.TryAcquire"/>):
/// retired keys refuse new leases and are zeroed when the last lease returns, so no use ever sees zeros.
/// </summary>
[DebuggerDisplay("{ToString(),nq}")]
internal sealed class UserKeys : KeyLease
{
    [DebuggerBrowsable(DebuggerBrowsableState.Never)]
    private byte[]? _privKey;
    [DebuggerBrowsable(DebuggerBrowsableState.Never)]
    private Func<byte[]?>? _derivePrivKey;

    public UserKeys(AuthProtocol auth, byte[] authKey, PrivProtocol priv, byte[] privKey)
    {
        Auth = auth;
        AuthKey = authKey;
        Priv = priv;
        _privKey = privKey;
    }

    /// <summary>Keys whose privacy key is derived by <paramref name="derivePrivKey"/> when first asked for.</summary>
    public UserKeys(AuthProtocol auth, byte[] authKey, PrivProtocol priv, Func<byte[]?> derivePrivKey)
    {
        Auth = auth;
        AuthKey = authKey;
        Priv = priv;
        _derivePrivKey = derivePrivKey;
    }

    public AuthProtocol Auth { get; }

    [DebuggerBrowsable(DebuggerBrowsableState.Never)]
    public byte[] AuthKey { get; }

    public PrivProtocol Priv { get; }

    /// <summary>
    /// The privacy key material for <see cref="Priv"/> (extended and cut to the cipher's length), derived on first use;
    /// null when it cannot be derived any more (its user was retired). Read under a lease.
    /// </summary>
    [DebuggerBrowsable(DebuggerBrowsableState.Never)]
    public byte[]? PrivKey => Volatile.Read(ref _privKey) ?? DerivePrivKey();

    /// <summary>True once the privacy key exists (given, or derived by a first use).</summary>
    public bool HasPrivKey => Volatile.Read(ref _privKey) is not null;

    protected override void ZeroMaterial()
    {
        CryptographicOperations.ZeroMemory(AuthKey);
        if (Volatile.Read(ref _privKey) is { } privKey)
            CryptographicOperations.ZeroMemory(privKey);
        _derivePrivKey = null;
    }

    /// <summary>Sessions may ask at once: one derivation wins, the others are zeroed. Null when the user was retired.</summary>
    private byte[]? DerivePrivKey()
    {
        var key = _derivePrivKey?.Invoke();
        if (key is null)
            return Volatile.Read(ref _privKey);
        var existing = Interlocked.CompareExchange(ref _privKey, key, null);
        if (existing is null)
        {
            _derivePrivKey = null;
            return key;
        }
        CryptographicOperations.ZeroMemory(key);
        return existing;
    }

    public override string ToString() => $"UserKeys({Auth.Name()}/{Priv.Name()}, redacted)";
}
