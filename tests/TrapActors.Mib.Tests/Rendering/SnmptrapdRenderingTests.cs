using System.Globalization;
using TrapActors.Mib.Rendering;
using Xunit;

namespace TrapActors.Mib.Tests.Rendering;

/// <summary>
/// net-snmp as the oracle: one trap carrying a value for every display hint, the enumeration and BITS of
/// <see cref="HintTestMib"/>, printed by snmptrapd with that module loaded; our rendering of the same bytes with the same
/// hint must equal what it printed. The only normalisation: snmptrapd's <c>MODULE::name.0 = </c> and the type prefix
/// (<c>STRING: </c>, <c>INTEGER: </c>, <c>BITS: </c>) are removed after checking them.
/// Not sent: values whose rendering depends on net-snmp reading past the end of the value or on its BITS name-lookup
/// quirk (docs/decisions/0043-display-hints.md); the unit tests pin our behaviour there.
/// </summary>
public sealed class SnmptrapdRenderingTests
{
    private sealed record Case(string Name, int Arc, char Type, string Sent, string Prefix, Func<string> Render);

    [Fact]
    public async Task Every_hint_enumeration_and_bits_value_renders_as_snmptrapd_prints_it()
    {
        var cases = new List<Case>();
        void Octets(string name, string hex)
        {
            var (_, arc, _, hint, _) = HintTestMib.Hinted.Single(h => h.Name == name);
            Assert.True(OctetStringDisplayHint.TryParse(hint, out var compiled), hint);
            cases.Add(new Case(name, arc, 'x', hex, "STRING: ", () => compiled!.Format(Convert.FromHexString(hex))));
        }
        void Integer(string name, long value, char type = 'i', string prefix = "INTEGER: ")
        {
            var (_, arc, _, hint, _) = HintTestMib.Hinted.Single(h => h.Name == name);
            Assert.True(IntegerDisplayHint.TryParse(hint, out var compiled), hint);
            cases.Add(new Case(name, arc, type, value.ToString(CultureInfo.InvariantCulture), prefix, () => compiled!.Render(value)));
        }
        void Enum(long value) => cases.Add(new Case("htEnum", HintTestMib.EnumArc, 'i', value.ToString(CultureInfo.InvariantCulture), "INTEGER: ",
            () => EnumeratedInteger.Render(value, HintTestMib.EnumLabels)));
        void Bits(string hex) => cases.Add(new Case("htBits", HintTestMib.BitsArc, 'x', hex, "BITS: ",
            () => BitsValue.Render(Convert.FromHexString(hex), HintTestMib.BitNames)));

        Octets("htMac", "001a2b3c4d5e");
        Octets("htMac", "");
        Octets("htText", "68656c6c6f20776f726c64");
        Octets("htText", "610a62ff00");
        Octets("htText", "41097e7f");
        Octets("htUtf8", "68c3a9e282ac");
        Octets("htDate", "07e8030f0d2d1e002b0100");
        Octets("htDate", "07c8051a0d1e0f002d0400");
        Octets("htDate", "07e8030f0d2d1e00");
        Octets("htIpv4", "c0a80001");
        Octets("htIpv6", "20010db8000000000000000000000001");
        Octets("htStar", "03aabbcc");
        Octets("htStar", "00aabb");
        Octets("htStar", "02aabbccdd");
        Octets("htSpace", "0102ff");
        Octets("htGroup", "020102020304");
        Octets("htMixed", "0a09aabbccdd");
        foreach (var value in new long[] { 1234, 5, -5, 0, 100, -1234, int.MaxValue, int.MinValue })
            Integer("htCent", value);
        Integer("htDec", -5);
        Integer("htHex", 255);
        Integer("htHex", -1);
        Integer("htOct", 8);
        Integer("htOct", -8);
        Integer("htBin", 5);
        Integer("htBin", -1);
        Integer("htGaugeCent", uint.MaxValue, 'u', "Gauge32: ");
        Integer("htGaugeCent", 7, 'u', "Gauge32: ");
        Integer("htGaugeHex", uint.MaxValue, 'u', "Gauge32: ");
        foreach (var value in new long[] { 3, 1, 7, 0 })
            Enum(value);
        Bits("8040");
        Bits("");
        Bits("20");
        Bits("c040");
        Bits("00000000000000000000000000000001");
        Bits("8000000000000000000000000000000001");

        var printed = await NetSnmpOracle.PrintAsync(
            cases.Select(c => ($"{HintTestMib.ObjectsOid}.{c.Arc}.0", c.Type, c.Sent)).ToList());

        var mismatches = new List<string>();
        for (var i = 0; i < cases.Count; i++)
        {
            var c = cases[i];
            var head = $"{HintTestMib.ModuleName}::{c.Name}.0 = {c.Prefix}";
            var ours = c.Render();
            if (!printed[i].StartsWith(head, StringComparison.Ordinal) || printed[i][head.Length..] != ours)
                mismatches.Add($"{c.Name} {c.Type} {c.Sent}: snmptrapd [{printed[i]}], ours [{head}{ours}]");
        }
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }
}
