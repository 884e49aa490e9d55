using Xunit;

namespace TrapActors.Mib.Tests;

/// <summary>What the renderer gets from real modules: enumerations, textual conventions and their DISPLAY-HINT.</summary>
public sealed class RealModuleSyntaxTests
{
    private static readonly Lazy<MibSet> Set = new(() => MibLoader.Load(SnmpTranslate.MibDirectories()));

    private static MibSyntax Syntax(string name) =>
        Assert.IsType<MibObject>(Set.Value.Find(name), exactMatch: true).Syntax;

    [Fact]
    public void Textual_conventions_give_their_base_type_enumerations_and_hint()
    {
        var status = Syntax("SNMP-USER-BASED-SM-MIB::usmUserStatus");
        Assert.Equal((MibBaseType.Integer, "RowStatus", "active", "destroy"),
            (status.BaseType, status.TextualConvention, status.Enumerations[1], status.Enumerations[6]));
        var name = Syntax("SNMP-USER-BASED-SM-MIB::usmUserName");
        Assert.Equal((MibBaseType.OctetString, "SnmpAdminString", "255a"), (name.BaseType, name.TextualConvention, name.DisplayHint));
        Assert.Equal([new MibRange(1, 32)], name.Sizes);
        var traps = Syntax("SNMPv2-MIB::snmpEnableAuthenTraps");
        Assert.Equal(["enabled", "disabled"], traps.Enumerations.OrderBy(e => e.Key).Select(e => e.Value));
        Assert.Equal(MibBaseType.TimeTicks, Syntax("SNMPv2-MIB::sysUpTime").BaseType);
    }

    [Fact]
    public void Notifications_give_their_objects_and_the_problems_of_the_installed_modules_are_each_reported_once()
    {
        var coldStart = Set.Value.FindByOid([1, 3, 6, 1, 6, 3, 1, 1, 5, 1])!;
        Assert.Equal(("coldStart", MibObjectKind.Notification), (coldStart.Name, coldStart.Kind));
        var heartbeat = Set.Value.Find("NET-SNMP-EXAMPLES-MIB::netSnmpExampleHeartbeatNotification")!;
        Assert.Equal((MibObjectKind.Notification, "netSnmpExampleHeartbeatRate"), (heartbeat.Kind, Assert.Single(heartbeat.Objects)));
        Assert.Equal(Set.Value.Problems.Count, Set.Value.Problems.Select(p => p.ToString()).Distinct().Count());
        Assert.Single(Set.Value.Problems, p => p.Message.Contains("CounterBasedGauge64", StringComparison.Ordinal));
    }
}
