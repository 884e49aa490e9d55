using System.Net;
using Akka.Configuration;
using TrapActors.Security;
using TrapActors.Snmp.Messages;
using Xunit;

namespace TrapActors.Tests.Security;

/// <summary>trap-actors.access: snmptrapd-like rules by trap-OID subtree, sender and minimum security level.</summary>
public sealed class NotificationAccessTests
{
    private const string Cisco = "1.3.6.1.4.1.9";
    private const string CiscoTrap = "1.3.6.1.4.1.9.9.41.2.0.1";
    private const string LinkDown = "1.3.6.1.6.3.1.1.5.3";

    private static NotificationAccess Access(string hocon) =>
        NotificationAccess.FromSettings(NotificationAccessSettings.Read(ConfigurationFactory.ParseString(hocon)));

    private static SnmpNotification V3(string trapOid, string user, SecurityLevel level) =>
        Notification(trapOid, new NotificationOrigin(new IPEndPoint(IPAddress.Loopback, 1000), "udp", SnmpVersion.V3, level) { User = user });

    private static SnmpNotification V2c(string trapOid) =>
        Notification(trapOid, new NotificationOrigin(new IPEndPoint(IPAddress.Loopback, 1000), "udp", SnmpVersion.V2c, SecurityLevel.NoAuthNoPriv) { Community = "public" });

    private static SnmpNotification Notification(string trapOid, NotificationOrigin origin) =>
        new(NotificationKind.Trap, trapOid.Length == 0 ? default : Oid.Parse(trapOid), 0, [], origin, DateTimeOffset.UnixEpoch);

    [Fact]
    public void Without_rules_everything_is_allowed()
    {
        var access = Access("");

        Assert.Same(NotificationAccess.AllowAll, access);
        Assert.True(access.IsAllowed(V2c(LinkDown), out var reason));
        Assert.Equal(NotificationAccess.AllowedWithoutRules, reason);
        Assert.True(access.IsAllowed(V3(CiscoTrap, "noc", SecurityLevel.NoAuthNoPriv), out _));
    }

    [Fact]
    public void With_rules_a_trap_oid_no_rule_covers_is_denied()
    {
        var access = Access($$"""trap-actors.access.rules = [ { trap-oid = "{{Cisco}}", minimum-security-level = noAuthNoPriv } ]""");

        Assert.True(access.IsAllowed(V2c(CiscoTrap), out _));
        Assert.False(access.IsAllowed(V2c(LinkDown), out var reason));
        Assert.Equal(NotificationAccess.NoRuleCovers, reason);
        Assert.False(access.IsAllowed(V2c(""), out _));
    }

