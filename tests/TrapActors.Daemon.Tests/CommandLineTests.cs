using System.Net;
using System.Reflection;
using TrapActors.Daemon;
using Xunit;

namespace TrapActors.Daemon.Tests;

public sealed class CommandLineTests
{
    private static DaemonOptions Parse(params string[] args)
    {
        Assert.True(CommandLine.TryParse(args, out var options, out var error), error);
        Assert.Equal("", error);
        return options;
    }

    private static string Error(params string[] args)
    {
        Assert.False(CommandLine.TryParse(args, out _, out var error));
        Assert.DoesNotContain('\n', error);
        return error;
    }

    [Fact]
    public void No_arguments_give_the_defaults()
    {
        var options = Parse();
        Assert.Empty(options.Listen.ToArray());
        Assert.Null(options.ConfigFile);
        Assert.Empty(options.Communities.ToArray());
        Assert.False(options.AcceptAnyCommunity);
        Assert.Equal(OutputFormat.Json, options.Format);
        Assert.False(options.Verbose);
        Assert.False(options.Help);
        Assert.False(options.Version);
        Assert.Null(options.UsersFile);
        Assert.True(options.EngineId.IsEmpty);
        Assert.Null(options.StateDirectory);
    }

    [Fact]
    public void Users_file_engine_id_and_state_dir()
    {
        var options = Parse("--users-file", "/etc/trapactors/users.conf", "--engine-id", "800000000501020304050607", "--state-dir=/var/lib/trapactors");
        Assert.Equal("/etc/trapactors/users.conf", options.UsersFile);
        Assert.Equal(Convert.FromHexString("800000000501020304050607"), options.EngineId.ToArray());
        Assert.Equal("/var/lib/trapactors", options.StateDirectory);
    }

    [Theory]
    [InlineData("0x8000000001020304", "8000000001020304")]
    [InlineData("0X80000000010203AB", "80000000010203ab")]
    [InlineData("0102030405", "0102030405")]
    [InlineData("80:00:00:00:01", "8000000001")]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000", "0000000000000000000000000000000000000000000000000000000000000000")]
    public void Engine_id_forms(string value, string expectedHex) =>
        Assert.Equal(expectedHex, Convert.ToHexStringLower(Parse("--engine-id", value).EngineId.AsSpan()));

    [Theory]
    [InlineData("01020304", "--engine-id: '01020304': an engine ID is 5 to 32 octets, not 4")]
    [InlineData("000000000000000000000000000000000000000000000000000000000000000000", "--engine-id: '000000000000000000000000000000000000000000000000000000000000000000': an engine ID is 5 to 32 octets, not 33")]
    [InlineData("0x800000000", "--engine-id: '0x800000000': an engine ID needs an even number of hex digits")]
    [InlineData("80:00:00:00:0:1", "--engine-id: '80:00:00:00:0:1': in an engine ID ':' may only stand between two octets")]
    [InlineData("0x", "--engine-id: '0x': an engine ID needs hex digits")]
    [InlineData("engine", "--engine-id: 'engine': an engine ID is hex digits (optionally after 0x)")]
    public void Bad_engine_ids(string value, string expected) => Assert.Equal(expected, Error("--engine-id", value));

    [Fact]
    public void Listen_is_repeatable_and_takes_IPv4_IPv6_and_port_zero()
    {
        var options = Parse("--listen", "udp:127.0.0.1:0", "--listen", "udp:[::1]:1162", "--listen=udp:0.0.0.0:162");
        Assert.Equal(
            [
                new ListenEndpoint("udp", IPAddress.Loopback, 0),
                new ListenEndpoint("udp", IPAddress.IPv6Loopback, 1162),
                new ListenEndpoint("udp", IPAddress.Any, 162),
            ],
            options.Listen.ToArray());
    }

    [Fact]
    public void Config_community_accept_any_format_verbose_and_help()
    {
        var options = Parse("--config", "/etc/trapactors.conf", "--community", "a", "--community=b", "--accept-any-community",
            "--format", "text", "--verbose", "--help");
        Assert.Equal("/etc/trapactors.conf", options.ConfigFile);
        Assert.Equal(["a", "b"], options.Communities.ToArray());
        Assert.True(options.AcceptAnyCommunity);
        Assert.Equal(OutputFormat.Text, options.Format);
        Assert.True(options.Verbose);
        Assert.True(options.Help);
    }

