using System.Globalization;

namespace TrapActors.Mib.Rendering;

/// <summary>An enumerated INTEGER's value by its label, as net-snmp prints it.</summary>
public static class EnumeratedInteger
{
    /// <summary>The label of <paramref name="value"/>, or the number when the enumeration has no such value.</summary>
    public static string Label(long value, IReadOnlyDictionary<long, string> labels) =>
        labels.TryGetValue(value, out var label) ? label : value.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The value as snmptrapd prints it after <c>INTEGER: </c>: <c>label(3)</c>, or <c>7</c> when 7 has no label.
    /// </summary>
    public static string Render(long value, IReadOnlyDictionary<long, string> labels)
    {
        var number = value.ToString(CultureInfo.InvariantCulture);
        return labels.TryGetValue(value, out var label) ? string.Concat(label, "(", number, ")") : number;
    }
}
