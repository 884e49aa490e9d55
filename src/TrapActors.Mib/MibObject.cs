namespace TrapActors.Mib;

/// <summary>A named OID defined by a loaded module, with what a renderer needs to know about it. Immutable.</summary>
public sealed class MibObject
{
    internal MibObject(string module, string name, uint[] oid, MibObjectKind kind, MibSyntax syntax,
        IReadOnlyList<MibIndex> index, string? augments, IReadOnlyList<string> objects, string? access, string? status,
        string file, int line)
    {
        Module = module;
        Name = name;
        Oid = oid;
        Kind = kind;
        Syntax = syntax;
        Index = index;
        Augments = augments;
        Objects = objects;
        Access = access;
        Status = status;
        File = file;
        Line = line;
    }

    /// <summary>The module that defines it.</summary>
    public string Module { get; }

    /// <summary>Its descriptor, such as <c>ifOperStatus</c>.</summary>
    public string Name { get; }

    /// <summary><c>MODULE::name</c>.</summary>
    public string QualifiedName => $"{Module}::{Name}";

    /// <summary>Its OID.</summary>
    public IReadOnlyList<uint> Oid { get; }

    /// <summary>The kind of definition.</summary>
    public MibObjectKind Kind { get; }

    /// <summary>Its SYNTAX (<see cref="MibSyntax.Unknown"/> for definitions without one).</summary>
    public MibSyntax Syntax { get; }

    /// <summary>For a table row: its INDEX components (those of the augmented row for AUGMENTS); otherwise empty.</summary>
    public IReadOnlyList<MibIndex> Index { get; internal set; }

    /// <summary>For a row defined with AUGMENTS: the augmented row's name.</summary>
    public string? Augments { get; }

    /// <summary>For a notification or group: OBJECTS (NOTIFICATION-TYPE, groups) or VARIABLES (TRAP-TYPE), in order.</summary>
    public IReadOnlyList<string> Objects { get; }

    /// <summary>MAX-ACCESS or ACCESS, if given.</summary>
    public string? Access { get; }

    /// <summary>STATUS, if given.</summary>
    public string? Status { get; }

    /// <summary>The file it was read from.</summary>
    public string File { get; }

    /// <summary>The line of its definition.</summary>
    public int Line { get; }

    /// <summary>The objects named by <see cref="Index"/>, resolved at load time (null where unknown).</summary>
    internal MibObject?[] IndexObjects { get; set; } = [];

    /// <summary>Per INDEX component: an InetAddress whose preceding column is an InetAddressType (printed as an address).</summary>
    internal bool[] InetAddressIndexes { get; set; } = [];

    /// <inheritdoc/>
    public override string ToString() => QualifiedName;
}
