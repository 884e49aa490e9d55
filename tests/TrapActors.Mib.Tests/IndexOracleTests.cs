using Xunit;

namespace TrapActors.Mib.Tests;

/// <summary>
/// Instances of tables whose INDEX the installed modules have no example of (fixed-size strings, InetAddressType and
/// InetAddress, IMPLIED after an integer, an OID followed by an integer), in Modules/Index/INDEX-TEST-MIB.txt, printed
/// as snmptranslate -m ALL -OS prints them with the installed modules and that one.
/// </summary>
public sealed class IndexOracleTests
{
    private const string Base = ".1.3.6.1.4.1.99991";
    private static readonly IReadOnlyList<string> Directories =
        [.. SnmpTranslate.MibDirectories(), Path.Combine(AppContext.BaseDirectory, "Modules", "Index")];
    private static readonly Lazy<MibSet> Set = new(() => MibLoader.Load(Directories));

    [Theory]
    [InlineData(Base + ".1.1.3.97.98.99.100.0.17.34.51.68.85")] // fixedValue: SIZE (4), then MacAddress (SIZE (6)): no lengths, single quotes
    [InlineData(Base + ".1.1.3.97.98.99.100.0.17.34")] // the MacAddress runs short: numbers
    [InlineData(Base + ".1.1.3.97.98.1.100.255.17.34.51.68.127")] // unprintable sub-identifiers (and 255): dots
    [InlineData(Base + ".2.1.4.1.4.10.0.0.1.161")] // inetValue: ipv4 "10.0.0.1", then the port
    [InlineData(Base + ".2.1.4.2.16.254.128.0.0.0.0.0.0.0.0.0.0.0.0.0.1.162")] // ipv6: sixteen hex bytes with colons
    [InlineData(Base + ".2.1.4.3.8.10.0.0.1.0.0.0.5.99")] // ipv4z with its zone
    [InlineData(Base + ".2.1.4.4.20.254.128.0.0.0.0.0.0.0.0.0.0.0.0.0.1.0.0.1.0.7")] // ipv6z with its zone
    [InlineData(Base + ".2.1.4.16.4.104.111.115.116.80")] // dns: a string
    [InlineData(Base + ".2.1.4.0.0.7")] // unknown, empty: ""
    [InlineData(Base + ".2.1.4.1.3.10.0.0.9")] // ipv4 of the wrong length: a string
    [InlineData(Base + ".2.1.4.2.4.10.0.255.1.9")] // ipv6 of the wrong length: a string
    [InlineData(Base + ".2.1.4.1.4.10.0.0")] // runs short: numbers
    [InlineData(Base + ".3.1.3.7.97.98.99")] // impliedValue: an integer, then IMPLIED 'abc'
    [InlineData(Base + ".3.1.3.7")] // nothing left for the IMPLIED string
    [InlineData(Base + ".4.1.4.4.10.0.0.1.2.1.3.5")] // plainValue: an InetAddress with no InetAddressType before it, an OID, an integer
    [InlineData(".1.3.6.1.2.1.3.1.1.1.2.1.10.0.0.1")] // atIfIndex: v1 NetworkAddress, its type 1 and the address
    [InlineData(".1.3.6.1.2.1.3.1.1.1.2.2.10.0.0.1")] // NetworkAddress of an unknown type
    [InlineData(".1.3.6.1.6.3.15.1.2.2.1.13.5.128.0.0.0.1.3.97.98.99")] // usmUserStatus: engine ID and user name
    [InlineData(".1.3.6.1.6.3.16.1.4.1.9.2.103.49.0.3.1")] // vacmAccessStatus: an empty string between others
    [InlineData(".1.3.6.1.6.3.18.1.1.1.8.3.1.2.3")] // snmpCommunityStatus: IMPLIED, unprintable
    public void Instances_are_printed_as_net_snmp_prints_them(string oid)
    {
        Assert.True(File.Exists(SnmpTranslate.Tool), "snmptranslate is missing: run bash .ci/run (it installs snmp)");
        Assert.Equal(SnmpTranslate.Names(Directories, [oid]).Single(), Set.Value.Resolve(oid)!.Name);
    }
}
