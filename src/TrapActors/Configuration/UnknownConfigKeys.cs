using System.Collections.Immutable;
using Akka.Configuration;
using Akka.Configuration.Hocon;

namespace TrapActors.Configuration;

/// <summary>A key of a configuration that no default configuration knows, with the known key it most likely meant.</summary>
/// <param name="Key">The full path of the unknown key, e.g. trap-actors.session.max-sesions.</param>
/// <param name="Suggestion">The nearest known key (trap-actors.session.max-sessions), or null when none is near.</param>
public sealed record UnknownConfigKey(string Key, string? Suggestion)
{
    /// <summary>"unknown key trap-actors.session.max-sesions (did you mean trap-actors.session.max-sessions?)".</summary>
    public override string ToString() =>
        Suggestion is null ? $"unknown key {Key}" : $"unknown key {Key} (did you mean {Suggestion}?)";
}

/// <summary>
/// Finds misspelled keys: HOCON settings are read by path, so a key nobody reads (trap-actors.session.max-sesions) is
/// silently ignored and its default applies. Check your own configuration against the defaults, for example
/// <c>UnknownConfigKeys.Find(myConfig, TrapReceiverExtension.DefaultConfig())</c>. Only the trap-actors section is
/// checked; a key whose default is a list or a value (access rules, cert-map...) is not looked into.
/// </summary>
public static class UnknownConfigKeys
{
    /// <summary>The section checked.</summary>
    public const string Root = "trap-actors";

    /// <summary>
    /// The keys under trap-actors in <paramref name="config"/> that none of <paramref name="defaults"/> has (a top-level
    /// key spelled nearly like trap-actors is reported too), in the order they appear. Values are never read or shown.
    /// </summary>
    /// <param name="config">The configuration to check, without the defaults as its fallback.</param>
    /// <param name="defaults">Every configuration that defines known keys: TrapReceiverExtension.DefaultConfig(), and that of each TrapActors package in use.</param>
    public static ImmutableArray<UnknownConfigKey> Find(Config config, params Config[] defaults)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(defaults);
        var known = new KnownKeys();
        foreach (var reference in defaults)
        {
            if (reference.Root is { } root && root.IsObject())
                known.Add(root.GetObject(), "");
        }
        var unknown = ImmutableArray.CreateBuilder<UnknownConfigKey>();
        if (config.Root is { } userRoot && userRoot.IsObject())
        {
            foreach (var (key, value) in userRoot.GetObject().Items)
            {
                if (key == Root)
                    Check(value, Root, known, unknown);
                else if (EditDistance.Of(key, Root) <= 2)
                    unknown.Add(new UnknownConfigKey(key, Root));
            }
        }
        return unknown.ToImmutable();
    }

    private static void Check(HoconValue value, string path, KnownKeys known, ImmutableArray<UnknownConfigKey>.Builder unknown)
    {
        if (!value.IsObject())
            return;
        foreach (var (key, child) in value.GetObject().Items)
        {
            var childPath = $"{path}.{key}";
            if (!known.Paths.Contains(childPath))
                unknown.Add(new UnknownConfigKey(childPath, known.Nearest(path, key)));
            else if (known.Sections.Contains(childPath))
                Check(child, childPath, known, unknown);
        }
    }

    /// <summary>Every path the defaults define, and which of them are sections (objects) rather than values.</summary>
    private sealed class KnownKeys
    {
        public HashSet<string> Paths { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Sections { get; } = new(StringComparer.Ordinal);

        public void Add(HoconObject obj, string path)
        {
            foreach (var (key, value) in obj.Items)
            {
                var childPath = path.Length == 0 ? key : $"{path}.{key}";
                Paths.Add(childPath);
                if (value.IsObject())
                {
                    Sections.Add(childPath);
                    Add(value.GetObject(), childPath);
                }
            }
        }

        /// <summary>A sibling spelled nearly the same; else a key of the same name in another section (put in the wrong place).</summary>
        public string? Nearest(string parent, string key)
        {
            var prefix = parent + ".";
            var siblings = Paths.Where(p => p.StartsWith(prefix, StringComparison.Ordinal) && p.IndexOf('.', prefix.Length) < 0);
            var best = siblings
                .Select(p => (Path: p, Distance: EditDistance.Of(key, p[prefix.Length..])))
                .Where(c => c.Distance <= MaxTypos(key))
                .OrderBy(c => c.Distance).ThenBy(c => c.Path, StringComparer.Ordinal)
                .FirstOrDefault();
            if (best.Path is not null)
                return best.Path;
            return Paths.Where(p => p.StartsWith(Root + ".", StringComparison.Ordinal) && p.EndsWith("." + key, StringComparison.Ordinal))
                .Order(StringComparer.Ordinal)
                .FirstOrDefault();
        }
    }

    /// <summary>How far a misspelling may be from the key meant: a letter or two, three in a long key.</summary>
    private static int MaxTypos(string key) => key.Length switch
    {
        <= 4 => 1,
        < 12 => 2,
        _ => 3,
    };

    /// <summary>Levenshtein distance (insertions, deletions, substitutions).</summary>
    private static class EditDistance
    {
        public static int Of(string a, string b)
        {
            var previous = new int[b.Length + 1];
            var current = new int[b.Length + 1];
            for (var j = 0; j <= b.Length; j++)
                previous[j] = j;
            for (var i = 1; i <= a.Length; i++)
            {
                current[0] = i;
                for (var j = 1; j <= b.Length; j++)
                {
                    var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                    current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
                }
                (previous, current) = (current, previous);
            }
            return previous[b.Length];
        }
    }
}
