using Xunit;

namespace TrapActors.Daemon.Tests.Infrastructure;

/// <summary>Daemon processes run one at a time, so that their start-up and shutdown times stay predictable on a small machine.</summary>
[CollectionDefinition(Name)]
public sealed class DaemonCollection
{
    public const string Name = "daemon processes";
}
