using TrapActors.Snmp.Security;

namespace TrapActors;

/// <summary>
/// The lengths keys given instead of passwords must have (RFC 3414 §2.6, §A.2): a master key and a localized
/// authentication key are as long as the authentication protocol's hash; a localized privacy key is the hash's length
/// (the localized key, extended or cut for the cipher) or the cipher's key material itself (net-snmp's <c>-l</c> form).
/// </summary>
internal static class UsmKeyLengths
{
    /// <summary>Throws <see cref="UsmKeyLengthException"/> for the first key of a wrong length; passwords are not checked here.</summary>
    public static void Check(string user, AuthProtocol auth, UsmSecret? authSecret, PrivProtocol priv, UsmSecret? privSecret)
    {
        var hash = auth.KeyLength();
        if (authSecret is { Kind: not UsmSecretKind.Password } a && a.Value.Length != hash)
            throw Refused(user, $"a {auth.Name()} {KindName(a.Kind)} authentication key is {hash} octets, not {a.Value.Length}", "authSecret");
        if (privSecret is not { Kind: not UsmSecretKind.Password } p)
            return;
        if (p.Kind == UsmSecretKind.MasterKey && p.Value.Length != hash)
            throw Refused(user, $"a master privacy key is as long as the {auth.Name()} hash, {hash} octets, not {p.Value.Length}", "privSecret");
        var material = priv.KeyMaterialLength();
        if (p.Kind == UsmSecretKind.LocalizedKey && p.Value.Length != hash && p.Value.Length != material)
        {
            var expected = material == hash ? $"{hash} octets" : $"{hash} octets (the {auth.Name()} localized key) or {material} (the {priv.Name()} key itself)";
            throw Refused(user, $"a localized {priv.Name()} privacy key is {expected}, not {p.Value.Length}", "privSecret");
        }
    }

    private static string KindName(UsmSecretKind kind) => kind == UsmSecretKind.MasterKey ? "master" : "localized";

    private static UsmKeyLengthException Refused(string user, string problem, string paramName) =>
        new(user, $"USM user '{user}': {problem}", paramName);
}
