namespace TrapActors.Mib;

/// <summary>One INDEX component of a table row.</summary>
/// <param name="Name">The index object's name.</param>
/// <param name="Implied">Whether it is marked IMPLIED (a variable-length value without a length prefix).</param>
public sealed record MibIndex(string Name, bool Implied);