    [Theory]
    [InlineData("json", OutputFormat.Json)]
    [InlineData("text", OutputFormat.Text)]
    public void Format_values(string value, OutputFormat expected) => Assert.Equal(expected, Parse("--format", value).Format);

    [Fact]
    public void Short_forms_of_help_and_verbose()
    {
        Assert.True(Parse("-h").Help);
        Assert.True(Parse("-v").Verbose);
    }

    [Fact]
    public void The_last_format_and_config_win()
    {
        var options = Parse("--format", "text", "--format", "json", "--config", "a.conf", "--config", "b.conf");
        Assert.Equal(OutputFormat.Json, options.Format);
        Assert.Equal("b.conf", options.ConfigFile);
    }

    [Theory]
    [InlineData(new[] { "--bogus" }, "unknown option '--bogus' (see --help)")]
    [InlineData(new[] { "-x" }, "unknown option '-x' (see --help)")]
    [InlineData(new[] { "--bogus=1" }, "unknown option '--bogus' (see --help)")]
    [InlineData(new[] { "stray" }, "unexpected argument 'stray' (see --help)")]
    [InlineData(new[] { "--listen" }, "option --listen requires a value")]
    [InlineData(new[] { "--listen", "--verbose" }, "option --listen requires a value")]
    [InlineData(new[] { "--config" }, "option --config requires a value")]
    [InlineData(new[] { "--community" }, "option --community requires a value")]
    [InlineData(new[] { "--community=" }, "option --community requires a non-empty value")]
    [InlineData(new[] { "--format" }, "option --format requires a value")]
    [InlineData(new[] { "--format", "xml" }, "--format: 'xml' is not a format (expected json or text)")]
    [InlineData(new[] { "--verbose=yes" }, "option --verbose takes no value")]
    [InlineData(new[] { "--accept-any-community=on" }, "option --accept-any-community takes no value")]
    [InlineData(new[] { "--help=1" }, "option --help takes no value")]
    [InlineData(new[] { "--version=1" }, "option --version takes no value")]
    [InlineData(new[] { "--help", "--bogus" }, "unknown option '--bogus' (see --help)")]
    [InlineData(new[] { "--listen", "udp:127.0.0.1:0", "--listen" }, "option --listen requires a value")]
    [InlineData(new[] { "--listen", "--listen", "udp:127.0.0.1:0" }, "option --listen requires a value")]
    [InlineData(new[] { "--listen=" }, "option --listen requires a non-empty value")]
    [InlineData(new[] { "--config", "" }, "option --config requires a non-empty value")]
    [InlineData(new[] { "--format", "json", "--format=xml" }, "--format: 'xml' is not a format (expected json or text)")]
    [InlineData(new[] { "--cluster-port=70000" }, "--cluster-port: '70000' is not a port number (1..65535)")]
    [InlineData(new[] { "--" }, "unknown option '--' (see --help)")]
    [InlineData(new[] { "-hv" }, "unknown option '-hv' (see --help)")]
    [InlineData(new[] { "@args.rsp" }, "unexpected argument '@args.rsp' (see --help)")]
    [InlineData(new[] { "[diagram]", "--verbose" }, "unexpected argument '[diagram]' (see --help)")]
    [InlineData(new[] { "--verbose", "yes" }, "unexpected argument 'yes' (see --help)")]
    [InlineData(new[] { "--users-file" }, "option --users-file requires a value")]
    [InlineData(new[] { "--users-file=" }, "option --users-file requires a non-empty value")]
    [InlineData(new[] { "--engine-id" }, "option --engine-id requires a value")]
    [InlineData(new[] { "--state-dir", "--verbose" }, "option --state-dir requires a value")]
    [InlineData(new[] { "--cluster-port", "0" }, "--cluster-port: '0' is not a port number (1..65535)")]
    [InlineData(new[] { "--cluster-port", "4053", "--seed-node", "nohost" }, "--seed-node: 'nohost' is not HOST:PORT")]
    [InlineData(new[] { "--cluster-port", "4053", "--role", "observer" }, "--role: 'observer' is not a role (expected receiver or subscriber)")]
    [InlineData(new[] { "--seed-node", "127.0.0.1:4053" }, "--seed-node and --role need --cluster-port")]
    [InlineData(new[] { "--role", "subscriber" }, "--seed-node and --role need --cluster-port")]
    public void Errors_are_one_clear_line(string[] args, string expected) => Assert.Equal(expected, Error(args));

