using System.Collections.Immutable;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Reflection;
using System.Text;

namespace TrapActors.Daemon;

/// <summary>
/// The daemon's arguments, defined as System.CommandLine options and parsed into <see cref="DaemonOptions"/>; errors are
/// one line, without the program name. The help text is written from the same option definitions.
/// </summary>
public static class CommandLine
{
    internal delegate bool Converter<T>(string text, out T value, out string error);

    private static readonly Option<ImmutableArray<ListenEndpoint>> Listen = Repeatable<ListenEndpoint>("--listen", "udp:HOST:PORT", """
        Endpoint to bind; repeatable. IPv6 in brackets: udp:[::1]:162.
        Port 0 picks a free port. Default: udp:0.0.0.0:162.
        dtls:HOST:PORT listens for SNMP over DTLS (RFC 6353; port 10162).
        """, ParseEndpoint);

    private static readonly Option<string> Config = Single<string>("--config", "FILE", """
        HOCON file layered over the defaults (trap-actors { ... }).
        Command-line options win over the file.
        """, AsIs);

    private static readonly Option<ImmutableArray<string>> Community = Repeatable<string>("--community", "NAME", """
        Accepted v1/v2c community; repeatable. Replaces the default 'public'
        and any community in the configuration file.
        """, AsIs);

    private static readonly Option<bool> AcceptAnyCommunity = Flag("--accept-any-community", "Accept every community.");

    private static readonly Option<string> UsersFile = Single<string>("--users-file", "FILE", """
        SNMPv3 users, one a line in net-snmp's createUser syntax:
          createUser [-e ENGINEID] NAME [AUTH AUTHPASS [PRIV [PRIVPASS]]]
        AUTH: MD5 SHA SHA-224 SHA-256 SHA-384 SHA-512;
        PRIV: DES 3DES AES AES-192 AES-256 AES-192-C AES-256-C.
        No -e: any engine. PRIVPASS omitted: AUTHPASS. A password may be
        -m 0xHEX (master key) or -l 0xHEX (key localized to -e ENGINEID).
        Lines starting with '#' are comments.
        """, AsIs);

    private static readonly Option<ImmutableArray<byte>> EngineId = Single<ImmutableArray<byte>>("--engine-id", "HEX", """
        This receiver's SNMP engine ID, 5 to 32 octets in hex (0x and colons optional).
        Default: the configuration's, else generated (and kept in --state-dir).
        """, ParseEngineId);

    private static readonly Option<string> StateDirectory = Single<string>("--state-dir", "DIR",
        "Where the engine ID and boots counter are kept across restarts.", AsIs);

    /// <summary>The DTLS file options and the trap-actors.dtls keys they set.</summary>
    private static readonly ImmutableArray<(Option<string> Option, string Key)> DtlsFiles =
    [
        (Single<string>("--cert", "FILE", "DTLS: the server certificate (PEM, leaf first, then its CA chain).", AsIs), "certificate-file"),
        (Single<string>("--key", "FILE", "DTLS: the server's private key (PEM, unencrypted).", AsIs), "key-file"),
        (Single<string>("--pfx", "FILE", "DTLS: certificate, chain and key as PKCS#12, instead of --cert/--key.", AsIs), "pkcs12-file"),
        (Single<string>("--pfx-password-file", "FILE", "DTLS: the file whose first line is the PKCS#12 password.", AsIs), "pkcs12-password-file"),
        (Single<string>("--ca", "FILE", "DTLS: PEM CA certificates client certificates must chain to.", AsIs), "trust-anchors-file"),
        (Single<string>("--cert-map", "FILE", """
            DTLS: certificate-to-securityName map, one entry a line in net-snmp's
            syntax: certSecName PRIORITY [--sha256] FINGERPRINT
                    (--sn NAME|--rfc822|--dns|--ip|--cn|--any)
            """, AsIs), "cert-map-file"),
    ];

    private static readonly Option<OutputFormat> Format = Single<OutputFormat>("--format", "json|text",
        "Output format (default json: one JSON object per line).", ParseFormat);

    private static readonly Option<int?> ClusterPort = Single<int?>("--cluster-port", "PORT",
        "Join an Akka.NET cluster, with this node's remoting port.", ParseClusterPort);

