namespace TrapActors.Dtls;

/// <summary>What the receiver concluded about a DTLS client's certificate chain before the cert-to-securityName mapping.</summary>
public enum ClientCertificateVerdict
{
    /// <summary>The chain verifies up to a configured trust anchor.</summary>
    Trusted,
    /// <summary>The chain does not reach a trust anchor, but a cert-map entry names the fingerprint of one of its certificates.</summary>
    Pinned,
    /// <summary>The chain reaches no trust anchor (or none is configured) and no cert-map entry pins it.</summary>
    Untrusted,
    /// <summary>A certificate of the chain is past its NotAfter.</summary>
    Expired,
    /// <summary>A certificate of the chain is before its NotBefore.</summary>
    NotYetValid,
    /// <summary>A certificate's signature does not verify with its issuer's key, or the chain is malformed.</summary>
    BadSignature,
    /// <summary>The leaf's extended key usage excludes clientAuth, or an intermediate is not a CA.</summary>
    NotForClientAuth,
}
