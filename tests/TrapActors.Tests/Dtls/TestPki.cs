using System.Text;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.OpenSsl;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;
using Org.BouncyCastle.X509.Extension;
using TrapActors.Dtls;

namespace TrapActors.Tests.Dtls;

/// <summary>
/// A throw-away PKI minted with BouncyCastle (EC P-256, ECDSA-SHA256) in a fresh temp directory, deleted on Dispose:
/// <list type="bullet">
/// <item><see cref="Ca"/> "TrapActors Test CA"; <see cref="Server"/> (CN localhost, SAN DNS:localhost, IP:127.0.0.1, IP:::1, serverAuth),
/// whose <see cref="ServerChainFile"/> holds leaf + CA; <see cref="Client"/> (CN trapsender, SAN email:ops@example.org,
/// DNS:sender.example.org, IP:127.0.0.1, clientAuth);</item>
/// <item><see cref="ExpiredClient"/> (same CA, NotAfter 30 days ago); <see cref="UntrustedClient"/> from a second CA
/// (<see cref="UntrustedCa"/>); <see cref="UnmappedClient"/> (same CA, no CN and no SAN, so no map type but --sn can name it).</item>
/// </list>
/// Every identity has PEM files (certificate, SEC1 key) and fingerprints for cert-map lines. <see cref="Pkcs12File"/> holds the
/// server key and chain under <see cref="Pkcs12Password"/>; <see cref="NetSnmpStore"/> lays out a net-snmp certificate store.
/// </summary>
internal sealed class TestPki : IDisposable
{
    public const string Pkcs12Password = "pfx-test-password";
    public const string CaName = "TrapActors Test CA";

    private static readonly SecureRandom Random = new();
    private static readonly DateTime Now = DateTime.UtcNow;

    public TestPki()
    {
        Directory = Path.Combine(Path.GetTempPath(), "trapactors-pki-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);

        Ca = IssueCa("ca", "CN=" + CaName);
        UntrustedCa = IssueCa("untrusted-ca", "CN=Some Other CA");
        Server = Issue("server", "CN=localhost", Ca, KeyPurposeID.id_kp_serverAuth,
        [
            new GeneralName(GeneralName.DnsName, "localhost"),
            new GeneralName(GeneralName.IPAddress, "127.0.0.1"),
            new GeneralName(GeneralName.IPAddress, "::1"),
        ]);
        Client = Issue("client", "CN=trapsender", Ca, KeyPurposeID.id_kp_clientAuth, ClientNames());
        ExpiredClient = Issue("expired-client", "CN=trapsender", Ca, KeyPurposeID.id_kp_clientAuth, ClientNames(),
            notBefore: Now.AddDays(-60), notAfter: Now.AddDays(-30));
        UntrustedClient = Issue("untrusted-client", "CN=trapsender", UntrustedCa, KeyPurposeID.id_kp_clientAuth, ClientNames());
        UnmappedClient = Issue("unmapped-client", "O=TrapActors Tests,OU=unmapped", Ca, KeyPurposeID.id_kp_clientAuth);

        ServerChainFile = WriteText("server-chain.crt", Pem(Server.Certificate) + Pem(Ca.Certificate));
        Pkcs12File = WritePkcs12("server.p12", Server, [Server.Certificate, Ca.Certificate], Pkcs12Password);
        Pkcs12PasswordFile = WriteText("server.p12.password", Pkcs12Password + "\n");
    }

    public string Directory { get; }

    public Identity Ca { get; }
    public Identity UntrustedCa { get; }
    public Identity Server { get; }
    public Identity Client { get; }
    public Identity ExpiredClient { get; }
    public Identity UntrustedClient { get; }
    public Identity UnmappedClient { get; }

    /// <summary>PEM: the server certificate, then the CA certificate (what the receiver sends to clients).</summary>
    public string ServerChainFile { get; }

    public string Pkcs12File { get; }

    /// <summary>A file whose first line is <see cref="Pkcs12Password"/>.</summary>
    public string Pkcs12PasswordFile { get; }

    /// <summary>A cert-map line for <paramref name="identity"/>'s SHA-256 fingerprint in net-snmp's own order (flag first).</summary>
    public static string CertSecName(int priority, Identity identity, string mapType) =>
        $"certSecName {priority} --sha256 {identity.Sha256Colons} {mapType}";

    /// <summary>
    /// A net-snmp configuration directory in which <paramref name="client"/> is "client" and the server is "server":
    /// tls/certs/{client,server}.crt, tls/private/client.key (0600), tls/ca-certs/ with the CA and the client's issuer,
    /// and a persistent directory. Set SNMPCONFPATH = <see cref="NetSnmpStoreDirectory.ConfigPath"/>,
    /// SNMP_PERSISTENT_DIR = <see cref="NetSnmpStoreDirectory.PersistentPath"/>, and run
    /// <c>snmptrap -v 3 -T localCert=client -T peerCert=server dtlsudp:127.0.0.1:PORT ...</c>.
    /// </summary>
    public NetSnmpStoreDirectory NetSnmpStore(Identity client)
    {
        var root = Path.Combine(Directory, "netsnmp-" + client.Name + "-" + Guid.NewGuid().ToString("N")[..8]);
        var certs = System.IO.Directory.CreateDirectory(Path.Combine(root, "tls", "certs")).FullName;
        var caCerts = System.IO.Directory.CreateDirectory(Path.Combine(root, "tls", "ca-certs")).FullName;
        var privateKeys = System.IO.Directory.CreateDirectory(Path.Combine(root, "tls", "private")).FullName;
        var persistent = System.IO.Directory.CreateDirectory(Path.Combine(root, "persist")).FullName;

        File.Copy(client.CertificateFile, Path.Combine(certs, "client.crt"));
        File.Copy(Server.CertificateFile, Path.Combine(certs, "server.crt"));
        File.Copy(Ca.CertificateFile, Path.Combine(caCerts, "ca.crt"));
        if (client.Issuer is { } issuer && !ReferenceEquals(issuer, Ca))
            File.Copy(issuer.CertificateFile, Path.Combine(caCerts, issuer.Name + ".crt"));
        WritePrivate(Path.Combine(privateKeys, "client.key"), File.ReadAllText(client.KeyFile));
        return new NetSnmpStoreDirectory(root, persistent);
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // a tool may still hold a file open; the temp directory is cleaned by the OS eventually
        }
    }

