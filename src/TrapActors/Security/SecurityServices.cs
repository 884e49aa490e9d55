namespace TrapActors.Security;

/// <summary>
/// The receiver-wide security state that sessions read: accepted communities, the USM runtime (user table, engines,
/// key caches; written only by the USM security actor) and its processor, and the access rules.
/// </summary>
internal sealed record SecurityServices(CommunityAuthorizer Communities, UsmRuntime Usm, UsmProcessor UsmProcessor, NotificationAccess Access)
{
    private NotificationAccess? _replacedAccess;

    /// <summary>The access rules in force: <see cref="Access"/>, or those of the last reconfiguration.</summary>
    public NotificationAccess CurrentAccess => Volatile.Read(ref _replacedAccess) ?? Access;

    /// <summary>A reconfiguration's rules, read by every session from its next notification on.</summary>
    public void ReplaceAccess(NotificationAccess access) => Volatile.Write(ref _replacedAccess, access);
}