    [Fact]
    public void The_subtree_is_matched_by_whole_arcs_not_by_text()
    {
        var access = Access("""trap-actors.access.rules = [ { trap-oid = "1.3.6.1.4.1.9", minimum-security-level = noAuthNoPriv } ]""");

        Assert.True(access.IsAllowed(V2c("1.3.6.1.4.1.9"), out _));
        Assert.True(access.IsAllowed(V2c("1.3.6.1.4.1.9.1"), out _));
        Assert.False(access.IsAllowed(V2c("1.3.6.1.4.1.99.1"), out _));
        Assert.False(access.IsAllowed(V2c("1.3.6.1.4.1"), out _));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_longest_matching_subtree_wins_in_whatever_order_the_rules_are_written(bool specificFirst)
    {
        var everything = """{ trap-oid = "", minimum-security-level = noAuthNoPriv }""";
        var cisco = $$"""{ trap-oid = "{{Cisco}}", minimum-security-level = authPriv }""";
        var access = Access($"trap-actors.access.rules = [ {(specificFirst ? cisco : everything)}, {(specificFirst ? everything : cisco)} ]");

        Assert.True(access.IsAllowed(V2c(LinkDown), out _));
        Assert.False(access.IsAllowed(V2c(CiscoTrap), out var reason));
        Assert.Contains($"rules[{(specificFirst ? 0 : 1)}]", reason);
        Assert.Contains(Cisco, reason);
        Assert.False(access.IsAllowed(V3(CiscoTrap, "noc", SecurityLevel.AuthNoPriv), out _));
        Assert.True(access.IsAllowed(V3(CiscoTrap, "noc", SecurityLevel.AuthPriv), out _));
    }

    [Fact]
    public void A_user_rule_applies_to_that_v3_user_only_and_beats_a_general_rule_of_the_same_subtree()
    {
        var access = Access($$"""
            trap-actors.access.rules = [
              { trap-oid = "{{Cisco}}", minimum-security-level = authPriv }
              { trap-oid = "{{Cisco}}", minimum-security-level = authNoPriv, user = "legacy" }
            ]
            """);

        Assert.True(access.IsAllowed(V3(CiscoTrap, "legacy", SecurityLevel.AuthNoPriv), out var reason));
        Assert.Contains("legacy", reason);
        Assert.False(access.IsAllowed(V3(CiscoTrap, "legacy", SecurityLevel.NoAuthNoPriv), out _));
        Assert.False(access.IsAllowed(V3(CiscoTrap, "noc", SecurityLevel.AuthNoPriv), out _));
        Assert.True(access.IsAllowed(V3(CiscoTrap, "noc", SecurityLevel.AuthPriv), out _));
        Assert.False(access.IsAllowed(V3(CiscoTrap, "Legacy", SecurityLevel.AuthNoPriv), out _));
    }

    [Fact]
    public void A_user_rule_does_not_open_anything_to_community_messages_or_other_users()
    {
        var access = Access("""trap-actors.access.rules = [ { trap-oid = "", minimum-security-level = noAuthNoPriv, user = "noc" } ]""");

        Assert.True(access.IsAllowed(V3(LinkDown, "noc", SecurityLevel.NoAuthNoPriv), out _));
        Assert.False(access.IsAllowed(V3(LinkDown, "other", SecurityLevel.AuthPriv), out _));
        Assert.False(access.IsAllowed(V2c(LinkDown), out var reason));
        Assert.Equal(NotificationAccess.NoRuleCovers, reason);
    }

    [Fact]
    public void A_community_based_rule_applies_to_v1_and_v2c_only()
    {
        var access = Access($$"""
            trap-actors.access.rules = [
              { trap-oid = "{{LinkDown}}", minimum-security-level = noAuthNoPriv, community-based = on }
            ]
            """);

        Assert.True(access.IsAllowed(V2c(LinkDown), out _));
        Assert.False(access.IsAllowed(V3(LinkDown, "noc", SecurityLevel.AuthPriv), out _));
    }

    [Fact]
    public void A_community_based_rule_that_asks_for_authentication_shuts_communities_out_of_a_subtree()
    {
        var access = Access($$"""
            trap-actors.access.rules = [
              { trap-oid = "", minimum-security-level = noAuthNoPriv }
              { trap-oid = "{{Cisco}}", minimum-security-level = authNoPriv, community-based = on }
            ]
            """);

        Assert.False(access.IsAllowed(V2c(CiscoTrap), out _));
        Assert.True(access.IsAllowed(V2c(LinkDown), out _));
        Assert.True(access.IsAllowed(V3(CiscoTrap, "noc", SecurityLevel.NoAuthNoPriv), out _));
    }

    [Fact]
    public void A_user_minimum_level_holds_whatever_rule_matches_and_without_rules()
    {
        var withRules = Access("""
            trap-actors.access {
              rules = [ { trap-oid = "", minimum-security-level = noAuthNoPriv } ]
              user-minimum-levels = [ { user = "noc", minimum-security-level = authPriv } ]
            }
            """);
        var floorsOnly = Access("""trap-actors.access.user-minimum-levels = [ { user = "noc", minimum-security-level = auth-priv } ]""");

        foreach (var access in new[] { withRules, floorsOnly })
        {
            Assert.False(access.IsAllowed(V3(LinkDown, "noc", SecurityLevel.AuthNoPriv), out var reason));
            Assert.Contains("noc", reason);
            Assert.True(access.IsAllowed(V3(LinkDown, "noc", SecurityLevel.AuthPriv), out _));
            Assert.True(access.IsAllowed(V3(LinkDown, "other", SecurityLevel.NoAuthNoPriv), out _));
            Assert.True(access.IsAllowed(V2c(LinkDown), out _));
        }
    }

    [Fact]
    public void Deciding_allocates_nothing()
    {
        var access = Access($$"""
            trap-actors.access {
              rules = [
                { trap-oid = "", minimum-security-level = noAuthNoPriv }
                { trap-oid = "{{Cisco}}", minimum-security-level = authPriv }
                { trap-oid = "{{Cisco}}", minimum-security-level = authNoPriv, user = "legacy" }
              ]
              user-minimum-levels = [ { user = "noc", minimum-security-level = authNoPriv } ]
            }
            """);
        SnmpNotification[] notifications =
        [
            V2c(LinkDown), V2c(CiscoTrap), V3(CiscoTrap, "legacy", SecurityLevel.AuthNoPriv),
            V3(CiscoTrap, "noc", SecurityLevel.AuthPriv), V3(LinkDown, "noc", SecurityLevel.NoAuthNoPriv),
        ];
        var allowed = 0;
        foreach (var n in notifications)
            allowed += access.IsAllowed(n, out _) ? 1 : 0;

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            foreach (var n in notifications)
                allowed += access.IsAllowed(n, out _) ? 1 : 0;
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(3 * 1001, allowed);
    }
}

/// <summary>Reading trap-actors.access: every bad value is a ConfigurationException naming the full key.</summary>
public sealed class NotificationAccessSettingsTests
{
    private static NotificationAccessSettings Read(string hocon) => NotificationAccessSettings.Read(ConfigurationFactory.ParseString(hocon));