    /// <summary>Writes <paramref name="text"/> to a new file in the PKI directory and returns its path.</summary>
    public string WriteText(string fileName, string text)
    {
        var path = Path.Combine(Directory, fileName);
        File.WriteAllText(path, text);
        return path;
    }

    public static string Pem(object item)
    {
        using var writer = new StringWriter();
        using (var pem = new PemWriter(writer))
            pem.WriteObject(item);
        return writer.ToString();
    }

    /// <summary>PKCS#8 "PRIVATE KEY" PEM (the other formats: <see cref="Pem"/> writes SEC1 / PKCS#1).</summary>
    public static string Pkcs8Pem(AsymmetricKeyParameter privateKey) => Pem(new Pkcs8Generator(privateKey).Generate());

    public string WritePkcs12(string fileName, Identity identity, X509Certificate[] chain, string password)
    {
        var store = new Pkcs12StoreBuilder().Build();
        store.SetKeyEntry(identity.Name, new AsymmetricKeyEntry(identity.PrivateKey),
            chain.Select(c => new X509CertificateEntry(c)).ToArray());
        var path = Path.Combine(Directory, fileName);
        using (var stream = File.Create(path))
            store.Save(stream, password.ToCharArray(), Random);
        return path;
    }

    /// <summary>An RSA-2048 identity issued by <see cref="Ca"/> (RSA must work too; minted on demand because RSA key generation is slow).</summary>
    public Identity IssueRsa(string name, string subject, KeyPurposeID purpose, params GeneralName[] names)
    {
        var generator = new RsaKeyPairGenerator();
        generator.Init(new RsaKeyGenerationParameters(BigInteger.ValueOf(65537), Random, 2048, 100));
        return Issue(name, subject, Ca, purpose, names, keys: generator.GenerateKeyPair());
    }

    /// <summary>Issues a certificate from <paramref name="issuer"/> with free choice of dates (for expiry tests) and SANs.</summary>
    public Identity Issue(string name, string subject, Identity issuer, KeyPurposeID? purpose, GeneralName[]? names = null,
        DateTime? notBefore = null, DateTime? notAfter = null, AsymmetricCipherKeyPair? keys = null,
        Action<X509V3CertificateGenerator>? customize = null)
    {
        keys ??= NewEcKeyPair();
        var generator = NewGenerator(subject, issuer.Certificate.SubjectDN, keys.Public, notBefore, notAfter);
        generator.AddExtension(X509Extensions.BasicConstraints, true, new BasicConstraints(false));
        var usage = keys.Private is RsaKeyParameters ? KeyUsage.DigitalSignature | KeyUsage.KeyEncipherment : KeyUsage.DigitalSignature;
        generator.AddExtension(X509Extensions.KeyUsage, true, new KeyUsage(usage));
        if (purpose is not null)
            generator.AddExtension(X509Extensions.ExtendedKeyUsage, false, new ExtendedKeyUsage(purpose));
        if (names is { Length: > 0 })
            generator.AddExtension(X509Extensions.SubjectAlternativeName, false, new GeneralNames(names));
        generator.AddExtension(X509Extensions.AuthorityKeyIdentifier, false,
            X509ExtensionUtilities.CreateAuthorityKeyIdentifier(issuer.Certificate.GetPublicKey()));
        customize?.Invoke(generator);
        var certificate = generator.Generate(new Asn1SignatureFactory(SignatureAlgorithmFor(issuer.PrivateKey), issuer.PrivateKey, Random));
        return Save(name, certificate, keys.Private, issuer);
    }

