namespace TrapActors.Security;

/// <summary>
/// The receiver-wide security state that sessions read: accepted communities, the USM runtime (user table, engines,
/// key caches; written only by the USM security actor) and its processor, and the access rules.
/// </summary>
internal sealed record SecurityServices(CommunityAuthorizer Communities, UsmRuntime Usm, UsmProcessor UsmProcessor, NotificationAccess Access);