    private static readonly Option<string> ClusterHost = Single<string>("--cluster-host", "HOST", """
        The address other nodes reach this one at (default 127.0.0.1);
        beyond loopback it needs cluster TLS (or --cluster-insecure).
        """, AsIs);

    private static readonly Option<ImmutableArray<string>> SeedNode = Repeatable<string>("--seed-node", "HOST:PORT",
        "A seed node of the cluster; repeatable (default: this node).", ParseSeedNode);

    private static readonly Option<ClusterRole> Role = Single<ClusterRole>("--role", "receiver|subscriber", """
        receiver (default): listen and publish every notification to the
        cluster; prints nothing itself unless --format is given.
        subscriber: listen to nothing, print the notifications received
        anywhere in the cluster.
        """, ParseRole);

    private static readonly Option<bool> Verbose = Flag("--verbose", "Log at Debug level (logs go to standard error).", "-v");
    private static readonly Option<bool> Help = Flag("--help", "Show this help and exit.", "-h");
    private static readonly Option<bool> ShowVersion = Flag("--version", "Print the version and exit.");

    /// <summary>The command: its options in the order the help lists them, and what the help says around them.</summary>
    internal static Command Root { get; } = CreateRoot();

    /// <summary>No response files (@FILE), no POSIX bundling (-hv): arguments mean what they say, as before System.CommandLine.</summary>
    private static readonly ParserConfiguration Parser = new() { EnablePosixBundling = false, ResponseFileTokenReplacer = null };

    /// <summary>What --help prints: generated from <see cref="Root"/>'s options.</summary>
    public static string HelpText { get; } = WriteHelp(Root);

    /// <summary>What --version prints: the daemon assembly's informational version.</summary>
    public static string Version { get; } =
        typeof(CommandLine).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    public static bool TryParse(IReadOnlyList<string> args, out DaemonOptions options, out string error)
    {
        options = new DaemonOptions();
        var result = Root.Parse(args, Parser);
        error = FirstError(result, args) ?? "";
        if (error.Length > 0)
            return false;

        var dtlsFiles = ImmutableDictionary<string, string>.Empty;
        foreach (var (option, key) in DtlsFiles)
        {
            if (result.GetValue(option) is { } file)
                dtlsFiles = dtlsFiles.SetItem(key, file);
        }
        options = options with
        {
            Listen = result.GetValue(Listen),
            ConfigFile = result.GetValue(Config),
            Communities = result.GetValue(Community),
            AcceptAnyCommunity = result.GetValue(AcceptAnyCommunity),
            UsersFile = result.GetValue(UsersFile),
            EngineId = result.GetValue(EngineId) is { IsDefault: false } engineId ? engineId : [],
            StateDirectory = result.GetValue(StateDirectory),
            DtlsFiles = dtlsFiles,
            Format = result.GetValue(Format),
            FormatGiven = Given(result, Format),
            ClusterPort = result.GetValue(ClusterPort),
            ClusterHost = result.GetValue(ClusterHost) ?? options.ClusterHost,
            SeedNodes = result.GetValue(SeedNode),
            Role = result.GetValue(Role),
            ClusterTls = ClusterCommandLine.TlsFiles(result),
            ClusterInsecure = result.GetValue(ClusterCommandLine.Insecure),
            MibDirectories = result.GetValue(MibCommandLine.Directories),
            MibModules = result.GetValue(MibCommandLine.Modules) is { IsDefault: false } modules ? modules : [],
            NoMibs = result.GetValue(MibCommandLine.NoMibs),
            Metrics = result.GetValue(MetricsCommandLine.Metrics),
            StatsInterval = result.GetValue(MetricsCommandLine.StatsInterval),
            Verbose = result.GetValue(Verbose),
            Help = result.GetValue(Help),
            Version = result.GetValue(ShowVersion),
        };
        if (options.ClusterPort is null && (options.SeedNodes.Length > 0 || Given(result, Role)))
        {
            error = "--seed-node and --role need --cluster-port";
            return false;
        }
        error = ClusterCommandLine.Problem(options);
        if (error.Length == 0)
            error = MibCommandLine.Problem(options);
        return error.Length == 0;
    }