    /// <summary>A CA certificate: self-signed when <paramref name="issuer"/> is null, else an intermediate CA it signs.</summary>
    public Identity IssueCa(string name, string subject, Identity? issuer = null)
    {
        var keys = NewEcKeyPair();
        var generator = NewGenerator(subject, issuer?.Certificate.SubjectDN ?? new X509Name(subject), keys.Public, Now.AddDays(-2), Now.AddYears(5));
        generator.AddExtension(X509Extensions.BasicConstraints, true, new BasicConstraints(true));
        generator.AddExtension(X509Extensions.KeyUsage, true, new KeyUsage(KeyUsage.KeyCertSign | KeyUsage.CrlSign));
        if (issuer is not null)
            generator.AddExtension(X509Extensions.AuthorityKeyIdentifier, false,
                X509ExtensionUtilities.CreateAuthorityKeyIdentifier(issuer.Certificate.GetPublicKey()));
        var signer = issuer?.PrivateKey ?? keys.Private;
        var certificate = generator.Generate(new Asn1SignatureFactory(SignatureAlgorithmFor(signer), signer, Random));
        return Save(name, certificate, keys.Private, issuer);
    }

    private static X509V3CertificateGenerator NewGenerator(
        string subject, X509Name issuer, AsymmetricKeyParameter publicKey, DateTime? notBefore, DateTime? notAfter)
    {
        var generator = new X509V3CertificateGenerator();
        generator.SetSerialNumber(new BigInteger(64, Random).Add(BigInteger.One));
        generator.SetIssuerDN(issuer);
        generator.SetSubjectDN(new X509Name(subject));
        generator.SetNotBefore(notBefore ?? Now.AddDays(-1));
        generator.SetNotAfter(notAfter ?? Now.AddDays(365));
        generator.SetPublicKey(publicKey);
        generator.AddExtension(X509Extensions.SubjectKeyIdentifier, false, X509ExtensionUtilities.CreateSubjectKeyIdentifier(publicKey));
        return generator;
    }

    private Identity Save(string name, X509Certificate certificate, AsymmetricKeyParameter privateKey, Identity? issuer)
    {
        var certificateFile = WriteText(name + ".crt", Pem(certificate));
        var keyFile = Path.Combine(Directory, name + ".key");
        WritePrivate(keyFile, Pem(privateKey));
        return new Identity(name, certificate, privateKey, certificateFile, keyFile, issuer);
    }

    private static void WritePrivate(string path, string text)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;   // net-snmp refuses world-readable keys
        using var stream = new FileStream(path, options);
        stream.Write(Encoding.ASCII.GetBytes(text));
    }

    private static string SignatureAlgorithmFor(AsymmetricKeyParameter key) => key is RsaKeyParameters ? "SHA256WITHRSA" : "SHA256WITHECDSA";

    private static GeneralName[] ClientNames() =>
    [
        new(GeneralName.Rfc822Name, "ops@example.org"),
        new(GeneralName.DnsName, "sender.example.org"),
        new(GeneralName.IPAddress, "127.0.0.1"),
    ];

    private static AsymmetricCipherKeyPair NewEcKeyPair()
    {
        var generator = new ECKeyPairGenerator();
        generator.Init(new ECKeyGenerationParameters(SecObjectIdentifiers.SecP256r1, Random));
        return generator.GenerateKeyPair();
    }

    /// <summary>One certificate with its key and files; <see cref="Issuer"/> is null for a CA.</summary>
    public sealed record Identity(
        string Name, X509Certificate Certificate, AsymmetricKeyParameter PrivateKey, string CertificateFile, string KeyFile, Identity? Issuer)
    {
        public CertificateInfo Info { get; } = CertificateInfo.From(Certificate);

        /// <summary>Lowercase hex without colons, as net-snmp prints it.</summary>
        public string Sha1Hex => Convert.ToHexStringLower(Info.Fingerprint(FingerprintHash.Sha1));

        public string Sha256Hex => Convert.ToHexStringLower(Info.Fingerprint(FingerprintHash.Sha256));

        /// <summary>Uppercase hex with colons, as <c>openssl x509 -fingerprint</c> prints it.</summary>
        public string Sha256Colons => Colons(Info.Fingerprint(FingerprintHash.Sha256));

        public string Sha1Colons => Colons(Info.Fingerprint(FingerprintHash.Sha1));

        /// <summary>This certificate followed by its issuers, as a client sends it.</summary>
        public IReadOnlyList<X509Certificate> ChainWithIssuers()
        {
            var chain = new List<X509Certificate>();
            for (var identity = this; identity is not null; identity = identity.Issuer)
                chain.Add(identity.Certificate);
            return chain;
        }

        private static string Colons(byte[] bytes) => string.Join(':', bytes.Select(b => b.ToString("X2")));
    }

    public sealed record NetSnmpStoreDirectory(string ConfigPath, string PersistentPath);
}