    [Theory]
    [InlineData("127.0.0.1:162", "--listen: invalid endpoint '127.0.0.1:162': unknown transport '127.0.0.1'")]
    [InlineData("tcp:127.0.0.1:162", "--listen: invalid endpoint 'tcp:127.0.0.1:162': unknown transport 'tcp'")]
    [InlineData("udp:localhost:162", "--listen: invalid endpoint 'udp:localhost:162': 'localhost' is not an IP address")]
    [InlineData("udp:127.0.0.1:65536", "--listen: invalid endpoint 'udp:127.0.0.1:65536': '65536' is not a port number (0..65535)")]
    [InlineData("udp:127.0.0.1:", "--listen: invalid endpoint 'udp:127.0.0.1:': missing the port after ':'")]
    [InlineData("udp:::1:162", "--listen: invalid endpoint 'udp:::1:162': write IPv6 addresses in brackets, e.g. udp:[::1]:162")]
    public void Bad_endpoints_are_rejected_with_the_reason(string endpoint, string expectedStart) =>
        Assert.StartsWith(expectedStart, Error("--listen", endpoint));

    [Theory]
    [InlineData("udp:127.0.0.1", "udp", 162)]
    [InlineData("dtls:0.0.0.0", "dtls", 10162)]
    [InlineData("dtls:[::1]", "dtls", 10162)]
    [InlineData("dtls:[::1]:0", "dtls", 0)]
    [InlineData("DTLS:127.0.0.1:20162", "dtls", 20162)]
    public void Without_a_port_an_endpoint_takes_its_transports_standard_one(string text, string transport, int port)
    {
        var endpoint = Assert.Single(Parse("--listen", text).Listen);
        Assert.Equal((transport, port), (endpoint.Transport, endpoint.Port));
    }

    [Fact]
    public void Cluster_options_become_the_akka_cluster_configuration()
    {
        var options = Parse("--cluster-port", "4053", "--cluster-host", "10.0.0.5", "--seed-node", "10.0.0.1:4053", "--seed-node", "10.0.0.2:4053", "--role", "subscriber");

        var config = Akka.Configuration.ConfigurationFactory.ParseString(DaemonConfig.Overrides(options));

        Assert.Equal("cluster", config.GetString("akka.actor.provider"));
        Assert.Equal(4053, config.GetInt("akka.remote.dot-netty.tcp.port"));
        Assert.Equal("10.0.0.5", config.GetString("akka.remote.dot-netty.tcp.hostname"));
        Assert.Equal(["akka.tcp://trapactors@10.0.0.1:4053", "akka.tcp://trapactors@10.0.0.2:4053"], config.GetStringList("akka.cluster.seed-nodes"));
        Assert.Equal(["subscriber"], config.GetStringList("akka.cluster.roles"));
        Assert.Equal(ClusterRole.Subscriber, options.Role);
        Assert.False(options.FormatGiven);
    }

    [Fact]
    public void Options_never_print_communities()
    {
        var options = Parse("--community", "s3cret-community");
        Assert.DoesNotContain("s3cret-community", options.ToString());
        Assert.Contains("<1 redacted>", options.ToString());
    }

    [Fact]
    public void Options_show_the_users_file_engine_and_state_directory()
    {
        var text = Parse("--users-file", "u.conf", "--engine-id", "0x8000000001020304", "--state-dir", "/tmp/s").ToString();
        Assert.Contains("UsersFile = u.conf", text);
        Assert.Contains("EngineId = 8000000001020304", text);
        Assert.Contains("StateDirectory = /tmp/s", text);
    }

    /// <summary>A valid value for each option that takes one, with --cluster-port=4053 given first (the cluster options need it).</summary>
    private static readonly Dictionary<string, string> SampleValues = new()
    {
        ["--listen"] = "udp:[::1]:1162", ["--config"] = "a.conf", ["--community"] = "c", ["--users-file"] = "u.conf",
        ["--engine-id"] = "0x8000000001020304", ["--state-dir"] = "/tmp/s", ["--cert"] = "c.pem", ["--key"] = "k.pem",
        ["--pfx"] = "p.pfx", ["--pfx-password-file"] = "p.txt", ["--ca"] = "ca.pem", ["--cert-map"] = "map.txt",
        ["--format"] = "text", ["--cluster-port"] = "4054", ["--cluster-host"] = "10.0.0.5", ["--seed-node"] = "10.0.0.1:4053",
        ["--role"] = "subscriber", ["--cluster-cert"] = "n.crt", ["--cluster-key"] = "n.key", ["--cluster-pfx"] = "n.p12",
        ["--cluster-pfx-password-file"] = "n.txt", ["--cluster-ca"] = "ca.crt", ["--mib-dir"] = "/", ["--mibs"] = "IF-MIB:SNMPv2-MIB",
        ["--metrics"] = "127.0.0.1:9464", ["--stats-interval"] = "10",
    };