    private static Command CreateRoot()
    {
        var root = new Command("trapactors", """
            Receives SNMP traps and informs (v1, v2c, v3) and prints one line per notification on standard output.
            An option's value follows it as the next argument or after '=': --listen udp:[::1]:162, --listen=udp:[::1]:162.

            Once an endpoint is bound, 'listening udp HOST:PORT' is printed on standard error, then
            'engine ENGINEID boots N': this receiver's SNMPv3 engine ID and boot count.
            On SIGINT or SIGTERM every received notification is printed, then the counters as one JSON
            object on the last line of standard error.
            On SIGHUP --config, --users-file and --cert-map are read again and users, communities, access rules
            and the cert map applied without rebinding; one 'reloaded: ...' line says what changed.

            Exit codes: 0 after a clean shutdown, 1 when an endpoint cannot be bound, 2 on bad arguments or configuration.
            """);
        Option[] options =
        [
            Listen, Config, Community, AcceptAnyCommunity, UsersFile, EngineId, StateDirectory, .. DtlsFiles.Select(d => d.Option),
            Format, .. MibCommandLine.Options, ClusterPort, ClusterHost, SeedNode, Role, .. ClusterCommandLine.Options,
            .. MetricsCommandLine.Options, Verbose, Help, ShowVersion,
        ];
        foreach (var option in options)
            root.Options.Add(option);
        return root;
    }

    /// <summary>
    /// The first problem with the arguments, in the daemon's one-line style; null when there is none. Checked by kind (a flag
    /// with a value, an option without one, a stray argument, a bad value), not in argument order.
    /// </summary>
    private static string? FirstError(ParseResult result, IReadOnlyList<string> args)
    {
        // "--verbose=yes": the parser splits it into the flag and a stray "yes"; say what was meant.
        foreach (var arg in args)
        {
            if (arg.StartsWith("--", StringComparison.Ordinal) && arg.IndexOf('=') is var eq and > 2
                && Root.Options.FirstOrDefault(o => o.Name == arg[..eq]) is { Arity.MaximumNumberOfValues: 0 } flag)
                return $"option {flag.Name} takes no value";
        }
        foreach (var option in Root.Options)
        {
            // An occurrence without its value: at the end, "--listen=", or before another option: the parser takes
            // "--listen --verbose" as --listen with the value "--verbose" (whatever then follows is left over).
            if (option.Arity.MinimumNumberOfValues == 0 || result.GetResult(option) is not { } given)
                continue;
            if (given.Tokens.Any(t => t.Value.StartsWith("--", StringComparison.Ordinal)))
                return $"option {option.Name} requires a value";
            if (given.IdentifierTokenCount > given.Tokens.Count)
                return args.Contains(option.Name + "=", StringComparer.Ordinal)
                    ? $"option {option.Name} requires a non-empty value"
                    : $"option {option.Name} requires a value";
        }
        foreach (var token in result.Tokens)
        {
            if (token.Type is TokenType.Directive or TokenType.DoubleDash
                || (token.Type == TokenType.Argument && result.UnmatchedTokens.Contains(token.Value)))
                return Unexpected(token.Value);
        }
        return result.Errors.Count > 0 ? result.Errors[0].Message : null;
    }

    private static string Unexpected(string arg) =>
        arg.StartsWith('-') && arg.Length > 1
            ? $"unknown option '{(arg.StartsWith("--", StringComparison.Ordinal) && arg.IndexOf('=') is var eq and > 2 ? arg[..eq] : arg)}' (see --help)"
            : $"unexpected argument '{arg}' (see --help)";

    internal static bool Given(ParseResult result, Option option) => result.GetResult(option) is { Implicit: false };

    internal static Option<bool> Flag(string name, string description, params string[] aliases) =>
        new(name, aliases) { Description = description, Arity = ArgumentArity.Zero };

    /// <summary>An option whose last occurrence wins; every occurrence is checked.</summary>
    internal static Option<T> Single<T>(string name, string helpName, string description, Converter<T> convert) => new(name)
    {
        HelpName = helpName,
        Description = description,
        Arity = ArgumentArity.OneOrMore,
        CustomParser = result => ConvertAll(result, convert) is { IsDefaultOrEmpty: false } values ? values[^1] : default!,
    };

