namespace TrapActors.Mib.Describing;

/// <summary>
/// What the loaded modules say about one varbind: its name and, where the object's SYNTAX gives one, the value's
/// enumeration label, set BITS names or DISPLAY-HINT rendering. Immutable.
/// </summary>
public sealed class MibDescription
{
    internal MibDescription(string? name, string? enumLabel, IReadOnlyList<string>? bits, string? display)
    {
        Name = name;
        Enum = enumLabel;
        Bits = bits;
        Display = display;
    }

    /// <summary>Nothing known: no name and no rendering.</summary>
    public static MibDescription Unknown { get; } = new(null, null, null, null);

    /// <summary><c>MODULE::name</c> plus the instance as net-snmp prints it (<c>SNMPv2-MIB::sysDescr.0</c>); null when no prefix of the OID is known.</summary>
    public string? Name { get; }

    /// <summary>The label of an enumerated INTEGER's value (<c>enabled</c>); null when not enumerated or the value has no label.</summary>
    public string? Enum { get; }

    /// <summary>The names of the set bits of a BITS value, ascending (an unnamed bit by its number); null when the object is not BITS.</summary>
    public IReadOnlyList<string>? Bits { get; }

    /// <summary>The value rendered by the object's DISPLAY-HINT, as snmptrapd prints it; null when there is no valid hint.</summary>
    public string? Display { get; }

    /// <inheritdoc/>
    public override string ToString() => Name ?? "";
}
