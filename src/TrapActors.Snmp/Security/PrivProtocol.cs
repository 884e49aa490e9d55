namespace TrapActors.Snmp.Security;

/// <summary>USM privacy protocols.</summary>
public enum PrivProtocol
{
    /// <summary>No privacy: the scoped PDU travels in plaintext (usmNoPrivProtocol).</summary>
    None = 0,
    /// <summary>usmDESPrivProtocol, CBC-DES (RFC 3414 §8).</summary>
    Des,
    /// <summary>usm3DESEDEPrivProtocol (draft-reeder-snmpv3-usm-3desede-00).</summary>
    TripleDes,
    /// <summary>usmAesCfb128Protocol (RFC 3826).</summary>
    Aes128,
    /// <summary>AES-192-CFB, key extended per draft-blumenthal-aes-usm-04 (net-snmp's AES-192).</summary>
    Aes192,
    /// <summary>AES-256-CFB, key extended per draft-blumenthal-aes-usm-04 (net-snmp's AES-256).</summary>
    Aes256,
    /// <summary>AES-192-CFB, key extended per the Reeder draft (Cisco; net-snmp's AES-192-C).</summary>
    Aes192Reeder,
    /// <summary>AES-256-CFB, key extended per the Reeder draft (Cisco; net-snmp's AES-256-C).</summary>
    Aes256Reeder,
}

/// <summary>How a localized key shorter than the cipher needs is extended.</summary>
public enum KeyExtension
{
    /// <summary>The localized key is long enough as it is (DES, AES-128).</summary>
    None,
    /// <summary>Kul || H(Kul) || H(Kul || H(Kul)) ... (draft-blumenthal-aes-usm-04 §3.1.2.1).</summary>
    Blumenthal,
    /// <summary>Kul || localize(passwordToKey(Kul)) ... (draft-reeder-snmpv3-usm-3desede-00 §2.1).</summary>
    Reeder,
}

/// <summary>Key lengths, key extensions and names of the <see cref="PrivProtocol"/> values (extension methods).</summary>
public static class PrivProtocols
{
    /// <summary>Bytes of localized key material the protocol uses (cipher key plus, for the CBC ciphers, the pre-IV).</summary>
    public static int KeyMaterialLength(this PrivProtocol protocol) => protocol switch
    {
        PrivProtocol.Des => 16,
        PrivProtocol.TripleDes => 32,
        PrivProtocol.Aes128 => 16,
        PrivProtocol.Aes192 or PrivProtocol.Aes192Reeder => 24,
        PrivProtocol.Aes256 or PrivProtocol.Aes256Reeder => 32,
        _ => 0,
    };

    /// <summary>How the localized key is extended for this cipher (<see cref="UsmKeys.PrivacyKey"/> applies it).</summary>
    public static KeyExtension Extension(this PrivProtocol protocol) => protocol switch
    {
        PrivProtocol.Aes192 or PrivProtocol.Aes256 => KeyExtension.Blumenthal,
        PrivProtocol.TripleDes or PrivProtocol.Aes192Reeder or PrivProtocol.Aes256Reeder => KeyExtension.Reeder,
        _ => KeyExtension.None,
    };

    /// <summary>True for the AES-CFB protocols, whose IV is built from engine boots, time and salt (RFC 3826 §3.1.2.1).</summary>
    public static bool IsAes(this PrivProtocol protocol) => protocol is PrivProtocol.Aes128 or PrivProtocol.Aes192
        or PrivProtocol.Aes256 or PrivProtocol.Aes192Reeder or PrivProtocol.Aes256Reeder;

    /// <summary>The same cipher with the other AES-192/256 key extension (for CompatibilityMode 2 detection).</summary>
    public static PrivProtocol OtherAesVariant(this PrivProtocol protocol) => protocol switch
    {
        PrivProtocol.Aes192 => PrivProtocol.Aes192Reeder,
        PrivProtocol.Aes256 => PrivProtocol.Aes256Reeder,
        PrivProtocol.Aes192Reeder => PrivProtocol.Aes192,
        PrivProtocol.Aes256Reeder => PrivProtocol.Aes256,
        _ => protocol,
    };

    /// <summary>net-snmp's names: DES, 3DES, AES, AES-192, AES-256, AES-192-C, AES-256-C.</summary>
    public static bool TryParse(string text, out PrivProtocol protocol)
    {
        protocol = text.ToUpperInvariant() switch
        {
            "DES" => PrivProtocol.Des,
            "3DES" or "3DESEDE" => PrivProtocol.TripleDes,
            "AES" or "AES128" or "AES-128" => PrivProtocol.Aes128,
            "AES192" or "AES-192" => PrivProtocol.Aes192,
            "AES256" or "AES-256" => PrivProtocol.Aes256,
            "AES192C" or "AES-192-C" => PrivProtocol.Aes192Reeder,
            "AES256C" or "AES-256-C" => PrivProtocol.Aes256Reeder,
            _ => PrivProtocol.None,
        };
        return protocol != PrivProtocol.None;
    }

    /// <summary>net-snmp's name (DES, 3DES, AES, AES-192, AES-256, AES-192-C, AES-256-C; "none"), the form <see cref="TryParse"/> reads.</summary>
    public static string Name(this PrivProtocol protocol) => protocol switch
    {
        PrivProtocol.Des => "DES",
        PrivProtocol.TripleDes => "3DES",
        PrivProtocol.Aes128 => "AES",
        PrivProtocol.Aes192 => "AES-192",
        PrivProtocol.Aes256 => "AES-256",
        PrivProtocol.Aes192Reeder => "AES-192-C",
        PrivProtocol.Aes256Reeder => "AES-256-C",
        _ => "none",
    };
}
