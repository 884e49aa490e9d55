namespace TrapActors.Mib;

/// <summary>A range or size constraint as written in SYNTAX, such as <c>(0..255)</c> or <c>(SIZE (4 | 16))</c>.</summary>
/// <param name="Min">The lower bound.</param>
/// <param name="Max">The upper bound (equal to <paramref name="Min"/> for a single value).</param>
public readonly record struct MibRange(decimal Min, decimal Max);

/// <summary>
/// An object's SYNTAX with textual conventions followed: the base type, the enumeration labels, the BITS names and
/// the DISPLAY-HINT of the nearest textual convention that has one. Immutable.
/// </summary>
public sealed class MibSyntax
{
    internal MibSyntax(MibBaseType baseType, string typeName, string? textualConvention, string? displayHint,
        IReadOnlyDictionary<long, string> enumerations, IReadOnlyDictionary<int, string> bits,
        IReadOnlyList<MibRange> ranges, IReadOnlyList<MibRange> sizes)
    {
        BaseType = baseType;
        TypeName = typeName;
        TextualConvention = textualConvention;
        DisplayHint = displayHint;
        Enumerations = enumerations;
        Bits = bits;
        Ranges = ranges;
        Sizes = sizes;
    }

    /// <summary>A syntax with nothing known.</summary>
    public static MibSyntax Unknown { get; } = new(MibBaseType.Unknown, "", null, null,
        new Dictionary<long, string>(), new Dictionary<int, string>(), [], []);

    /// <summary>The base type once type references are followed.</summary>
    public MibBaseType BaseType { get; }

    /// <summary>The type as written in SYNTAX (<c>INTEGER</c>, <c>DisplayString</c>, <c>SEQUENCE OF IfEntry</c>...).</summary>
    public string TypeName { get; }

    /// <summary>The nearest textual convention or named type on the way to the base type, if any.</summary>
    public string? TextualConvention { get; }

    /// <summary>The DISPLAY-HINT of the nearest textual convention that has one, if any.</summary>
    public string? DisplayHint { get; }

    /// <summary>Enumerated INTEGER labels by value (empty when not enumerated).</summary>
    public IReadOnlyDictionary<long, string> Enumerations { get; }

    /// <summary>BITS names by bit position (empty when not BITS).</summary>
    public IReadOnlyDictionary<int, string> Bits { get; }

    /// <summary>Value ranges, as written (empty when none).</summary>
    public IReadOnlyList<MibRange> Ranges { get; }

    /// <summary>SIZE constraints, as written (empty when none).</summary>
    public IReadOnlyList<MibRange> Sizes { get; }

    /// <inheritdoc/>
    public override string ToString() => TypeName;
}
