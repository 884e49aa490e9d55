using Akka.Configuration;
using TrapActors.Configuration;

namespace TrapActors.Hosting;

/// <summary>The options that go into the <see cref="TrapReceiverSetup"/>, the DTLS and access ones, and the raw HOCON escape hatch.</summary>
public sealed partial class TrapReceiverOptions
{
    /// <summary>The application's USM decisions: GetUser, minimum levels, engine checks, discovery, stored master keys (<see cref="TrapReceiverSetup.UsmPolicies"/>).</summary>
    public UsmPolicies? UsmPolicies { get; set; }

    /// <summary>The DTLS server certificate and key held in memory (<see cref="TrapReceiverSetup.DtlsServerIdentity"/>); replaces the dtls.*-file settings.</summary>
    public DtlsServerIdentity? DtlsServerIdentity { get; set; }

    /// <summary>The DTLS client-certificate policy: false refuses a trusted and mapped client (<see cref="TrapReceiverSetup.DtlsClientAuthentication"/>).</summary>
    public Func<DtlsClientCertificate, bool>? DtlsClientAuthentication { get; set; }

    /// <summary>
    /// Endpoints in memory instead of sockets, for tests (<see cref="TrapReceiverSetup.InMemoryEndpoints"/>): when any is
    /// given, nothing is bound and <see cref="TrapReceiverOptions.Endpoints"/> is ignored.
    /// </summary>
    public IList<InMemoryEndpoint> InMemoryEndpoints { get; } = [];

    /// <summary>Applied to the settings read from HOCON before the receiver starts (<see cref="TrapReceiverSetup.ConfigureSettings"/>).</summary>
    public Func<TrapReceiverSettings, TrapReceiverSettings>? ConfigureSettings { get; set; }

    /// <summary>The DTLS server certificate chain in PEM, leaf first (trap-actors.dtls.certificate-file).</summary>
    public string? DtlsCertificateFile { get; set; }

    /// <summary>The DTLS server's unencrypted private key in PEM (trap-actors.dtls.key-file).</summary>
    public string? DtlsKeyFile { get; set; }

    /// <summary>PEM CA certificates that client certificates must chain to (trap-actors.dtls.trust-anchors-file).</summary>
    public string? DtlsTrustAnchorsFile { get; set; }

    /// <summary>Certificate-to-securityName entries in net-snmp's certSecName syntax (trap-actors.dtls.cert-map). Empty: the configuration's.</summary>
    public IList<string> DtlsCertMap { get; } = [];

    /// <summary>Prefix the DTLS securityName with "dtls:" (trap-actors.dtls.security-name-prefix).</summary>
    public bool? DtlsSecurityNamePrefix { get; set; }

    /// <summary>Access rules like snmptrapd's authCommunity/authUser (trap-actors.access.rules). Empty: the configuration's.</summary>
    public IList<TrapAccessRule> AccessRules { get; } = [];

    /// <summary>Per-user minimum security levels on top of the rules (trap-actors.access.user-minimum-levels). Empty: the configuration's.</summary>
    public IDictionary<string, SecurityLevel> UserMinimumLevels { get; } = new Dictionary<string, SecurityLevel>(StringComparer.Ordinal);

    /// <summary>
    /// Raw HOCON for any setting without a typed property, e.g. <c>"trap-actors.codec.max-var-binds = 64"</c>.
    /// It lies below the typed properties: a property that is set wins over the same key here; both win over hocon/reference.conf.
    /// </summary>
    public string? Hocon { get; set; }

    /// <summary>The typed properties over <see cref="Hocon"/>: the configuration this receiver adds in front of the ActorSystem's.</summary>
    internal Config ToConfig()
    {
        var typed = ConfigurationFactory.ParseString(ToHocon());
        return string.IsNullOrWhiteSpace(Hocon) ? typed : typed.WithFallback(ConfigurationFactory.ParseString(Hocon));
    }

    private string AccessHocon()
    {
        var text = new System.Text.StringBuilder();
        if (AccessRules.Count > 0)
            text.Append("\ntrap-actors.access.rules = [").AppendJoin(", ", AccessRules.Select(r => r.ToHocon())).Append(']');
        if (UserMinimumLevels.Count > 0)
        {
            text.Append("\ntrap-actors.access.user-minimum-levels = [").AppendJoin(", ", UserMinimumLevels.Select(u =>
                $"{{ user = {HoconWriter.Quote(u.Key)}, minimum-security-level = {LevelText(u.Value)} }}")).Append(']');
        }
        return text.ToString();
    }

    internal static string LevelText(SecurityLevel level) => HoconWriter.Quote(level.ToString());
}

/// <summary>
/// One access rule (trap-actors.access.rules): notifications whose trap OID lies in <paramref name="TrapOid"/> ("" = every OID)
/// are accepted at <paramref name="MinimumSecurityLevel"/> or above; with rules, anything no rule allows is dropped as access-denied.
/// </summary>
/// <param name="TrapOid">The trap OID subtree, dotted ("1.3.6.1.4.1.9"); "" for every OID.</param>
/// <param name="MinimumSecurityLevel">The lowest security level accepted.</param>
public sealed record TrapAccessRule(string TrapOid, SecurityLevel MinimumSecurityLevel)
{
    /// <summary>The SNMPv3 securityName the rule is about (v3 only); null: not restricted to a user.</summary>
    public string? User { get; init; }

    /// <summary>The rule is about v1/v2c senders only.</summary>
    public bool CommunityBased { get; init; }

    internal string ToHocon() =>
        $"{{ trap-oid = {HoconWriter.Quote(TrapOid)}, minimum-security-level = {TrapReceiverOptions.LevelText(MinimumSecurityLevel)}"
        + (User is null ? "" : $", user = {HoconWriter.Quote(User)}")
        + (CommunityBased ? ", community-based = on" : "") + " }";
}
