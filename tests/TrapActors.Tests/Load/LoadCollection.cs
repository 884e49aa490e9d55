using Xunit;

namespace TrapActors.Tests.Load;

/// <summary>Tests that load the machine (hundreds of sockets); they run alone, after the parallel ones.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LoadCollection
{
    public const string Name = "load";
}
