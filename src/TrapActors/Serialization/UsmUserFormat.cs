using System.Text;
using TrapActors.Snmp.Security;

namespace TrapActors.Serialization;

/// <summary>
/// The compact form of <see cref="UsmUser"/> and <see cref="UsmSecret"/>, for the replicated user table. The secret
/// bytes are written as they are: they must only cross nodes over TLS-protected remoting (see <see cref="TrapActorsSerializer"/>).
/// </summary>
internal static class UsmUserFormat
{
    public static void WriteUser(CompactWriter w, UsmUser user)
    {
        w.WriteString(user.Name);
        w.WriteVarInt32((int)user.Auth);
        WriteOptionalSecret(w, user.AuthSecret);
        w.WriteVarInt32((int)user.Priv);
        WriteOptionalSecret(w, user.PrivSecret);
        w.WriteOptionalBytes(user.EngineId.AsSpan(), user.EngineId.IsDefault);
        w.WriteVarInt32(user.MinimumLevel is { } level ? (int)level + 1 : 0);
    }

    public static UsmUser ReadUser(ref CompactReader r)
    {
        var name = r.ReadRequiredString("the user name");
        var auth = r.ReadEnum<AuthProtocol>();
        var authSecret = ReadOptionalSecret(ref r);
        var priv = r.ReadEnum<PrivProtocol>();
        var privSecret = ReadOptionalSecret(ref r);
        var engineId = NotificationFormat.ReadByteArray(ref r);
        var minimum = r.ReadVarInt32();
        SecurityLevel? minimumLevel = minimum == 0 ? null
            : Enum.IsDefined((SecurityLevel)(minimum - 1)) ? (SecurityLevel)(minimum - 1)
            : throw r.Malformed($"{minimum - 1} is not a SecurityLevel");
        try
        {
            return new UsmUser(name, auth, authSecret, priv, privSecret, engineId) { MinimumLevel = minimumLevel };
        }
        catch (ArgumentException e)
        {
            // The message names the rule broken, never a secret.
            throw r.Malformed($"it is not a valid USM user: {e.Message}");
        }
    }

    public static void WriteSecret(CompactWriter w, UsmSecret secret)
    {
        w.WriteVarInt32((int)secret.Kind);
        w.WriteBytes(secret.Value);
    }

    public static UsmSecret ReadSecret(ref CompactReader r)
    {
        var kind = r.ReadEnum<UsmSecretKind>();
        var value = r.ReadBytes();
        return kind switch
        {
            // UsmSecret keeps a password as its UTF-8 bytes; the writer's bytes came from a string, so they decode and
            // encode back to the same bytes.
            UsmSecretKind.Password when value.IsEmpty => throw r.Malformed("a USM password is empty"),
            UsmSecretKind.Password => UsmSecret.Password(DecodePassword(ref r, value)),
            UsmSecretKind.MasterKey => UsmSecret.MasterKey(value),
            _ => UsmSecret.LocalizedKey(value),
        };
    }

    private static void WriteOptionalSecret(CompactWriter w, UsmSecret? secret)
    {
        w.WriteBool(secret is not null);
        if (secret is not null)
            WriteSecret(w, secret);
    }

    private static UsmSecret? ReadOptionalSecret(ref CompactReader r) => r.ReadBool() ? ReadSecret(ref r) : null;

    private static string DecodePassword(ref CompactReader r, ReadOnlySpan<byte> utf8)
    {
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(utf8);
        }
        catch (DecoderFallbackException)
        {
            throw r.Malformed("a USM password is not UTF-8");
        }
    }
}
