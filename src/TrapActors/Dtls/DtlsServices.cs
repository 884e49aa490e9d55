using TrapActors.Listener;

namespace TrapActors.Dtls;

/// <summary>
/// What a DTLS listener and its associations use besides a listener's services: the DTLS counters, the server
/// identity given in memory and the application's client-certificate policy (both from <c>TrapReceiverSetup</c>).
/// </summary>
internal sealed record DtlsServices(
    ListenerServices Listener,
    DtlsCounters Counters,
    DtlsServerIdentity? ServerIdentity,
    Func<DtlsClientCertificate, bool>? ClientAuthentication)
{
    /// <summary>The certificate map of the last reconfiguration, shared by every DTLS listener.</summary>
    public LiveCertMap CertMap { get; init; } = new();
}
