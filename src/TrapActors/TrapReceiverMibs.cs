using Akka.Configuration;
using Akka.Event;
using TrapActors.Mib;
using TrapActors.Mib.Describing;

namespace TrapActors;

/// <summary>
/// The MIB modules of a receiver (<see cref="TrapReceiverSetup.MibDirectories"/>), loaded once when it starts and shared
/// by every subscriber: <c>TrapReceiverExtension.Get(Context.System).Mibs.Describer.Describe(trap.Notification)</c>.
/// Empty, and free, when no directory is configured. Immutable and thread-safe.
/// </summary>
public sealed class TrapReceiverMibs
{
    private TrapReceiverMibs(MibSet set)
    {
        Set = set;
        Describer = new MibDescriber(set);
    }

    /// <summary>No modules: every name is null.</summary>
    public static TrapReceiverMibs Empty { get; } = new(MibSet.Empty);

    /// <summary>The loaded modules and the problems met while loading them.</summary>
    public MibSet Set { get; }

    /// <summary>Names OIDs and renders values with <see cref="Set"/>; caches per OID.</summary>
    public MibDescriber Describer { get; }

    /// <summary>
    /// The setup's loaded modules, or loads its directories: a missing directory is a configuration error, every other
    /// problem a warning.
    /// </summary>
    internal static TrapReceiverMibs Load(TrapReceiverSetup setup, ILoggingAdapter log)
    {
        if (setup.Mibs is { } loaded)
        {
            if (!setup.MibDirectories.IsDefaultOrEmpty || !setup.MibModules.IsDefaultOrEmpty)
                throw new ConfigurationException("TrapReceiverSetup.Mibs excludes MibDirectories and MibModules: the modules are loaded already");
            return new TrapReceiverMibs(loaded);
        }
        if (setup.MibDirectories.IsDefaultOrEmpty)
            return Empty;
        foreach (var directory in setup.MibDirectories)
        {
            if (!Directory.Exists(directory))
                throw new ConfigurationException($"TrapReceiverSetup.MibDirectories: directory '{directory}' does not exist");
        }
        var set = MibLoader.Load(setup.MibDirectories, setup.MibModules.IsDefaultOrEmpty ? null : setup.MibModules);
        foreach (var problem in set.Problems)
            log.Warning("MIB: {0}", problem);
        log.Info("MIB: {0} modules, {1} named OIDs loaded from {2}", set.Modules.Count, set.ObjectCount, string.Join(", ", setup.MibDirectories));
        return new TrapReceiverMibs(set);
    }
}
