using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.OpenSsl;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.X509;

namespace TrapActors.Dtls;

/// <summary>
/// The server's certificate chain (leaf first) and private key, loaded and checked once at start: at least one
/// certificate, an EC or RSA key that matches the leaf, and a leaf that has not expired. Every failure is a
/// <see cref="DtlsConfigurationException"/> naming the file; messages never carry key material or the password.
/// </summary>
internal sealed class DtlsCredentials
{
    private DtlsCredentials(IReadOnlyList<X509Certificate> chain, AsymmetricKeyParameter privateKey)
    {
        Chain = chain;
        PrivateKey = privateKey;
    }

    /// <summary>Leaf first, then the CA certificates sent to clients.</summary>
    public IReadOnlyList<X509Certificate> Chain { get; }

    public AsymmetricKeyParameter PrivateKey { get; }

    /// <summary>True for an EC key (ECDHE_ECDSA suites); otherwise the key is RSA (ECDHE_RSA suites).</summary>
    public bool IsEcdsa => PrivateKey is ECPrivateKeyParameters;

    /// <summary>
    /// Loads a PEM certificate file (leaf first, then its chain) and a PEM private key (PKCS#1, SEC1 or PKCS#8,
    /// unencrypted). Both may be the same file: other PEM objects in each file are ignored.
    /// </summary>
    public static DtlsCredentials FromPem(string certificateFile, string keyFile) =>
        FromPemText(ReadAllText(certificateFile, "certificate file"), ReadAllText(keyFile, "key file"), certificateFile, keyFile);

    /// <summary>The same from PEM text held in memory (DtlsServerIdentity.FromPem); the sources name them in errors.</summary>
    public static DtlsCredentials FromPemText(string certificatePem, string keyPem, string certificateFile, string keyFile)
    {
        var chain = ParsePem(certificatePem, certificateFile, "certificate file").OfType<X509Certificate>().ToArray();
        if (chain.Length == 0)
            throw Fail(certificateFile, "certificate file", "contains no PEM CERTIFICATE");

        var key = ParsePem(keyPem, keyFile, "key file")
            .Select(o => o switch
            {
                AsymmetricCipherKeyPair pair => pair.Private,
                AsymmetricKeyParameter { IsPrivate: true } k => k,
                _ => null,
            })
            .FirstOrDefault(k => k is not null)
            ?? throw Fail(keyFile, "key file", "contains no PEM private key (expected PRIVATE KEY, EC PRIVATE KEY or RSA PRIVATE KEY)");

        return Checked(chain, key, keyFile, "key file", certificateFile);
    }

    /// <summary>Loads the first key entry of a PKCS#12 (PFX) file and its certificate chain.</summary>
    public static DtlsCredentials FromPkcs12(string pkcs12File, string password) =>
        FromPkcs12Bytes(ReadAllBytes(pkcs12File, "PKCS#12 file"), password, pkcs12File);

    /// <summary>The same from PKCS#12 bytes held in memory (DtlsServerIdentity.FromPkcs12).</summary>
    public static DtlsCredentials FromPkcs12Bytes(byte[] bytes, string password, string pkcs12File)
    {
        const string kind = "PKCS#12 file";
        var store = new Pkcs12StoreBuilder().Build();
        try
        {
            store.Load(new MemoryStream(bytes, writable: false), password.ToCharArray());
        }
        catch (IOException e) when (e.Message.Contains("MAC invalid", StringComparison.Ordinal))
        {
            throw Fail(pkcs12File, kind, "wrong password or corrupted file (the integrity check failed)");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // BouncyCastle's messages describe the structure, never the password; the type name is enough to act on.
            throw Fail(pkcs12File, kind, $"cannot be loaded: not a PKCS#12 file, or a wrong password ({e.GetType().Name})");
        }

        var alias = store.Aliases.FirstOrDefault(store.IsKeyEntry)
            ?? throw Fail(pkcs12File, kind, "contains no private key entry");
        var key = store.GetKey(alias).Key;
        var chain = store.GetCertificateChain(alias)?.Select(e => e.Certificate).ToArray();
        if (chain is null || chain.Length == 0)
        {
            var single = store.GetCertificate(alias)?.Certificate
                ?? throw Fail(pkcs12File, kind, $"contains no certificate for the key entry '{alias}'");
            chain = [single];
        }
        return Checked(chain, key, pkcs12File, kind, pkcs12File);
    }

