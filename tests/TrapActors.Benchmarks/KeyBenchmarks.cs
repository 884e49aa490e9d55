using BenchmarkDotNet.Attributes;
using TrapActors.Snmp.Security;

namespace TrapActors.Benchmarks;

/// <summary>
/// USM key derivation: password to master key (1 MiB of hashing, RFC 3414 A.2) and localization to an engine
/// (one hash of Ku || engineID || Ku). The receiver derives once per user and engine and caches the result.
/// </summary>
[MemoryDiagnoser]
public class KeyBenchmarks
{
    private byte[] _masterKey = [];

    [Params(AuthProtocol.HmacSha1, AuthProtocol.HmacSha256)]
    public AuthProtocol Protocol { get; set; }

    [GlobalSetup]
    public void Setup() => _masterKey = UsmKeys.PasswordToKey(Protocol, Captures.AuthPassword);

    [Benchmark]
    public byte[] PasswordToKey() => UsmKeys.PasswordToKey(Protocol, Captures.AuthPassword);

    [Benchmark]
    public byte[] Localize() => UsmKeys.Localize(Protocol, _masterKey, Captures.EngineId);
}