    public static TheoryData<string> OptionsWithValues() => [.. SampleValues.Keys];

    [Theory]
    [MemberData(nameof(OptionsWithValues))]
    public void Every_option_takes_its_value_as_the_next_argument_or_after_an_equals_sign(string name)
    {
        var value = SampleValues[name];
        var unset = Parse("--cluster-port=4053").ToString();
        var separate = Parse("--cluster-port=4053", name, value).ToString();
        var joined = Parse("--cluster-port=4053", $"{name}={value}").ToString();
        Assert.NotEqual(unset, separate);
        Assert.Equal(separate, joined);
    }

    [Fact]
    public void Every_option_with_a_value_has_a_sample_in_the_equals_sign_test()
    {
        var withValues = CommandLine.Root.Options.Where(o => o.Arity.MaximumNumberOfValues > 0).Select(o => o.Name);
        Assert.Equal(withValues.Order(), SampleValues.Keys.Order());
    }

    [Fact]
    public void Equals_sign_values_may_hold_colons_and_equals_signs()
    {
        var options = Parse("--listen=udp:[::1]:0", "--config=/etc/a=b.conf", "--community==x");
        Assert.Equal(new ListenEndpoint("udp", IPAddress.IPv6Loopback, 0), Assert.Single(options.Listen));
        Assert.Equal("/etc/a=b.conf", options.ConfigFile);
        Assert.Equal(["=x"], options.Communities.ToArray());
    }

    [Fact]
    public void Repeatable_options_mix_both_forms()
    {
        var options = Parse("--cluster-port", "4053", "--seed-node=a:1", "--seed-node", "b:2", "--community", "x", "--community=y");
        Assert.Equal(["a:1", "b:2"], options.SeedNodes.ToArray());
        Assert.Equal(["x", "y"], options.Communities.ToArray());
    }

    [Fact]
    public void Help_lists_every_option_with_its_value_and_description()
    {
        var help = CommandLine.HelpText;
        var lines = help.Split('\n');
        Assert.True(CommandLine.Root.Options.Count >= 20, $"only {CommandLine.Root.Options.Count} options");
        foreach (var option in CommandLine.Root.Options)
        {
            var names = string.Join(", ", option.Aliases.Order(StringComparer.Ordinal).Append(option.Name));
            var first = option.HelpName is null ? names : $"{names} {option.HelpName}";
            Assert.Contains(lines, line => line.StartsWith($"  {first} ", StringComparison.Ordinal) || line == $"  {first}");
            Assert.False(string.IsNullOrWhiteSpace(option.Description), $"{option.Name} has no description");
            foreach (var descriptionLine in option.Description!.ReplaceLineEndings("\n").Split('\n'))
                Assert.Contains(lines, line => line.EndsWith(descriptionLine, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Help_starts_with_the_usage_and_tells_the_stderr_lines_signals_and_exit_codes()
    {
        var help = CommandLine.HelpText;
        Assert.StartsWith("Usage: trapactors [OPTIONS]\n", help);
        Assert.Contains("'listening udp HOST:PORT' is printed on standard error", help);
        Assert.Contains("'engine ENGINEID boots N'", help);
        Assert.Contains("On SIGINT or SIGTERM", help);
        Assert.Contains("Exit codes: 0 after a clean shutdown, 1 when an endpoint cannot be bound, 2 on bad arguments or configuration.", help);
        Assert.Contains("--listen=udp:[::1]:162", help);
        Assert.EndsWith("\n", help);
        Assert.DoesNotContain("\r", help);
    }

    [Theory]
    [InlineData("--version")]
    [InlineData("--verbose", "--version")]
    public void Version_is_a_flag(params string[] args) => Assert.True(Parse(args).Version);

    [Fact]
    public void The_version_is_the_daemon_assemblys_informational_version()
    {
        var informational = typeof(DaemonOptions).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>();
        Assert.NotNull(informational);
        Assert.Equal(informational.InformationalVersion, CommandLine.Version);
        Assert.Matches(@"^\d+\.\d+\.\d+", CommandLine.Version);
    }
}