    internal static Option<ImmutableArray<T>> Repeatable<T>(string name, string helpName, string description, Converter<T> convert) => new(name)
    {
        HelpName = helpName,
        Description = description,
        Arity = ArgumentArity.OneOrMore,
        CustomParser = result => ConvertAll(result, convert) is { IsDefault: false } values ? values : [],
        DefaultValueFactory = _ => [],
    };

    /// <summary>Each value of the option, converted; on the first bad one the error is added and default returned.</summary>
    private static ImmutableArray<T> ConvertAll<T>(ArgumentResult result, Converter<T> convert)
    {
        var name = result.Parent is OptionResult parent ? parent.Option.Name : result.Argument.Name;
        var values = ImmutableArray.CreateBuilder<T>(result.Tokens.Count);
        foreach (var token in result.Tokens)
        {
            string error;
            if (token.Value.Length == 0)
                error = $"option {name} requires a non-empty value";
            else if (convert(token.Value, out var value, out error))
            {
                values.Add(value);
                continue;
            }
            result.AddError(error);
            return default;
        }
        return values.MoveToImmutable();
    }

    internal static bool AsIs(string text, out string value, out string error)
    {
        (value, error) = (text, "");
        return true;
    }

    private static bool ParseEndpoint(string text, out ListenEndpoint value, out string error)
    {
        var ok = ListenEndpoint.TryParse(text, out value, out var why);
        error = ok ? "" : $"--listen: {why}";
        return ok;
    }

    private static bool ParseEngineId(string text, out ImmutableArray<byte> value, out string error)
    {
        var ok = Snmp.EngineId.TryParse(text, out var engineId, out var why);
        value = ok ? engineId.Octets : default;
        error = ok ? "" : $"--engine-id: '{text}': {why}";
        return ok;
    }

    private static bool ParseFormat(string text, out OutputFormat value, out string error)
    {
        (value, error) = text switch
        {
            "json" => (OutputFormat.Json, ""),
            "text" => (OutputFormat.Text, ""),
            _ => (default, $"--format: '{text}' is not a format (expected json or text)"),
        };
        return error.Length == 0;
    }

    private static bool ParseRole(string text, out ClusterRole value, out string error)
    {
        (value, error) = text switch
        {
            "receiver" => (ClusterRole.Receiver, ""),
            "subscriber" => (ClusterRole.Subscriber, ""),
            _ => (default, $"--role: '{text}' is not a role (expected receiver or subscriber)"),
        };
        return error.Length == 0;
    }

    private static bool ParseClusterPort(string text, out int? value, out string error)
    {
        value = TryParsePort(text, out var port) ? port : null;
        error = value is null ? $"--cluster-port: '{text}' is not a port number (1..65535)" : "";
        return value is not null;
    }

    private static bool ParseSeedNode(string text, out string value, out string error)
    {
        var colon = text.LastIndexOf(':');
        var ok = colon > 0 && TryParsePort(text[(colon + 1)..], out _);
        (value, error) = (text, ok ? "" : $"--seed-node: '{text}' is not HOST:PORT");
        return ok;
    }

    private static bool TryParsePort(string text, out int port) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is >= 1 and <= 65535;

    /// <summary>"Usage", the command's description, then each option: its names and value in one column, its description in the next.</summary>
    private static string WriteHelp(Command command)
    {
        const int column = 27;
        var help = new StringBuilder($"Usage: {command.Name} [OPTIONS]\n\n");
        help.Append(command.Description!.ReplaceLineEndings("\n")).Append("\n\nOptions:\n");
        foreach (var option in command.Options)
        {
            var names = "  " + string.Join(", ", option.Aliases.Order(StringComparer.Ordinal).Append(option.Name))
                + (option.HelpName is { } value ? " " + value : "");
            var lines = (option.Description ?? "").ReplaceLineEndings("\n").Split('\n');
            help.Append(names.Length < column ? names.PadRight(column) : names + "\n" + new string(' ', column)).Append(lines[0]).Append('\n');
            foreach (var line in lines.Skip(1))
                help.Append(new string(' ', column)).Append(line).Append('\n');
        }
        return help.ToString();
    }
}
