using System.Collections.Immutable;

namespace TrapActors;

/// <summary>Commands for the USM security actor; send them to the receiver like any other command.</summary>
public interface IUsmCommand : ITrapReceiverCommand;

/// <summary>Add or replace a user (the reference's add_user). Keys are derived now, never per packet. Replies <see cref="UsmUserAdded"/>.</summary>
public sealed record AddUsmUser(UsmUser User) : IUsmCommand;

public sealed record UsmUserAdded(string Name, ImmutableArray<byte> EngineId);

/// <summary>Remove a user of one engine (empty: the any-engine user); its key material is zeroed. Replies <see cref="UsmUserRemoved"/>.</summary>
public sealed record RemoveUsmUser(string Name, ImmutableArray<byte> EngineId) : IUsmCommand;

public sealed record UsmUserRemoved(string Name, ImmutableArray<byte> EngineId, bool Existed);

/// <summary>Register a remote engine's boots and time (the reference's add_engine). Replies <see cref="UsmEngineAdded"/>.</summary>
public sealed record AddUsmEngine(ImmutableArray<byte> EngineId, int EngineBoots, int EngineTime) : IUsmCommand;

public sealed record UsmEngineAdded(ImmutableArray<byte> EngineId);

/// <summary>Forget a remote engine (the reference's remove_engine). Replies <see cref="UsmEngineRemoved"/>.</summary>
public sealed record RemoveUsmEngine(ImmutableArray<byte> EngineId) : IUsmCommand;

public sealed record UsmEngineRemoved(ImmutableArray<byte> EngineId, bool Existed);

/// <summary>Remove every user and engine (the reference's clear_cache). Replies <see cref="UsmCacheCleared"/>.</summary>
public sealed record ClearUsmCache : IUsmCommand
{
    public static readonly ClearUsmCache Instance = new();
    private ClearUsmCache() { }
}

public sealed record UsmCacheCleared
{
    public static readonly UsmCacheCleared Instance = new();
    private UsmCacheCleared() { }
}

/// <summary>
/// List the cache (the reference's show_cache; <paramref name="User"/> = ShowCacheForUser): one
/// <see cref="UsmCacheEntry"/> per user and engine, then <see cref="UsmCacheShown"/>.
/// </summary>
public sealed record ShowUsmCache(string? User = null) : IUsmCommand;

/// <summary>One cache entry (the reference's on_cache_entry). Passwords are masked unless usm.show-passwords is on.</summary>
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
    public override string ToString() =>
        $"UsmCacheEntry {{ Engine = {(EngineId.IsEmpty ? "any" : Convert.ToHexStringLower(EngineId.AsSpan()))}, Boots = {EngineBoots}, Time = {EngineTime}, User = {User}, Auth = {AuthProtocol}, Priv = {PrivProtocol} }}";
}

public sealed record UsmCacheShown(int Entries);

/// <summary>Pre-compute every key (the reference's hash_passwords). Replies <see cref="UsmPasswordsHashed"/>.</summary>
public sealed record HashUsmPasswords : IUsmCommand
{
    public static readonly HashUsmPasswords Instance = new();
    private HashUsmPasswords() { }
}

public sealed record UsmPasswordsHashed(int Users);

/// <summary>This receiver's engine ID, boots and time (the reference's local_engine_id). Replies <see cref="LocalEngineInfo"/>.</summary>
public sealed record GetLocalEngine : IUsmCommand
{
    public static readonly GetLocalEngine Instance = new();
    private GetLocalEngine() { }
}

public sealed record LocalEngineInfo(ImmutableArray<byte> EngineId, int EngineBoots, int EngineTime);
