using Akka.Event;

namespace TrapActors.Security;

/// <summary>The security actor's periodic and final save of the remote engines' clocks (usm.state-directory); never throws.</summary>
internal sealed class RemoteEngineSaver(UsmRuntime usm, ILoggingAdapter log)
{
    private bool _failing;

    /// <summary>The timer's message: save now.</summary>
    public sealed record Tick : Akka.Actor.INoSerializationVerificationNeeded
    {
        public static readonly Tick Instance = new();
    }

    public bool Enabled => usm.Settings.StateDirectory is not null;

    /// <summary>Loads what the last run saved, at start, before any listener binds; a damaged file is warned about once.</summary>
    public static void Restore(UsmRuntime usm, ILoggingAdapter log)
    {
        var engines = RemoteEngineStore.Load(usm.Settings.StateDirectory, usm.Settings.MaxRemoteEngines, out var problem);
        foreach (var engine in engines)
            usm.RemoteEngines.Restore(engine);
        if (problem is not null)
            log.Warning("trap-actors.usm.state-directory: {0}", problem);
    }

    /// <summary>A failure is warned about once until a save succeeds again.</summary>
    public void Save()
    {
        if (usm.Settings.StateDirectory is not { } directory)
            return;
        try
        {
            RemoteEngineStore.Save(directory, usm.Engines);
            _failing = false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            if (!_failing)
                log.Warning("trap-actors.usm.state-directory: cannot save the remote engines in '{0}': {1}",
                    Path.Combine(directory, RemoteEngineStore.FileName), e.Message);
            _failing = true;
        }
    }
}
