using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Akka.Event;

namespace TrapActors.Cluster.Remoting;

/// <summary>
/// Accepts a peer's TLS certificate only when it chains to the cluster CA, with that CA as the only trust anchor (the
/// operating system's store plays no part: a certificate a public CA issued is refused). Runs on both ends of every
/// remoting connection: a node that connects checks the node it reached, and a node that accepts checks the one that
/// connected. Expiry is checked; revocation is not (no CRL for a private cluster CA); host names are not (node
/// certificates name nodes, not the addresses they are reached at). A refusal is logged as a warning.
/// </summary>
internal sealed class ClusterCaValidator(X509Certificate2Collection clusterCa)
{
    /// <summary>Akka.Remote's CertificateValidationCallback: the errors of the platform's own check are ignored.</summary>
    public bool Validate(X509Certificate2? certificate, X509Chain? presented, string remotePeer, SslPolicyErrors errors, ILoggingAdapter log)
    {
        if (certificate is null)
        {
            log.Warning("Cluster TLS: refused {0}: it presented no certificate", remotePeer);
            return false;
        }
        if (Check(certificate, presented) is { } problem)
        {
            log.Warning("Cluster TLS: refused {0}: its certificate (subject {1}, issuer {2}) {3}",
                remotePeer, certificate.Subject, certificate.Issuer, problem);
            return false;
        }
        return true;
    }

    /// <summary>Null when <paramref name="certificate"/> chains to the cluster CA; otherwise what is wrong.</summary>
    internal string? Check(X509Certificate2 certificate, X509Chain? presented = null)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(clusterCa);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        if (presented is not null)
        {
            // Intermediate certificates the peer sent along (the trust anchor still has to be the cluster CA).
            foreach (var element in presented.ChainElements)
            {
                if (!element.Certificate.RawDataMemory.Span.SequenceEqual(certificate.RawDataMemory.Span))
                    chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }
        if (chain.Build(certificate))
            return null;
        var statuses = chain.ChainStatus.Select(s => s.Status.ToString()).Distinct();
        return $"does not chain to the cluster CA ({string.Join(", ", statuses)})";
    }
}
