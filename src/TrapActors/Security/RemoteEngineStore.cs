using System.Globalization;
using System.Text;

namespace TrapActors.Security;

/// <summary>
/// Keeps the remote engines' clocks in the state directory (file remote-engines): for each engine its boots, its time as
/// last set and the local wall-clock time it was set at, so that after a restart its clock runs on and an old captured
/// message is outside the time window (RFC 3414 §3.2 step 7b). Written like the engine state file (a new 0600 file
/// renamed over the old one, decision 0026). A damaged file is reported and ignored, never fatal.
/// </summary>
internal static class RemoteEngineStore
{
    public const string FileName = "remote-engines";
    private const string Header = "trap-actors-remote-engines 1";
    private const int MaxLineLength = 512;

    /// <summary>Writes every engine (the table is bounded by usm.max-remote-engines) and an end line that a truncated file lacks.</summary>
    public static void Save(string directory, IEnumerable<RemoteEngine> engines)
    {
        var text = new StringBuilder(Header).Append('\n');
        var count = 0;
        foreach (var engine in engines)
        {
            var (boots, time, latest, updatedAt) = engine.State();
            text.Append(CultureInfo.InvariantCulture,
                $"{Convert.ToHexStringLower(engine.EngineId.Span)} {boots} {time} {latest} {updatedAt} {engine.LastUsedMs} {Kind(engine)}\n");
            count++;
        }
        text.Append(CultureInfo.InvariantCulture, $"end {count}\n");
        EngineStateStore.CreateDirectory(directory);
        EngineStateStore.Save(directory, FileName, text.ToString());
    }

    /// <summary>
    /// The engines kept in <paramref name="directory"/>, most recently used first and at most <paramref name="max"/>; none
    /// without a directory or file. A file that cannot be read or is damaged yields none and <paramref name="problem"/>.
    /// </summary>
    public static List<RemoteEngine> Load(string? directory, int max, out string? problem)
    {
        problem = null;
        if (string.IsNullOrEmpty(directory))
            return [];
        var path = Path.Combine(directory, FileName);
        try
        {
            if (!File.Exists(path))
                return [];
            if (new FileInfo(path).Length > (long)(max + 2) * MaxLineLength)
                throw new FormatException($"larger than {max} engines (usm.max-remote-engines) can be");
            var engines = Parse(File.ReadAllLines(path));
            return [.. engines.OrderByDescending(e => e.LastUsedMs).Take(max)];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or OverflowException or ArgumentException)
        {
            problem = $"cannot use '{path}': {e.Message}; starting without the remote engines' clocks";
            return [];
        }
    }

    private static List<RemoteEngine> Parse(string[] lines)
    {
        if (lines.Length < 2 || lines[0] != Header)
            throw new FormatException("not a remote-engines file (first line)");
        var engines = new List<RemoteEngine>();
        for (var i = 1; i < lines.Length - 1; i++)
            engines.Add(ParseLine(lines[i], i + 1));
        if (lines[^1] != $"end {engines.Count.ToString(CultureInfo.InvariantCulture)}")
            throw new FormatException("truncated (no end line counting the engines)");
        return engines;
    }

    private static RemoteEngine ParseLine(string line, int number)
    {
        var f = line.Split(' ');
        if (f.Length != 7 || line.Length > MaxLineLength)
            throw new FormatException($"line {number}: expected 7 fields");
        var id = Convert.FromHexString(f[0]);
        if (id.Length is < 5 or > 32)
            throw new FormatException($"line {number}: an engine ID of {id.Length} octets");
        var (explicitly, learnedBy) = f[6] switch
        {
            "explicit" => (true, (string?)null),
            "learned" => (false, null),
            var user when user.StartsWith("user:", StringComparison.Ordinal) => (false, Encoding.UTF8.GetString(Convert.FromHexString(user[5..]))),
            _ => throw new FormatException($"line {number}: unknown kind"),
        };
        var engine = new RemoteEngine(id, Int(f[1]), Int(f[2]), Long(f[4]), explicitly, learnedBy);
        engine.Restore(Int(f[3]), Long(f[5]));
        return engine;
    }

    private static string Kind(RemoteEngine engine) =>
        engine.ExplicitlyAdded ? "explicit"
        : engine.LearnedBy is { } user ? "user:" + Convert.ToHexStringLower(Encoding.UTF8.GetBytes(user))
        : "learned";

    private static int Int(string s) => int.Parse(s, NumberStyles.None, CultureInfo.InvariantCulture);

    private static long Long(string s) => long.Parse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
}