    [Fact]
    public void A_missing_section_reads_as_no_rules()
    {
        Assert.True(Read("").IsEmpty);
        Assert.True(Read("trap-actors.access { rules = [], user-minimum-levels = [] }").IsEmpty);
        Assert.True(Read("trap-actors.listener.max-in-flight = 5").IsEmpty);
        Assert.True(Read("trap-actors.access.rules = []").IsEmpty);
    }

    [Fact]
    public void Rules_and_user_minimum_levels_are_read_in_either_spelling()
    {
        var settings = Read("""
            trap-actors.access {
              rules = [
                { trap-oid = "1.3.6.1.4.1.9", minimum-security-level = authPriv, user = "noc" }
                { trap-oid = ".1.3.6.1.6.3.1.1.5", minimum-security-level = "no-auth-no-priv", community-based = on }
                { minimum-security-level = AUTHNOPRIV }
              ]
              user-minimum-levels = [ { user = "ops", minimum-security-level = auth-no-priv } ]
            }
            """);

        Assert.Equal(3, settings.Rules.Length);
        Assert.Equal(new NotificationAccessRule(Oid.Parse("1.3.6.1.4.1.9"), SecurityLevel.AuthPriv) { User = "noc" }, settings.Rules[0]);
        Assert.Equal(new NotificationAccessRule(Oid.Parse("1.3.6.1.6.3.1.1.5"), SecurityLevel.NoAuthNoPriv) { CommunityBased = true }, settings.Rules[1]);
        Assert.Equal(new NotificationAccessRule(default, SecurityLevel.AuthNoPriv), settings.Rules[2]);
        Assert.Equal(new UserMinimumLevel("ops", SecurityLevel.AuthNoPriv), Assert.Single(settings.UserMinimumLevels));
    }

    [Theory]
    [InlineData("rules = [ { trap-oid = \"1.3.x\", minimum-security-level = authPriv } ]", "trap-actors.access.rules[0].trap-oid", "'1.3.x'")]
    [InlineData("rules = [ { trap-oid = \"1.3\", minimum-security-level = authPriv }, { trap-oid = \"1.3\", minimum-security-level = high } ]", "trap-actors.access.rules[1].minimum-security-level", "'high'")]
    [InlineData("rules = [ { trap-oid = \"1.3\" } ]", "trap-actors.access.rules[0].minimum-security-level", "is required")]
    [InlineData("rules = [ { minimum-security-level = authPriv, user = \"noc\", community-based = on } ]", "trap-actors.access.rules[0].user", "not both")]
    [InlineData("rules = [ { minimum-security-level = authPriv, user = \"\" } ]", "trap-actors.access.rules[0].user", "must not be empty")]
    [InlineData("rules = [ { minimum-security-level = authPriv, community-based = maybe } ]", "trap-actors.access.rules[0].community-based", "'maybe'")]
    [InlineData("rules = [ { minimum-security-level = authPriv }, { minimum-security-level = noAuthNoPriv } ]", "trap-actors.access.rules[1]", "repeats")]
    [InlineData("rules = [ { minimum-security-level = authPriv, user = [\"a\"] } ]", "trap-actors.access.rules[0].user", "must be a string")]
    [InlineData("rules = [ \"1.3.6\" ]", "trap-actors.access.rules[0]", "must be an object")]
    [InlineData("rules = \"1.3.6\"", "trap-actors.access.rules", "must be a list")]
    [InlineData("rules = { trap-oid = \"1.3.6\" }", "trap-actors.access.rules", "must be a list")]
    [InlineData("user-minimum-levels = 5", "trap-actors.access.user-minimum-levels", "must be a list")]
    [InlineData("rules = [ { minimum-security-level = authPriv, users = \"noc\" } ]", "trap-actors.access.rules[0].users", "unknown key")]
    [InlineData("user-minimum-levels = [ { minimum-security-level = authPriv } ]", "trap-actors.access.user-minimum-levels[0].user", "is required")]
    [InlineData("user-minimum-levels = [ { user = \"a\", minimum-security-level = authPriv }, { user = \"a\", minimum-security-level = authNoPriv } ]", "trap-actors.access.user-minimum-levels[1]", "repeats")]
    public void A_bad_value_names_the_full_key(string hocon, string key, string why)
    {
        var e = Assert.Throws<ConfigurationException>(() => Read($"trap-actors.access {{ {hocon} }}"));

        Assert.StartsWith(key + ":", e.Message);
        Assert.Contains(why, e.Message);
    }

    [Fact]
    public void The_value_of_an_unknown_key_is_never_echoed()
    {
        var e = Assert.Throws<ConfigurationException>(() =>
            Read("""trap-actors.access.rules = [ { minimum-security-level = authPriv, community = "s3cr3t-community" } ]"""));

        Assert.Contains("trap-actors.access.rules[0].community", e.Message);
        Assert.DoesNotContain("s3cr3t-community", e.Message);
    }
}
