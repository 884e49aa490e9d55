using TrapActors.Snmp.Messages;
using Xunit;

namespace TrapActors.Snmp.Tests;

public class OidTests
{
    [Theory]
    [InlineData("1.3.6.1.2.1.1.3.0", new uint[] { 1, 3, 6, 1, 2, 1, 1, 3, 0 })]
    [InlineData(".1.3.6.1", new uint[] { 1, 3, 6, 1 })]
    [InlineData("0", new uint[] { 0 })]
    [InlineData("0.0", new uint[] { 0, 0 })]
    [InlineData("2.999.1", new uint[] { 2, 999, 1 })]
    [InlineData("1.3.6.1.4.1.4294967295", new uint[] { 1, 3, 6, 1, 4, 1, 4294967295 })]
    [InlineData("  1.3.6  ", new uint[] { 1, 3, 6 })]
    [InlineData("1.03", new uint[] { 1, 3 })]
    public void Parse_reads_dotted_decimal(string text, uint[] arcs)
    {
        var oid = Oid.Parse(text);

        Assert.Equal(arcs, oid.Arcs.ToArray());
        Assert.Equal(arcs.Length, oid.Length);
        Assert.False(oid.IsEmpty);
        Assert.True(Oid.TryParse(text, out var parsed));
        Assert.Equal(oid, parsed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("1..3")]
    [InlineData("1.3.")]
    [InlineData("1.3.6.a")]
    [InlineData("iso.3.6")]
    [InlineData("1.3.-6")]
    [InlineData("1.3.+6")]
    [InlineData("1,3,6")]
    [InlineData("1.3 .6")]
    [InlineData("1.3.6.4294967296")]
    [InlineData("1.99999999999999999999")]
    [InlineData("0x1.3")]
    public void TryParse_rejects_garbage_and_overflow(string? text)
    {
        Assert.False(Oid.TryParse(text, out var oid));
        Assert.True(oid.IsEmpty);
        Assert.Equal(default, oid);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1.3.6.4294967296")]
    [InlineData("abc")]
    public void Parse_throws_FormatException_on_invalid_text(string text)
    {
        var ex = Assert.Throws<FormatException>(() => Oid.Parse(text));
        Assert.Contains("OID", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1.3.6.1.2.1.1.3.0", "1.3.6.1.2.1.1.3.0")]
    [InlineData(".1.3.6", "1.3.6")]
    [InlineData("0", "0")]
    [InlineData("1.3.6.1.4.1.4294967295.0", "1.3.6.1.4.1.4294967295.0")]
    [InlineData("1.003.06", "1.3.6")]
    public void ToString_is_dotted_decimal_without_leading_dot(string text, string expected)
    {
        Assert.Equal(expected, Oid.Parse(text).ToString());
    }

    [Fact]
    public void Default_and_empty_oids_are_empty_and_equal()
    {
        var fromEmptyArray = new Oid(Array.Empty<uint>());

        Assert.True(default(Oid).IsEmpty);
        Assert.Equal(0, default(Oid).Length);
        Assert.Equal(string.Empty, default(Oid).ToString());
        Assert.True(fromEmptyArray.IsEmpty);
        Assert.Equal(default, fromEmptyArray);
        Assert.True(default(Oid) == fromEmptyArray);
        Assert.Equal(default(Oid).GetHashCode(), fromEmptyArray.GetHashCode());
    }

    [Fact]
    public void Constructor_copies_the_array()
    {
        uint[] arcs = [1, 3, 6];
        var oid = new Oid(arcs);

        arcs[2] = 99;

        Assert.Equal("1.3.6", oid.ToString());
        Assert.Equal(6u, oid[2]);
    }

    [Fact]
    public void Append_adds_arcs_and_leaves_the_original_alone()
    {
        var prefix = Oid.Parse("1.3.6");

        var longer = prefix.Append(1, 4294967295);

        Assert.Equal("1.3.6.1.4294967295", longer.ToString());
        Assert.Equal("1.3.6", prefix.ToString());
        Assert.True(longer.StartsWith(prefix));
    }

    [Theory]
    [InlineData("1.3.6.1.2.1.1.3.0", "1.3.6.1.2.1", true)]
    [InlineData("1.3.6.1", "1.3.6.1", true)]
    [InlineData("1.3.6.1", "", true)]
    [InlineData("1.3.6.1", "1.3.6.1.2", false)]
    [InlineData("1.3.6.1", "1.3.6.2", false)]
    [InlineData("1.3.6.10", "1.3.6.1", false)] // arc-wise, not textual
    [InlineData("1.3.6.1", "1.3.7", false)]
    public void StartsWith_compares_whole_arcs(string oid, string prefix, bool expected)
    {
        var p = prefix.Length == 0 ? default : Oid.Parse(prefix);

        Assert.Equal(expected, Oid.Parse(oid).StartsWith(p));
    }

    [Fact]
    public void Equality_and_hash_follow_the_arcs()
    {
        var a = Oid.Parse("1.3.6.1.6.3.1.1.5.3");
        var b = new Oid(1, 3, 6, 1, 6, 3, 1, 1, 5, 3);
        var c = Oid.Parse("1.3.6.1.6.3.1.1.5.4");
        var d = Oid.Parse("1.3.6.1.6.3.1.1.5");

        Assert.True(a == b);
        Assert.False(a != b);
        Assert.True(a.Equals(b));
        Assert.True(a.Equals((object)b));
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.True(a != c);
        Assert.NotEqual(a, d);
        Assert.False(a.Equals("1.3.6.1.6.3.1.1.5.3"));
        Assert.False(a.Equals(null));

        var set = new HashSet<Oid> { a, b, c, d };
        Assert.Equal(3, set.Count);
        Assert.Contains(Oid.Parse(".1.3.6.1.6.3.1.1.5.3"), set);
    }

    [Theory]
    [InlineData("1.3.6", "1.3.6", 0)]
    [InlineData("1.3", "1.3.6", -1)] // a prefix sorts first
    [InlineData("1.3.6", "1.4", -1)]
    [InlineData("1.10", "1.9", 1)] // numeric, not lexical
    [InlineData("2", "1.3.6.1.2", 1)]
    [InlineData("1.4294967295", "1.1", 1)] // unsigned
    [InlineData("0.0", "0", 1)]
    public void CompareTo_orders_arc_by_arc(string left, string right, int sign)
    {
        var l = Oid.Parse(left);
        var r = Oid.Parse(right);

        Assert.Equal(sign, Math.Sign(l.CompareTo(r)));
        Assert.Equal(-sign, Math.Sign(r.CompareTo(l)));
    }

    [Fact]
    public void Sorting_gives_mib_walk_order()
    {
        var oids = new[] { "1.3.6.1.2.1.2", "1.3.6.1.2.1.10", "1.3.6.1.2.1.1.3.0", "1.3.6.1.2.1.1", "1.3.6.1" }
            .Select(Oid.Parse)
            .Order()
            .Select(o => o.ToString())
            .ToArray();

        Assert.Equal(new[] { "1.3.6.1", "1.3.6.1.2.1.1", "1.3.6.1.2.1.1.3.0", "1.3.6.1.2.1.2", "1.3.6.1.2.1.10" }, oids);
    }

    [Fact]
    public void Well_known_oids_have_their_standard_values()
    {
        Assert.Equal("1.3.6.1.2.1.1.3.0", WellKnownOids.SysUpTime0.ToString());
        Assert.Equal("1.3.6.1.6.3.1.1.4.1.0", WellKnownOids.SnmpTrapOid0.ToString());
        Assert.Equal("1.3.6.1.6.3.1.1.4.3.0", WellKnownOids.SnmpTrapEnterprise0.ToString());
        Assert.Equal("1.3.6.1.6.3.18.1.3.0", WellKnownOids.SnmpTrapAddress0.ToString());
        Assert.Equal("1.3.6.1.6.3.18.1.4.0", WellKnownOids.SnmpTrapCommunity0.ToString());
        Assert.True(Oid.Parse("1.3.6.1.6.3.1.1.5.3").StartsWith(WellKnownOids.SnmpTraps));
    }
}
