using TrapActors.Mib.Describing;
using TrapActors.Mib.Tests.Rendering;

namespace TrapActors.Mib.Tests.Describing;

/// <summary>The real modules (libsnmp-base's and erlang-snmp's, as net-snmp's <c>-m ALL</c>) loaded once per test class, and a describer over them.</summary>
public sealed class RealMibsFixture
{
    /// <summary>Loads every module in the standard directories.</summary>
    public RealMibsFixture()
    {
        Set = MibLoader.Load(TrapActors.Testing.InstalledMibs.Directories(), [MibLoader.All]);
        Describer = new MibDescriber(Set);
    }

    /// <summary>The loaded modules.</summary>
    public MibSet Set { get; }

    /// <summary>A describer over <see cref="Set"/>.</summary>
    public MibDescriber Describer { get; }
}
