using TrapActors.Daemon.Tests.Infrastructure;
using TrapActors.Mib;
using TrapActors.Mib.Describing;

namespace TrapActors.Daemon.Tests;

/// <summary>TEXT-ORACLE-MIB and RFC1213-MIB (with what they import) from the installed directories, loaded once for the formatter tests.</summary>
public sealed class MibFormattersFixture : IDisposable
{
    private readonly TextOracleMib _mib = new();

    public MibFormattersFixture()
    {
        var set = MibLoader.Load(_mib.Directories, ["TEXT-ORACLE-MIB", "RFC1213-MIB"]);
        Describer = new MibDescriber(set);
    }

    public MibDescriber Describer { get; }

    public void Dispose() => _mib.Dispose();
}
