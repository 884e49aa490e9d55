using System.Collections.Immutable;

namespace TrapActors;

/// <summary>
/// Commands for the USM security actor (/system/trap-actors/usm), which owns the SNMPv3 users and the remote engines'
/// timeliness (RFC 3414); send them to <see cref="TrapReceiverExtension.Receiver"/> like any other command.
/// </summary>
public interface IUsmCommand : ITrapReceiverCommand;

/// <summary>
/// Add a USM user, or replace the one with the same name and engine. Keys are derived now (a megabyte of hashing per
/// password, RFC 3414 §A.2), never per packet. Replies <see cref="UsmUserAdded"/> once messages are checked against it,
/// or <c>Status.Failure</c> with the exception when a <see cref="UsmPolicies"/> key-store callback threw (an Ask then fails).
/// Keys of the wrong length never get here: <see cref="UsmUser"/> refuses them (<see cref="UsmKeyLengthException"/>).
/// </summary>
/// <param name="User">The user, its protocols and secrets.</param>
public sealed record AddUsmUser(UsmUser User) : IUsmCommand;

/// <summary>The reply to <see cref="AddUsmUser"/>.</summary>
/// <param name="Name">The user's name.</param>
/// <param name="EngineId">The engine it belongs to; empty for any engine.</param>
public sealed record UsmUserAdded(string Name, ImmutableArray<byte> EngineId);

/// <summary>Remove a user of one engine (empty: the any-engine user); its key material is zeroed. Replies <see cref="UsmUserRemoved"/>.</summary>
/// <param name="Name">The user's name.</param>
/// <param name="EngineId">The engine the user belongs to; empty for the any-engine user.</param>
public sealed record RemoveUsmUser(string Name, ImmutableArray<byte> EngineId) : IUsmCommand;

/// <summary>The reply to <see cref="RemoveUsmUser"/>.</summary>
/// <param name="Name">The user's name.</param>
/// <param name="EngineId">The engine, as asked.</param>
/// <param name="Existed">False when there was no such user.</param>
public sealed record UsmUserRemoved(string Name, ImmutableArray<byte> EngineId, bool Existed);

/// <summary>
/// Set what this receiver knows of a remote authoritative engine (a trap sender): its snmpEngineBoots and
/// snmpEngineTime now, the starting point of the timeliness check (RFC 3414 §3.2 step 7b). Replies
/// <see cref="UsmEngineAdded"/>; when usm.max-remote-engines are tracked already, a new engine is not added and the reply
/// is <c>Status.Failure</c> with an <see cref="InvalidOperationException"/> saying so (an Ask then fails). A known
/// engine is always updated.
/// </summary>
/// <param name="EngineId">The remote engine's snmpEngineID.</param>
/// <param name="EngineBoots">Its snmpEngineBoots.</param>
/// <param name="EngineTime">Its snmpEngineTime, in seconds since its last boot.</param>
public sealed record AddUsmEngine(ImmutableArray<byte> EngineId, int EngineBoots, int EngineTime) : IUsmCommand;

/// <summary>The reply to <see cref="AddUsmEngine"/>.</summary>
/// <param name="EngineId">The engine, as given.</param>
public sealed record UsmEngineAdded(ImmutableArray<byte> EngineId);

/// <summary>
/// Forget a remote engine's boots and time; its next authenticated message is treated as from a new engine.
/// Replies <see cref="UsmEngineRemoved"/>.
/// </summary>
/// <param name="EngineId">The remote engine's snmpEngineID.</param>
public sealed record RemoveUsmEngine(ImmutableArray<byte> EngineId) : IUsmCommand;

/// <summary>The reply to <see cref="RemoveUsmEngine"/>.</summary>
/// <param name="EngineId">The engine, as given.</param>
/// <param name="Existed">False when the engine was not known.</param>
public sealed record UsmEngineRemoved(ImmutableArray<byte> EngineId, bool Existed);

/// <summary>
/// Remove every USM user (those of <see cref="TrapReceiverSetup.Users"/> included; their keys are zeroed) and every
/// remote engine. Replies <see cref="UsmCacheCleared"/>.
/// </summary>
public sealed record ClearUsmCache : IUsmCommand
{
    /// <summary>The one instance.</summary>
    public static readonly ClearUsmCache Instance = new();
    private ClearUsmCache() { }
}

