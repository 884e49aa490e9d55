namespace TrapActors.Security;

/// <summary>
/// Where USM processing of one message (RFC 3414 §3.2) stopped to wait for an application policy, with what the steps
/// before it established. <see cref="UsmProcessor.Resume"/> continues from there: a message is authenticated and
/// decrypted at most once, however many policies answer asynchronously.
/// </summary>
internal abstract record UsmResumePoint;

/// <summary>A discovery probe (empty msgAuthoritativeEngineID) waiting for RespondToDiscovery.</summary>
internal sealed record ResumeAtDiscovery(SecurityLevel Level) : UsmResumePoint;

/// <summary>
/// The user lookup (step 4) waiting for GetUser, before anything was verified: on resume the table is read again
/// (the provided user was added to it meanwhile) and GetUser is not asked again.
/// </summary>
internal sealed record ResumeAtUserLookup(SecurityLevel Level, bool LocallyAuthoritative, bool Reportable) : UsmResumePoint;

/// <summary>
/// The timeliness check for a remote authoritative engine (step 7b) waiting for CheckEngine: the message is authentic
/// (<see cref="Keys"/> verified its digest); on resume the engine's clock is read again, and then the PDU is decrypted.
/// </summary>
internal sealed record ResumeAtEngineCheck(UsmUserEntry Entry, UserKeys Keys, SecurityLevel Level, bool Reportable) : UsmResumePoint;

/// <summary>
/// A noAuthNoPriv message to a remote engine waiting for CheckEngine: nothing was verified (there is nothing to verify);
/// on resume an accepted message goes to the minimum-level check, the engine table untouched.
/// </summary>
internal sealed record ResumeAtUnauthenticatedEngineCheck(UsmUserEntry Entry, bool Reportable) : UsmResumePoint;

/// <summary>The user's minimum level waiting for MinimumSecurityLevel: authentic, in time and decrypted already.</summary>
internal sealed record ResumeAtMinimumLevel(UsmAccepted Accepted, bool Reportable) : UsmResumePoint;

/// <summary>
/// Authentication (step 6) waiting for the user's keys, derived on first use (decision 0038): on resume the user is
/// looked up again (it may have been removed or replaced meanwhile) and the message authenticated with that entry.
/// </summary>
internal sealed record ResumeAtKeyDerivation(SecurityLevel Level, bool LocallyAuthoritative, bool Reportable) : UsmResumePoint;
