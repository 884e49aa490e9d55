using Org.BouncyCastle.Security;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;

namespace TrapActors.Dtls;

/// <summary>What every association of one DTLS listener shares: the server identity, the trust and naming rules, the policy.</summary>
internal sealed class DtlsServerContext
{
    private readonly CertToTsnMap _loaded;
    private readonly LiveCertMap? _live;

    private DtlsServerContext(DtlsSettings settings, DtlsCredentials credentials, TrustAnchors anchors, CertToTsnMap map, Func<DtlsClientCertificate, bool>? policy,
        LiveCertMap? live)
    {
        _loaded = map;
        _live = live;
        Settings = settings;
        Credentials = credentials;
        Anchors = anchors;
        Policy = policy;
        var sent = ServerChainCompletion.Complete(credentials.Chain, anchors.Certificates, out var incomplete);
        IncompleteChain = incomplete;
        ServerChain = new(sent.Select(c => Crypto.CreateCertificate(c.GetEncoded())).ToArray());
    }

    public DtlsSettings Settings { get; }
    public DtlsCredentials Credentials { get; }
    public TrustAnchors Anchors { get; }
    /// <summary>The map loaded at bind, or the one a reconfiguration put in force since.</summary>
    public CertToTsnMap Map => _live?.Replaced ?? _loaded;
    public Func<DtlsClientCertificate, bool>? Policy { get; }
    public BcTlsCrypto Crypto { get; } = new(new SecureRandom());

    /// <summary>
    /// What the start logs about the certificate map: weak pins, and CA fingerprints mapped with a name taken from the
    /// client's certificate (<see cref="CertMapWarnings"/>).
    /// </summary>
    public IReadOnlyList<string> MapWarnings => [.. Map.Warnings, .. CertMapWarnings.CaNameEntries(Map, [.. Anchors.Certificates, .. Credentials.Chain])];

    /// <summary>Why <see cref="ServerChain"/> stops short of a root (a warning at start); null when it does not.</summary>
    public string? IncompleteChain { get; }

    /// <summary>The certificate chain sent in every handshake, built once: the configured one, completed from the trust anchors.</summary>
    public Org.BouncyCastle.Tls.Certificate ServerChain { get; }

    /// <summary>Loads the certificate, key, trust anchors and map the settings name. Throws <see cref="DtlsConfigurationException"/>.</summary>
    public static DtlsServerContext Load(DtlsSettings settings, DtlsServerIdentity? identity, Func<DtlsClientCertificate, bool>? policy, LiveCertMap? live = null)
    {
        var credentials = identity is null ? LoadCredentials(settings) : FromMemory(identity);
        var anchors = settings.TrustAnchorsFile.Length > 0 ? TrustAnchors.FromPemFile(settings.TrustAnchorsFile) : TrustAnchors.None;
        return new DtlsServerContext(settings, credentials, anchors, live?.Replaced ?? LiveCertMap.Load(settings), policy, live);
    }

    private static DtlsCredentials FromMemory(DtlsServerIdentity identity)
    {
        const string source = "TrapReceiverSetup.DtlsServerIdentity";
        if (!identity.Pkcs12.IsDefaultOrEmpty)
            return DtlsCredentials.FromPkcs12Bytes([.. identity.Pkcs12], identity.Pkcs12Password ?? "", source);
        if (identity.CertificatePem is null || identity.PrivateKeyPem is null)
            throw new DtlsConfigurationException($"{source}: needs CertificatePem and PrivateKeyPem, or Pkcs12");
        return DtlsCredentials.FromPemText(identity.CertificatePem, identity.PrivateKeyPem, source + ".CertificatePem", source + ".PrivateKeyPem");
    }

    private static DtlsCredentials LoadCredentials(DtlsSettings settings)
    {
        if (settings.Pkcs12File.Length > 0)
        {
            if (settings.Pkcs12PasswordFile.Length == 0)
                throw new DtlsConfigurationException("trap-actors.dtls.pkcs12-file needs trap-actors.dtls.pkcs12-password-file");
            return DtlsCredentials.FromPkcs12(settings.Pkcs12File, DtlsCredentials.ReadPasswordFile(settings.Pkcs12PasswordFile));
        }
        if (settings.CertificateFile.Length == 0 || settings.KeyFile.Length == 0)
            throw new DtlsConfigurationException("a dtls endpoint needs trap-actors.dtls.certificate-file and key-file (or pkcs12-file)");
        return DtlsCredentials.FromPem(settings.CertificateFile, settings.KeyFile);
    }
}
