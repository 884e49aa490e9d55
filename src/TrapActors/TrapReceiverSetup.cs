using System.Collections.Immutable;

namespace TrapActors;

/// <summary>
/// Objects and secrets for the receiver that do not belong in HOCON. Add it to the ActorSystem's
/// setup (<c>BootstrapSetup.Create().And(new TrapReceiverSetup { ... })</c>, or TrapReceiverOptions with Akka.Hosting).
/// </summary>
public sealed class TrapReceiverSetup : Akka.Actor.Setup.Setup
{
    /// <summary>Communities accepted in addition to trap-actors.community.accepted.</summary>
    public ImmutableArray<string> Communities { get; init; } = [];

    /// <summary>
    /// SNMPv3 USM users present from the start (more with <see cref="AddUsmUser"/>). Their passwords are hashed on each
    /// user's first message, once, not before the receiver binds (<see cref="HashUsmPasswords"/> hashes them all now).
    /// </summary>
    public ImmutableArray<UsmUser> Users { get; init; } = [];

    /// <summary>The application's USM decisions (credential provider, minimum levels, engine checks, discovery).</summary>
    public UsmPolicies UsmPolicies { get; init; } = UsmPolicies.Default;

    /// <summary>
    /// The client-authentication policy for DTLS, called during the handshake once a client certificate is trusted (or
    /// pinned) and mapped to a securityName: true accepts the client, false refuses it (<see cref="DtlsRefusal.PolicyRefused"/>).
    /// Default (null): accept every certificate that is trusted or pinned and mapped. It runs on the handshake's thread: keep it quick.
    /// </summary>
    public Func<DtlsClientCertificate, bool>? DtlsClientAuthentication { get; init; }

    /// <summary>
    /// The DTLS server identity held in memory instead of files (PEM text or PKCS#12 bytes, e.g. from a secret store);
    /// when set it replaces trap-actors.dtls.certificate-file/key-file/pkcs12-file. Never printed.
    /// </summary>
    public DtlsServerIdentity? DtlsServerIdentity { get; init; }

    /// <summary>
    /// Endpoints without a socket, for tests (docs/testing.md): when any is given, the receiver listens on these
    /// instead of trap-actors.listener.endpoints and binds no socket.
    /// </summary>
    public ImmutableArray<InMemoryEndpoint> InMemoryEndpoints { get; init; } = [];

    /// <summary>
    /// Directories of MIB modules, loaded once when the receiver starts (<see cref="TrapReceiverExtension.Mibs"/>); empty: no
    /// modules, nothing loaded. A directory that does not exist stops the start; a broken module is logged and skipped.
    /// </summary>
    public ImmutableArray<string> MibDirectories { get; init; } = [];

    /// <summary>The modules to load from <see cref="MibDirectories"/>, with what they import; empty or "ALL": every module found.</summary>
    public ImmutableArray<string> MibModules { get; init; } = [];

    /// <summary>
    /// Modules the application loaded itself (<see cref="Mib.MibLoader.Load"/>) and reported the problems of: used as
    /// they are, instead of loading <see cref="MibDirectories"/> (setting both stops the start).
    /// </summary>
    public Mib.MibSet? Mibs { get; init; }

    /// <summary>The clock for receive time stamps and timeliness; tests pass a fake.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Applied to the settings read from HOCON before the receiver starts.</summary>
    public Func<TrapReceiverSettings, TrapReceiverSettings>? ConfigureSettings { get; init; }

    /// <summary>The number of communities and users; the communities and secrets are redacted.</summary>
    public override string ToString() => $"TrapReceiverSetup {{ Communities = <{Communities.Length} redacted>, Users = {Users.Length} }}";
}
