using BenchmarkDotNet.Attributes;
using TrapActors.Security;

namespace TrapActors.Benchmarks;

/// <summary>
/// The per-message work on a known remote engine (decision 0031): the lookup by engine ID bytes in a full table of
/// 10,000 engines and the timeliness check, which also marks the engine used for eviction. Expected: no allocation.
/// </summary>
[MemoryDiagnoser]
public class RemoteEngineBenchmarks
{
    private readonly byte[] _engineId = [0x80, 0, 0, 0, 1, 0x12, 0x34];
    private RemoteEngineTable _table = null!;
    private int _time = 100;

    [GlobalSetup]
    public void Setup()
    {
        _table = new RemoteEngineTable(10_000, 5_000, new UsmCounters());
        for (var i = 0; i < 9_999; i++)
            _table.Learn([0x80, 0, 0, 1, (byte)(i >> 8), (byte)i], 1, 1, 0, "user" + (i % 3));
        _table.Learn(_engineId, 3, 100, 0, "user0");
    }

    [Benchmark]
    public bool KnownEngineCheck()
    {
        var engine = _table.Find(_engineId)!;
        return engine.Check(3, ++_time, _time * 1000L, TimeSpan.FromSeconds(150)) == Timeliness.InTime;
    }
}
