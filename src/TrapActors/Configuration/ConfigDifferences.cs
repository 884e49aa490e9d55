using Akka.Configuration;
using Akka.Configuration.Hocon;

namespace TrapActors.Configuration;

/// <summary>The keys of one section whose values differ between two configurations; values are compared, never shown.</summary>
internal static class ConfigDifferences
{
    /// <summary>Paths relative to <paramref name="section"/> (e.g. listener.endpoints), in order, of leaves that differ or exist in one only.</summary>
    public static IReadOnlyList<string> ChangedKeys(Config before, Config after, string section)
    {
        var a = Leaves(before, section);
        var b = Leaves(after, section);
        return [.. a.Keys.Union(b.Keys).Where(k => !a.TryGetValue(k, out var x) || !b.TryGetValue(k, out var y) || x != y).Order(StringComparer.Ordinal)];
    }

    private static Dictionary<string, string> Leaves(Config config, string section)
    {
        var leaves = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!config.IsNullOrEmpty() && config.HasPath(section) && config.GetConfig(section).Root is { } root && root.IsObject())
            Walk(root.GetObject(), "", leaves);
        return leaves;
    }

    private static void Walk(HoconObject node, string prefix, Dictionary<string, string> leaves)
    {
        foreach (var (key, value) in node.Items)
        {
            var path = prefix.Length == 0 ? key : $"{prefix}.{key}";
            if (value.IsObject())
                Walk(value.GetObject(), path, leaves);
            else
                leaves[path] = value.ToString();
        }
    }
}
