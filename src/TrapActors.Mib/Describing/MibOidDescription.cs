using TrapActors.Mib.Rendering;

namespace TrapActors.Mib.Describing;

/// <summary>
/// The per-OID part of a description, computed once and cached by <see cref="MibDescriber"/>: the name, the object
/// and its compiled display hints. Immutable.
/// </summary>
public sealed class MibOidDescription
{
    internal MibOidDescription(MibObject? mibObject, string? name)
    {
        Object = mibObject;
        Name = name;
        Bare = name is null ? MibDescription.Unknown : new MibDescription(name, null, null, null);
        var syntax = mibObject?.Syntax ?? MibSyntax.Unknown;
        Syntax = syntax;
        if (syntax.BaseType == MibBaseType.OctetString && OctetStringDisplayHint.TryParse(syntax.DisplayHint, out var octets))
            OctetHint = octets;
        else if (syntax.BaseType is MibBaseType.Integer or MibBaseType.Unsigned32 or MibBaseType.Gauge32
                 && IntegerDisplayHint.TryParse(syntax.DisplayHint, out var integer))
            IntegerHint = integer;
    }

    /// <summary>The object named by the OID's longest known prefix, or null.</summary>
    public MibObject? Object { get; }

    /// <summary><c>MODULE::name</c> plus the instance; null when nothing is known.</summary>
    public string? Name { get; }

    internal MibSyntax Syntax { get; }

    internal OctetStringDisplayHint? OctetHint { get; }

    internal IntegerDisplayHint? IntegerHint { get; }

    /// <summary>The description with the name only, shared by every value that adds nothing to it.</summary>
    internal MibDescription Bare { get; }

    /// <inheritdoc/>
    public override string ToString() => Name ?? "";
}
