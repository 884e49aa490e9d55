namespace TrapActors.Dtls;

/// <summary>
/// A DTLS certificate, key, trust-anchor or cert-map file that cannot be used. The message names the file and the
/// problem, and never contains key material or a password.
/// </summary>
internal sealed class DtlsConfigurationException(string message) : Exception(message);
