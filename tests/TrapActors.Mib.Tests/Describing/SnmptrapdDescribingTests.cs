using System.Globalization;
using TrapActors.Mib.Describing;
using TrapActors.Mib.Rendering;
using TrapActors.Mib.Tests.Rendering;
using Xunit;

namespace TrapActors.Mib.Tests.Describing;

/// <summary>
/// net-snmp as the oracle: one SNMPv2c coldStart trap carrying varbinds of real objects (an enumeration, a RowStatus
/// column with an index, SnmpAdminString values, a DisplayString without a hint, a BITS object, an OCTET STRING without a hint and
/// an OID-valued varbind), printed by snmptrapd with every module loaded (<c>-m ALL</c>); our description of each
/// varbind, written the way snmptrapd writes <c>NAME = TYPE: VALUE</c>, must equal what it printed.
/// No object in these modules has the DateAndTime or MacAddress convention; SnmptrapdRenderingTests covers those hints.
/// </summary>
public sealed class SnmptrapdDescribingTests(RealMibsFixture mibs) : IClassFixture<RealMibsFixture>
{
    private const string ColdStart = "1.3.6.1.6.3.1.1.5.1";
    private const string UsmUserEntry = "1.3.6.1.6.3.15.1.2.2.1";

    // usmUserEntry's INDEX { usmUserEngineID, usmUserName }: engine 80 00 1f 88 04 'a' 'b' 'c', user "alice".
    private const string UsmIndex = "8.128.0.31.136.4.97.98.99.5.97.108.105.99.101";

    private sealed record Case(string Oid, char Type, string Sent, Func<MibDescription, string> Ours, MibDescription Described);

    [Fact]
    public async Task Names_and_values_are_described_as_snmptrapd_prints_them()
    {
        var describer = mibs.Describer;
        var cases = new List<Case>();
        void Integer(string oid, long value, Func<MibDescription, string> ours) =>
            cases.Add(new Case(oid, 'i', value.ToString(CultureInfo.InvariantCulture), ours, describer.Describe(Oid(oid), MibValueKind.Integer, value)));
        void Octets(string oid, string hex, Func<MibDescription, string> ours) =>
            cases.Add(new Case(oid, 'x', hex, ours, describer.Describe(Oid(oid), MibValueKind.OctetString, Convert.FromHexString(hex))));

        Integer("1.3.6.1.2.1.11.30.0", 1, d => $"{d.Name} = INTEGER: {d.Enum}(1)");
        Integer("1.3.6.1.2.1.11.30.0", 2, d => $"{d.Name} = INTEGER: {d.Enum}(2)");
        Integer($"{UsmUserEntry}.13.{UsmIndex}", 4, d => $"{d.Name} = INTEGER: {d.Enum}(4)");
        Octets($"{UsmUserEntry}.3.{UsmIndex}", "616c696365", d => $"{d.Name} = STRING: {d.Display}");
        Octets($"{UsmUserEntry}.3.{UsmIndex}", "616c69c3a9", d => $"{d.Name} = STRING: {d.Display}");
        // With -m ALL both net-snmp and we name it RFC1213-MIB::sysDescr, whose DisplayString (SMIv1) has no hint:
        // snmptrapd quotes the text, we render nothing.
        Octets("1.3.6.1.2.1.1.1.0", "4c696e7578206b65726e656c", d => d.Display is null
            ? $"{d.Name} = STRING: \"Linux kernel\"" : "a rendering where there is no hint");
        // nsModuleModes BITS { getAndGetNext(0), set(1), getBulk(2) }, INDEX { "", 1.3.6.1, 127 }.
        Octets("1.3.6.1.4.1.8072.1.2.1.1.5.0.4.1.3.6.1.127", "a0", d => $"{d.Name} = BITS: A0 " + string.Concat(
            d.Bits!.Zip(BitsValue.SetBits([0xa0])).Select(b => $"{b.First}({b.Second}) ")));
        // SnmpEngineID has no DISPLAY-HINT: snmptrapd shows hexadecimal, we show nothing beyond the name.
        Octets("1.3.6.1.6.3.10.2.1.1.0", "80001f880461626364", d => d.Display is null && d.Enum is null && d.Bits is null
            ? $"{d.Name} = Hex-STRING: 80 00 1F 88 04 61 62 63 64 " : "a rendering where there is no hint");
        cases.Add(new Case("1.3.6.1.2.1.1.2.0", 'o', ColdStart, d => $"{d.Name} = OID: {describer.NameOf(Oid(ColdStart))}",
            describer.Describe(Oid("1.3.6.1.2.1.1.2.0"))));

        var printed = await NetSnmpOracle.PrintAsync(cases.Select(c => (c.Oid, c.Type, c.Sent)).ToList(), MibLoader.All, ColdStart);

        var mismatches = new List<string>();
        for (var i = 0; i < cases.Count; i++)
        {
            var ours = cases[i].Ours(cases[i].Described);
            if (printed[i].TrimEnd('\n') != ours.TrimEnd('\n'))
                mismatches.Add($"{cases[i].Oid} {cases[i].Type} {cases[i].Sent}:\n  snmptrapd [{printed[i]}]\n  ours      [{ours}]");
        }
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
        Assert.Equal("SNMPv2-MIB::coldStart", describer.NameOf(Oid(ColdStart)));
    }

    internal static uint[] Oid(string dotted) =>
        [.. dotted.Split('.').Select(s => uint.Parse(s, CultureInfo.InvariantCulture))];
}
