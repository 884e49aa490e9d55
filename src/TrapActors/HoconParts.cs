using Akka.Configuration.Hocon;

namespace TrapActors;

/// <summary>Reading the shape of a HOCON value, for settings that must refuse a wrong shape instead of reading it as empty.</summary>
internal static class HoconParts
{
    /// <summary>The parts of a value without the whitespace literals Akka's parser keeps beside them ("" stays).</summary>
    public static List<IHoconElement> Of(HoconValue? value) =>
        value?.Values.Where(v => v is not HoconLiteral { Value: { Length: > 0 } text } || !string.IsNullOrWhiteSpace(text)).ToList() ?? [];

    /// <summary>True for a list (possibly empty) whose every element is a single string, number or boolean literal.</summary>
    public static bool IsListOfScalars(HoconValue? value) =>
        Of(value) is var parts && parts.All(p => p is HoconArray) &&
        parts.SelectMany(p => ((HoconArray)p).GetArray()).All(item => Of(item) is [HoconLiteral]);
}