    /// <summary>The first line of a password file (pkcs12-password-file), without its line ending.</summary>
    public static string ReadPasswordFile(string path)
    {
        var text = System.Text.Encoding.UTF8.GetString(ReadAllBytes(path, "password file"));
        var end = text.IndexOfAny(['\r', '\n']);
        return end < 0 ? text : text[..end];
    }

    private static DtlsCredentials Checked(
        X509Certificate[] chain, AsymmetricKeyParameter key, string keySource, string keyKind, string certificateSource)
    {
        var leaf = chain[0];
        if (key is not (ECPrivateKeyParameters or RsaKeyParameters { IsPrivate: true }))
            throw Fail(keySource, keyKind, $"the private key is {KeyKind(key)}; only EC and RSA keys are supported");

        AsymmetricKeyParameter leafKey;
        try
        {
            leafKey = leaf.GetPublicKey();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw Fail(certificateSource, "certificate file", $"the certificate's public key cannot be read ({e.GetType().Name})");
        }
        if (!KeyMatches(key, leafKey))
            throw Fail(keySource, keyKind, $"the private key does not match the certificate '{leaf.SubjectDN}' (from {certificateSource})");

        var now = DateTime.UtcNow;
        if (leaf.NotAfter < now)
            throw Fail(certificateSource, "certificate file",
                $"the certificate '{leaf.SubjectDN}' expired on {leaf.NotAfter:yyyy-MM-dd HH:mm:ss}Z");

        return new DtlsCredentials(chain, key);
    }

    private static bool KeyMatches(AsymmetricKeyParameter privateKey, AsymmetricKeyParameter publicKey) => (privateKey, publicKey) switch
    {
        (ECPrivateKeyParameters priv, ECPublicKeyParameters pub) =>
            priv.Parameters.Curve.Equals(pub.Parameters.Curve) && priv.Parameters.G.Multiply(priv.D).Normalize().Equals(pub.Q),
        (RsaKeyParameters priv, RsaKeyParameters pub) when !pub.IsPrivate =>
            priv.Modulus.Equals(pub.Modulus) && (priv is not RsaPrivateCrtKeyParameters crt || crt.PublicExponent.Equals(pub.Exponent)),
        _ => false,
    };

    private static string KeyKind(AsymmetricKeyParameter key) => key.GetType().Name.Replace("PrivateKeyParameters", "", StringComparison.Ordinal);

    private static string ReadAllText(string path, string kind) => System.Text.Encoding.UTF8.GetString(ReadAllBytes(path, kind));

    private static List<object> ParsePem(string text, string path, string kind)
    {
        if (text.Contains("ENCRYPTED PRIVATE KEY-----", StringComparison.Ordinal) || text.Contains("Proc-Type: 4,ENCRYPTED", StringComparison.Ordinal))
            throw Fail(path, kind, "holds an encrypted private key; decrypt it first (openssl pkey -in FILE -out PLAIN.key)");
        var objects = new List<object>();
        try
        {
            using var reader = new PemReader(new StringReader(text));
            while (reader.ReadObject() is { } item)
                objects.Add(item);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The exception text of a failed key parse can quote the object; only its type is reported.
            throw Fail(path, kind, $"is not readable PEM ({e.GetType().Name})");
        }
        return objects;
    }

    private static byte[] ReadAllBytes(string path, string kind)
    {
        if (string.IsNullOrWhiteSpace(path))
            throw new DtlsConfigurationException($"DTLS {kind}: no file name given");
        if (!File.Exists(path))
            throw Fail(path, kind, "does not exist");
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Fail(path, kind, $"cannot be read: {e.Message}");
        }
    }

    private static DtlsConfigurationException Fail(string path, string kind, string problem) =>
        new($"DTLS {kind} '{path}': {problem}");
}
