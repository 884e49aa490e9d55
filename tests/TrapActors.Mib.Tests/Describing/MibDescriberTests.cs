using TrapActors.Mib.Describing;
using Xunit;
using static TrapActors.Mib.Tests.Describing.SnmptrapdDescribingTests;

namespace TrapActors.Mib.Tests.Describing;

/// <summary>What <see cref="MibDescriber"/> adds and leaves out, its cache, its bound, many threads, and hostile input.</summary>
public sealed class MibDescriberTests(RealMibsFixture mibs) : IClassFixture<RealMibsFixture>
{
    private static readonly uint[] SnmpEnableAuthenTraps = Oid("1.3.6.1.2.1.11.30.0");
    private static readonly uint[] SysUpTime = Oid("1.3.6.1.2.1.1.3.0");
    private static readonly uint[] UsmUserSecurityName = Oid("1.3.6.1.6.3.15.1.2.2.1.3.2.128.0.1.97");

    [Fact]
    public void An_unknown_oid_has_no_name_and_no_other_field()
    {
        foreach (var describer in new[] { new MibDescriber(MibSet.Empty), mibs.Describer })
        {
            foreach (var description in new[]
                     {
                         describer.Describe([5, 1, 2], MibValueKind.Integer, 1),
                         describer.Describe([5, 1, 2], MibValueKind.OctetString, "abc"u8),
                         describer.Describe([]),
                     })
            {
                Assert.Null(description.Name);
                Assert.Null(description.Enum);
                Assert.Null(description.Bits);
                Assert.Null(description.Display);
            }
            Assert.Null(describer.NameOf([5, 1, 2]));
        }
    }

    [Fact]
    public void A_value_adds_only_what_its_syntax_gives()
    {
        var describer = mibs.Describer;
        var ticks = describer.Describe(SysUpTime, MibValueKind.TimeTicks, 12345);
        // With -m ALL, as net-snmp, the system group is named by RFC1213-MIB.
        Assert.Equal("RFC1213-MIB::sysUpTime.0", ticks.Name);
        Assert.True(ticks.Enum is null && ticks.Bits is null && ticks.Display is null);

        Assert.Equal("enabled", describer.Describe(SnmpEnableAuthenTraps, MibValueKind.Integer, 1).Enum);
        Assert.Null(describer.Describe(SnmpEnableAuthenTraps, MibValueKind.Integer, 7).Enum);
        Assert.Null(describer.Describe(SnmpEnableAuthenTraps, MibValueKind.Gauge32, 1).Enum);

        Assert.Equal("bob", describer.Describe(UsmUserSecurityName, MibValueKind.OctetString, "bob"u8).Display);
        Assert.Null(describer.Describe(UsmUserSecurityName, MibValueKind.Integer, 1).Display);
        Assert.Null(describer.Describe(UsmUserSecurityName, MibValueKind.Opaque, "bob"u8).Display);
    }

    [Fact]
    public void The_per_oid_part_is_computed_once_and_then_looked_up()
    {
        var describer = new MibDescriber(mibs.Set);
        var first = describer.Lookup(Oid("1.3.6.1.2.1.11.30.0"));
        var second = describer.Lookup(Oid("1.3.6.1.2.1.11.30.0"));
        Assert.Same(first, second);
        Assert.Equal(1, describer.CachedOids);
        Assert.Same(describer.Describe(SysUpTime), describer.Describe(SysUpTime, MibValueKind.TimeTicks, 1));
        Assert.Equal(2, describer.CachedOids);
    }

    [Fact]
    public void The_cache_stops_growing_at_its_bound_and_descriptions_stay_right()
    {
        var describer = new MibDescriber(mibs.Set, maxCachedOids: 3);
        for (uint i = 1; i <= 10; i++)
            Assert.Equal($"SNMPv2-MIB::sysORDescr.{i}", describer.Describe(Oid($"1.3.6.1.2.1.1.9.1.3.{i}"), MibValueKind.OctetString, "x"u8).Name);
        Assert.Equal(3, describer.CachedOids);
        Assert.NotSame(describer.Lookup(Oid("1.3.6.1.2.1.1.9.1.3.9")), describer.Lookup(Oid("1.3.6.1.2.1.1.9.1.3.9")));
        Assert.Same(describer.Lookup(Oid("1.3.6.1.2.1.1.9.1.3.1")), describer.Lookup(Oid("1.3.6.1.2.1.1.9.1.3.1")));
    }

    [Fact]
    public async Task Many_threads_at_once_get_the_same_answers_and_one_entry_per_oid()
    {
        var describer = new MibDescriber(mibs.Set);
        var oids = Enumerable.Range(1, 50).Select(i => Oid($"1.3.6.1.2.1.11.30.{i}")).ToArray();
        var expected = oids.Select(o => mibs.Set.Resolve(o).Name).ToArray();
        Assert.All(expected, name => Assert.EndsWith("::snmpEnableAuthenTraps." + name.Split('.')[^1], name));
        var seen = new MibOidDescription?[oids.Length];
        var wrong = 0;
        using var start = new ManualResetEventSlim();
        var workers = Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            start.Wait();
            for (var round = 0; round < 200; round++)
            {
                for (var i = 0; i < oids.Length; i++)
                {
                    var description = describer.Describe(oids[i], MibValueKind.Integer, 2);
                    if (description.Name != expected[i] || description.Enum != "disabled")
                        Interlocked.Increment(ref wrong);
                    var entry = describer.Lookup(oids[i]);
                    if (Interlocked.CompareExchange(ref seen[i], entry, null) is { } earlier && !ReferenceEquals(earlier, entry))
                        Interlocked.Increment(ref wrong);
                }
            }
        })).ToArray();
        start.Set();
        await Task.WhenAll(workers);
        Assert.Equal(0, wrong);
        Assert.Equal(oids.Length, describer.CachedOids);
    }

    [Fact]
    public void Hostile_input_never_throws()
    {
        var describer = new MibDescriber(mibs.Set);
        var huge = Enumerable.Repeat(uint.MaxValue, 10_000).ToArray();
        var bits = Oid("1.3.6.1.4.1.8072.1.2.1.1.5.0.4.1.3.6.1.127");
        var junkIndex = Oid("1.3.6.1.6.3.15.1.2.2.1.13.200.1.2");
        foreach (var oid in new[] { [], huge, bits, junkIndex, UsmUserSecurityName, SnmpEnableAuthenTraps, new uint[] { 0 } })
        {
            foreach (var kind in Enum.GetValues<MibValueKind>())
            {
                _ = describer.Describe(oid, kind, long.MinValue);
                _ = describer.Describe(oid, kind, long.MaxValue);
                _ = describer.Describe(oid, kind, ulong.MaxValue);
                _ = describer.Describe(oid, kind, new byte[70_000]);
                _ = describer.Describe(oid, kind, ReadOnlySpan<byte>.Empty);
            }
            _ = describer.NameOf(oid);
        }
        Assert.Equal(["getAndGetNext", "getBulk", "7", "15"], describer.Describe(bits, MibValueKind.OctetString, [0xa1, 0x01]).Bits);
        Assert.Empty(describer.Describe(bits, MibValueKind.OctetString, []).Bits!);
    }
}
