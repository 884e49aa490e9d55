using System.Net;
using Akka.Configuration;
using TrapActors.Daemon;
using Xunit;

namespace TrapActors.Daemon.Tests;

public sealed class DaemonConfigTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("trapactors-config-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string File(string text)
    {
        var path = Path.Combine(_dir, $"c{Guid.NewGuid():N}.conf");
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    private static (Config Config, TrapReceiverSettings Settings) Build(DaemonOptions options)
    {
        Assert.True(DaemonConfig.TryBuild(options, out var config, out var settings, out var error), error);
        return (config, settings);
    }

    private static string BuildError(DaemonOptions options)
    {
        Assert.False(DaemonConfig.TryBuild(options, out _, out _, out var error));
        Assert.DoesNotContain('\n', error);
        return error;
    }

    [Fact]
    public void Defaults_are_udp_162_on_every_address_and_community_public()
    {
        var (config, settings) = Build(new DaemonOptions());
        Assert.Equal([new ListenEndpoint("udp", IPAddress.Any, 162)], settings.Listener.Endpoints.ToArray());
        Assert.Equal(["public"], settings.Community.Accepted.ToArray());
        Assert.False(settings.Community.AcceptAny);
        Assert.Equal(SerilogMinimalLogger.ClassName, config.GetString("akka.stdout-logger-class"));
        Assert.Equal(typeof(SerilogMinimalLogger), Type.GetType(SerilogMinimalLogger.ClassName));
        Assert.Empty(DaemonConfig.Warnings(new DaemonOptions(), settings));
    }

    [Fact]
    public void File_values_win_over_the_defaults_and_reference_conf()
    {
        var path = File("""
            trap-actors {
              listener.endpoints = ["udp:127.0.0.1:1162"]
              listener.max-packet-size = 1500
              community.accepted = ["private"]
              session.max-sessions = 7
            }
            """);
        var (_, settings) = Build(new DaemonOptions { ConfigFile = path });
        Assert.Equal([new ListenEndpoint("udp", IPAddress.Loopback, 1162)], settings.Listener.Endpoints.ToArray());
        Assert.Equal(1500, settings.Listener.MaxPacketSize);
        Assert.Equal(["private"], settings.Community.Accepted.ToArray());
        Assert.Equal(7, settings.Session.MaxSessions);
        Assert.Equal(TimeSpan.FromMinutes(5), settings.Session.IdleTimeout); // reference.conf below the file
    }

    [Fact]
    public void Command_line_wins_over_the_file()
    {
        var path = File("""
            trap-actors.listener.endpoints = ["udp:127.0.0.1:1162"]
            trap-actors.community.accepted = ["private"]
            trap-actors.community.accept-any = off
            """);
        var options = new DaemonOptions
        {
            ConfigFile = path,
            Listen = [ListenEndpoint.Parse("udp:[::1]:0"), ListenEndpoint.Parse("udp:127.0.0.1:0")],
            Communities = ["secret"],
            AcceptAnyCommunity = true,
        };
        var (config, settings) = Build(options);
        Assert.Equal([ListenEndpoint.Parse("udp:[::1]:0"), ListenEndpoint.Parse("udp:127.0.0.1:0")], settings.Listener.Endpoints.ToArray());
        Assert.Empty(settings.Community.Accepted.ToArray()); // --community replaces them; the names go into the receiver's setup
        Assert.True(settings.Community.AcceptAny);
        Assert.DoesNotContain("secret", config.ToString());
    }

    [Fact]
    public void Community_option_replaces_the_default_public()
    {
        var (_, settings) = Build(new DaemonOptions { Communities = ["secret"] });
        Assert.Empty(settings.Community.Accepted.ToArray());
        Assert.Empty(DaemonConfig.Warnings(new DaemonOptions { Communities = ["secret"] }, settings));
    }

    [Fact]
    public void An_empty_community_list_is_allowed_but_warned_about()
    {
        var options = new DaemonOptions { ConfigFile = File("trap-actors.community.accepted = []") };
        var (_, settings) = Build(options);
        var warning = Assert.Single(DaemonConfig.Warnings(options, settings));
        Assert.Contains("No community is accepted", warning);
    }

    [Fact]
    public void An_empty_file_changes_nothing()
    {
        var (_, settings) = Build(new DaemonOptions { ConfigFile = File("") });
        Assert.Equal(["public"], settings.Community.Accepted.ToArray());
    }

    [Fact]
    public void Unreadable_file()
    {
        var missing = Path.Combine(_dir, "missing.conf");
        Assert.StartsWith($"cannot read config file '{missing}': ", BuildError(new DaemonOptions { ConfigFile = missing }));
        Assert.StartsWith($"cannot read config file '{_dir}': ", BuildError(new DaemonOptions { ConfigFile = _dir }));
    }

    [Fact]
    public void Bad_hocon()
    {
        var path = File("trap-actors { listener { endpoints = [ \n");
        Assert.StartsWith($"invalid config file '{path}': ", BuildError(new DaemonOptions { ConfigFile = path }));
    }

    [Theory]
    [InlineData("trap-actors.listener.max-packet-size = 0", "invalid configuration: trap-actors.listener.max-packet-size: must be 1..65535, was 0")]
    [InlineData("trap-actors.listener.endpoints = [\"udp:nowhere:1\"]", "invalid configuration: trap-actors.listener.endpoints: invalid endpoint 'udp:nowhere:1'")]
    [InlineData("trap-actors.listener.endpoints = []", "invalid configuration: no endpoint to listen on (trap-actors.listener.endpoints is empty)")]
    [InlineData("trap-actors.inform.acknowledge = sometimes", "invalid configuration: trap-actors.inform.acknowledge: 'sometimes' is not one of")]
    public void Bad_values(string hocon, string expectedStart) =>
        Assert.StartsWith(expectedStart, BuildError(new DaemonOptions { ConfigFile = File(hocon) }));

    [Fact]
    public void Overrides_quote_IPv6_endpoints()
    {
        var hocon = DaemonConfig.Overrides(new DaemonOptions { Listen = [ListenEndpoint.Parse("udp:[::1]:0")] });
        Assert.Contains("listener.endpoints = [\"udp:[::1]:0\"]", hocon);
        Assert.Equal(["udp:[::1]:0"], ConfigurationFactory.ParseString(hocon).GetStringList("trap-actors.listener.endpoints"));
    }

    [Fact]
    public void Engine_id_and_state_directory_from_the_command_line()
    {
        var state = Path.Combine(_dir, "state");
        var options = new DaemonOptions { EngineId = [.. Convert.FromHexString("800000000501020304050607")], StateDirectory = state };
        var (config, settings) = Build(options);
        Assert.Equal(Convert.FromHexString("800000000501020304050607"), settings.Usm.LocalEngineId);
        Assert.Equal(state, settings.Usm.StateDirectory);
        Assert.Equal("800000000501020304050607", config.GetString("trap-actors.usm.local-engine-id"));
        Assert.False(Directory.Exists(state)); // created by the receiver when it starts, not by reading the configuration
    }

    [Fact]
    public void Engine_id_and_state_directory_on_the_command_line_win_over_the_file()
    {
        var path = File("""
            trap-actors.usm.local-engine-id = "0x8000000001020304"
            trap-actors.usm.state-directory = "/from/file"
            """);
        var (_, fromFile) = Build(new DaemonOptions { ConfigFile = path });
        Assert.Equal(Convert.FromHexString("8000000001020304"), fromFile.Usm.LocalEngineId);
        Assert.Equal("/from/file", fromFile.Usm.StateDirectory);

        var state = Path.Combine(_dir, "dir with \"quote\" and \\ backslash");
        var (_, settings) = Build(new DaemonOptions { ConfigFile = path, EngineId = [1, 2, 3, 4, 5], StateDirectory = state });
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5 }, settings.Usm.LocalEngineId);
        Assert.Equal(state, settings.Usm.StateDirectory);
    }

    [Fact]
    public void No_engine_id_and_no_state_directory_by_default()
    {
        var (_, settings) = Build(new DaemonOptions());
        Assert.Null(settings.Usm.LocalEngineId);
        Assert.Null(settings.Usm.StateDirectory);
    }

    [Fact]
    public void A_state_directory_that_is_a_file()
    {
        var file = File("");
        Assert.Equal($"invalid configuration: the state directory '{file}' is a file", BuildError(new DaemonOptions { StateDirectory = file }));
    }

    [Fact]
    public void A_bad_engine_id_in_the_file() =>
        Assert.StartsWith("invalid configuration: trap-actors.usm.local-engine-id: must be 5 to 32 octets in hex",
            BuildError(new DaemonOptions { ConfigFile = File("trap-actors.usm.local-engine-id = \"0102\"") }));

    [Fact]
    public void Users_without_a_state_directory_are_warned_about()
    {
        var options = new DaemonOptions { UsersFile = "users.conf" };
        var (_, settings) = Build(options);
        var warning = Assert.Single(DaemonConfig.Warnings(options, settings));
        Assert.StartsWith("No state directory (--state-dir, trap-actors.usm.state-directory)", warning);

        var withState = options with { StateDirectory = Path.Combine(_dir, "state") };
        (_, settings) = Build(withState);
        Assert.Empty(DaemonConfig.Warnings(withState, settings));
    }

    [Fact]
    public void Overrides_put_the_engine_id_and_state_directory_under_usm()
    {
        var hocon = DaemonConfig.Overrides(new DaemonOptions { EngineId = [0x80, 0, 0, 0, 5, 0xAB], StateDirectory = "/var/lib/trapactors" });
        Assert.Contains("usm.local-engine-id = \"8000000005ab\"", hocon);
        Assert.Contains("usm.state-directory = \"/var/lib/trapactors\"", hocon);
        Assert.DoesNotContain("usm", DaemonConfig.Overrides(new DaemonOptions()));
    }

    [Fact]
    public void Unknown_keys_in_the_file_are_each_named_with_the_file_and_the_nearest_known_key()
    {
        var path = File("""
            trap-actors.session.max-sesions = 5
            trap-actors.cluster.topic = "traps"
            trap-actors.inform.acknowlege = after-delivery
            """);
        Assert.False(DaemonConfig.TryBuild(new DaemonOptions { ConfigFile = path }, out _, out _, out var error));
        Assert.Equal(
            $"{path}: unknown key trap-actors.session.max-sesions (did you mean trap-actors.session.max-sessions?)\n" +
            $"{path}: unknown key trap-actors.inform.acknowlege (did you mean trap-actors.inform.acknowledge?)",
            error);
    }

    [Fact]
    public void The_sample_file_for_the_daemon_is_valid_and_has_the_daemon_confirm_informs_once_printed()
    {
        var sample = Path.Combine(RepositoryRoot(), "hocon", "examples", "trap-receiver.conf");
        var (_, settings) = Build(new DaemonOptions { ConfigFile = sample });
        Assert.Equal(InformAcknowledgeMode.AfterDelivery, settings.Inform.Acknowledge);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "TrapActors.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"no TrapActors.sln above {AppContext.BaseDirectory}");
    }
}
