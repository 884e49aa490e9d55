namespace TrapActors.Mib;

/// <summary>A loaded module: its name (from its header, not its file name), its file and its named OIDs.</summary>
public sealed class MibModule
{
    internal MibModule(string name, string file, IReadOnlyList<string> imports, IReadOnlyList<MibObject> objects)
    {
        Name = name;
        File = file;
        Imports = imports;
        Objects = objects;
    }

    /// <summary>The module name from its <c>NAME DEFINITIONS ::= BEGIN</c> header.</summary>
    public string Name { get; }

    /// <summary>The file it was read from.</summary>
    public string File { get; }

    /// <summary>The modules it imports from, as written.</summary>
    public IReadOnlyList<string> Imports { get; }

    /// <summary>Its definitions that have an OID, in file order (duplicates and unresolvable ones left out).</summary>
    public IReadOnlyList<MibObject> Objects { get; }

    /// <inheritdoc/>
    public override string ToString() => Name;
}