/// <summary>The reply to <see cref="ClearUsmCache"/>.</summary>
public sealed record UsmCacheCleared
{
    /// <summary>The one instance.</summary>
    public static readonly UsmCacheCleared Instance = new();
    private UsmCacheCleared() { }
}

/// <summary>
/// List the USM users and remote engines: the sender gets one <see cref="UsmCacheEntry"/> per user (with its engine's
/// boots and time where known) and per remote engine without users, then <see cref="UsmCacheShown"/>.
/// </summary>
/// <param name="User">Only this user's entries; null: every user and engine.</param>
public sealed record ShowUsmCache(string? User = null) : IUsmCommand;

/// <summary>One user or remote engine, an answer to <see cref="ShowUsmCache"/>. Passwords are masked unless usm.show-passwords is on.</summary>
/// <param name="EngineId">The engine; empty for an any-engine user.</param>
/// <param name="EngineBoots">The remote engine's snmpEngineBoots as last known; 0 when unknown.</param>
/// <param name="EngineTime">Its snmpEngineTime now, as this receiver estimates it; 0 when unknown.</param>
/// <param name="User">The user's name; null for an engine without users.</param>
/// <param name="AuthProtocol">The authentication protocol's net-snmp name (MD5, SHA, SHA-256...; "none").</param>
/// <param name="AuthPassword">"********", or with usm.show-passwords the password (keys in hex); null without authentication.</param>
/// <param name="PrivProtocol">The privacy protocol's net-snmp name (DES, AES, AES-256...; "none").</param>
/// <param name="PrivPassword">"********", or with usm.show-passwords the password (keys in hex); null without privacy.</param>
public sealed record UsmCacheEntry(
    ImmutableArray<byte> EngineId,
    int EngineBoots,
    int EngineTime,
    string? User,
    string AuthProtocol,
    string? AuthPassword,
    string PrivProtocol,
    string? PrivPassword)
{
    /// <summary>The entry without its passwords.</summary>
    public override string ToString() =>
        $"UsmCacheEntry {{ Engine = {(EngineId.IsEmpty ? "any" : Snmp.EngineId.Format(EngineId.AsSpan()))}, Boots = {EngineBoots}, Time = {EngineTime}, User = {User}, Auth = {AuthProtocol}, Priv = {PrivProtocol} }}";
}

/// <summary>The last reply to <see cref="ShowUsmCache"/>, after every <see cref="UsmCacheEntry"/>.</summary>
/// <param name="Entries">How many entries were sent.</param>
public sealed record UsmCacheShown(int Entries);

/// <summary>
/// Make sure every user's keys are derived. A user added with <see cref="AddUsmUser"/> has them at once; the users of
/// <see cref="TrapReceiverSetup.Users"/> hash their passwords on their first message, so this hashes the rest now (on
/// the thread pool, at most half the cores at once) and replies <see cref="UsmPasswordsHashed"/> when they are done.
/// </summary>
public sealed record HashUsmPasswords : IUsmCommand
{
    /// <summary>The one instance.</summary>
    public static readonly HashUsmPasswords Instance = new();
    private HashUsmPasswords() { }
}

/// <summary>The reply to <see cref="HashUsmPasswords"/>.</summary>
/// <param name="Users">The number of users, every one with its keys derived.</param>
public sealed record UsmPasswordsHashed(int Users);

/// <summary>
/// This receiver's snmpEngineID, snmpEngineBoots and snmpEngineTime (RFC 3411 §5, SNMP-FRAMEWORK-MIB): the
/// authoritative engine that informs and discovery address. Replies <see cref="LocalEngineInfo"/>.
/// </summary>
public sealed record GetLocalEngine : IUsmCommand
{
    /// <summary>The one instance.</summary>
    public static readonly GetLocalEngine Instance = new();
    private GetLocalEngine() { }
}

/// <summary>The reply to <see cref="GetLocalEngine"/>.</summary>
/// <param name="EngineId">snmpEngineID: trap-actors.usm.local-engine-id, or one generated (RFC 3411 format 5) and kept in usm.state-directory when set.</param>
/// <param name="EngineBoots">snmpEngineBoots: incremented at every start when usm.state-directory keeps it, else 1.</param>
/// <param name="EngineTime">snmpEngineTime: seconds since this boot.</param>
public sealed record LocalEngineInfo(ImmutableArray<byte> EngineId, int EngineBoots, int EngineTime);
