using System.Collections.Concurrent;
using TrapActors.Snmp.Security;

namespace TrapActors.TestKit;

/// <summary>A user's keys localized to one engine (RFC 3414 §2.6); the privacy key already extended for its cipher.</summary>
internal sealed record LocalizedKeys(AuthProtocol Auth, byte[] AuthKey, PrivProtocol Priv, byte[] PrivKey);

/// <summary>
/// Derives and caches keys: password to master key once per (protocol, password), localization once per engine.
/// Password to key hashes a megabyte, so an originator sending many messages must not repeat it.
/// </summary>
internal sealed class UsmKeyring
{
    private readonly ConcurrentDictionary<(AuthProtocol, string), byte[]> _masters = new();
    private readonly ConcurrentDictionary<(UsmSecurity, string), LocalizedKeys> _localized = new();

    public LocalizedKeys For(UsmSecurity user, ReadOnlyMemory<byte> engineId) =>
        _localized.GetOrAdd((user, Convert.ToHexString(engineId.Span)), _ => Localize(user, engineId.Span));

    private LocalizedKeys Localize(UsmSecurity user, ReadOnlySpan<byte> engineId)
    {
        if (!user.Authenticates)
            return new LocalizedKeys(AuthProtocol.None, [], PrivProtocol.None, []);
        var authKey = UsmKeys.Localize(user.Auth, Master(user.Auth, user.AuthPassword, "AuthPassword"), engineId);
        if (!user.Encrypts)
            return new LocalizedKeys(user.Auth, authKey, PrivProtocol.None, []);
        var privLocalized = UsmKeys.Localize(user.Auth, Master(user.Auth, user.PrivPassword, "PrivPassword"), engineId);
        return new LocalizedKeys(user.Auth, authKey, user.Priv, UsmKeys.PrivacyKey(user.Auth, user.Priv, privLocalized, engineId));
    }

    private byte[] Master(AuthProtocol auth, string? password, string name) =>
        string.IsNullOrEmpty(password)
            ? throw new ArgumentException($"{name} is needed at this security level", name)
            : _masters.GetOrAdd((auth, password), key => UsmKeys.PasswordToKey(key.Item1, key.Item2));
}
