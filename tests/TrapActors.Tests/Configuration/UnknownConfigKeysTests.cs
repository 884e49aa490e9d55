using Akka.Configuration;
using TrapActors.Configuration;
using Xunit;

namespace TrapActors.Tests.Configuration;

public sealed class UnknownConfigKeysTests
{
    private static IReadOnlyList<string> Find(string hocon, params Config[] defaults) =>
        [.. UnknownConfigKeys.Find(ConfigurationFactory.ParseString(hocon), defaults.Length == 0 ? [TrapReceiverExtension.DefaultConfig()] : defaults)
            .Select(k => k.ToString())];

    [Fact]
    public void Known_keys_at_every_depth_pass()
    {
        Assert.Empty(Find("""
            trap-actors {
              guardian-name = "x"
              listener { endpoints = ["udp:127.0.0.1:0"], receive-buffer-size = 0 }
              session.max-sessions = 5
              inform.acknowledge = after-delivery
              dtls.cert-map = ["certSecName 10 --sha256 00:11 --cn"]
            }
            """));
    }

    [Theory]
    [InlineData("trap-actors.session.max-sesions = 5", "unknown key trap-actors.session.max-sesions (did you mean trap-actors.session.max-sessions?)")]
    [InlineData("trap-actors.listner { port = 1 }", "unknown key trap-actors.listner (did you mean trap-actors.listener?)")]
    [InlineData("trap-actors.inform.acknowldge = after-delivery", "unknown key trap-actors.inform.acknowldge (did you mean trap-actors.inform.acknowledge?)")]
    [InlineData("trap-actors.listener.max-sessions = 5", "unknown key trap-actors.listener.max-sessions (did you mean trap-actors.session.max-sessions?)")]
    [InlineData("trap-actors.completely-else = 1", "unknown key trap-actors.completely-else")]
    [InlineData("trap-actor.session.max-sessions = 5", "unknown key trap-actor (did you mean trap-actors?)")]
    public void A_misspelled_key_is_named_with_the_nearest_known_one(string hocon, string expected) =>
        Assert.Equal([expected], Find(hocon));

    [Fact]
    public void Every_unknown_key_is_reported_in_order_and_no_value_is_shown()
    {
        var found = Find("""
            trap-actors {
              usm { time-windw = 10s, private-key = "hunter2-do-not-show" }
              codec.max-var-bind = 10
            }
            """);
        Assert.Equal(
            [
                "unknown key trap-actors.usm.time-windw (did you mean trap-actors.usm.time-window?)",
                "unknown key trap-actors.usm.private-key",
                "unknown key trap-actors.codec.max-var-bind (did you mean trap-actors.codec.max-var-binds?)",
            ],
            found);
        Assert.DoesNotContain(found, f => f.Contains("hunter2", StringComparison.Ordinal));
    }

    [Fact]
    public void Lists_of_objects_with_their_own_keys_and_other_top_level_sections_are_not_looked_into()
    {
        Assert.Empty(Find("""
            trap-actors.access.rules = [ { trap-oid = "1.3.6.1.4.1.9", minimum-security-level = authPriv, user = "noc" } ]
            trap-actors.access.user-minimum-levels = [ { user = "noc", minimum-security-level = authPriv } ]
            akka.whatever-akka-reads = on
            my-application { anything = 1 }
            """));
    }

    [Fact]
    public void Keys_of_another_package_are_known_when_its_defaults_are_given()
    {
        const string hocon = "trap-actors.cluster.topic = \"traps\"";
        var cluster = ConfigurationFactory.ParseString("trap-actors.cluster { topic = \"trap-actors\", topics-by-source = [] }");

        Assert.Equal(["unknown key trap-actors.cluster"], Find(hocon));
        Assert.Empty(Find(hocon, TrapReceiverExtension.DefaultConfig(), cluster));
    }
}
