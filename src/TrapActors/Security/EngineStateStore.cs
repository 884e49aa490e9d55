using System.Globalization;
using TrapActors.Snmp;

namespace TrapActors.Security;

/// <summary>
/// Persists the local engine ID and snmpEngineBoots in a state directory (one small text file), so that boots
/// grows across restarts as RFC 3414 §2.2.2 requires and a generated engine ID stays the same.
/// </summary>
internal static class EngineStateStore
{
    public const string FileName = "engine-state";

    /// <summary>
    /// Reads the saved state, picks the engine ID (configured, else saved, else generated), increments boots
    /// (back to 1 when the engine ID changed) and saves. Without a directory nothing is kept: boots is 1.
    /// </summary>
    public static (byte[] EngineId, int Boots) LoadAndIncrement(string? directory, byte[]? configuredEngineId, Func<byte[]> generate)
    {
        try
        {
            return LoadAndIncrementUnchecked(directory, configuredEngineId, generate);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or OverflowException)
        {
            throw new Akka.Configuration.ConfigurationException(
                $"trap-actors.usm.state-directory: cannot use the engine state in '{Path.Combine(directory ?? "", FileName)}': {e.Message}", e);
        }
    }

    private static (byte[] EngineId, int Boots) LoadAndIncrementUnchecked(string? directory, byte[]? configuredEngineId, Func<byte[]> generate)
    {
        byte[]? savedId = null;
        var savedBoots = 0;
        var path = string.IsNullOrEmpty(directory) ? null : Path.Combine(directory, FileName);
        if (path is not null && File.Exists(path))
        {
            foreach (var line in File.ReadAllLines(path))
            {
                var parts = line.Split(' ', 2, StringSplitOptions.TrimEntries);
                if (parts.Length != 2)
                    continue;
                if (parts[0] == "engine-id")
                    savedId = [.. EngineId.Parse(parts[1]).Octets];
                else if (parts[0] == "engine-boots")
                    savedBoots = int.Parse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture);
            }
        }

        var engineId = configuredEngineId ?? savedId ?? generate();
        var sameEngine = savedId is not null && savedId.AsSpan().SequenceEqual(engineId);
        var boots = !sameEngine ? 1 : savedBoots < int.MaxValue ? savedBoots + 1 : int.MaxValue;
        if (path is not null)
        {
            CreateDirectory(directory!);
            Save(directory!, FileName, $"engine-id {EngineId.Format(engineId)}\nengine-boots {boots.ToString(CultureInfo.InvariantCulture)}\n");
        }
        return (engineId, boots);
    }

    /// <summary>Creates the state directory readable by this user only (0700), as decision 0026 requires.</summary>
    internal static void CreateDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
            Directory.CreateDirectory(directory);
        else
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    // A fresh random name opened with CreateNew (O_CREAT|O_EXCL: a symlink planted under that name makes it fail,
    // never followed), then renamed over the state file (a rename replaces a symlink there, it does not follow it).
    internal static void Save(string directory, string fileName, string text)
    {
        var path = Path.Combine(directory, fileName);
        var temp = Path.Combine(directory, $"{fileName}.{Guid.NewGuid():N}.tmp");
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            using (var stream = new FileStream(temp, options))
            using (var writer = new StreamWriter(stream))
                writer.Write(text);
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }
}
