namespace TrapActors.Daemon;

/// <summary>Parses the daemon's arguments into <see cref="DaemonOptions"/>; errors are one line, without the program name.</summary>
public static class CommandLine
{
    public const string Usage = """
        Usage: trapactors [OPTIONS]

        Receives SNMP traps and informs (v1, v2c, v3) and prints one line per notification on standard output.

        Options:
          --listen udp:HOST:PORT   Endpoint to bind; repeatable. IPv6 in brackets: udp:[::1]:162.
                                   Port 0 picks a free port. Default: udp:0.0.0.0:162.
                                   dtls:HOST:PORT listens for SNMP over DTLS (RFC 6353; port 10162).
          --config FILE            HOCON file layered over the defaults (trap-actors { ... }).
                                   Command-line options win over the file.
          --community NAME         Accepted v1/v2c community; repeatable. Replaces the default 'public'
                                   and any community in the configuration file.
          --accept-any-community   Accept every community.
          --users-file FILE        SNMPv3 users, one a line in net-snmp's createUser syntax:
                                     createUser [-e ENGINEID] NAME [AUTH AUTHPASS [PRIV [PRIVPASS]]]
                                   AUTH: MD5 SHA SHA-224 SHA-256 SHA-384 SHA-512;
                                   PRIV: DES 3DES AES AES-192 AES-256 AES-192-C AES-256-C.
                                   No -e: any engine. PRIVPASS omitted: AUTHPASS. Lines starting
                           with '#' are comments.
          --engine-id HEX          This receiver's SNMP engine ID, 5 to 32 octets in hex (0x optional).
                                   Default: the configuration's, else generated (and kept in --state-dir).
          --state-dir DIR          Where the engine ID and boots counter are kept across restarts.
          --cert FILE              DTLS: the server certificate (PEM, leaf first, then its CA chain).
          --key FILE               DTLS: the server's private key (PEM, unencrypted).
          --pfx FILE               DTLS: certificate, chain and key as PKCS#12, instead of --cert/--key.
          --pfx-password-file FILE DTLS: the file whose first line is the PKCS#12 password.
          --ca FILE                DTLS: PEM CA certificates client certificates must chain to.
          --cert-map FILE          DTLS: certificate-to-securityName map, one entry a line in net-snmp's
                                   syntax: certSecName PRIORITY [--sha256] FINGERPRINT
                                           (--sn NAME|--rfc822|--dns|--ip|--cn|--any)
          --format json|text       Output format (default json: one JSON object per line).
          --cluster-port PORT      Join an Akka.NET cluster, with this node's remoting port.
          --cluster-host HOST      The address other nodes reach this one at (default 127.0.0.1).
          --seed-node HOST:PORT    A seed node of the cluster; repeatable (default: this node).
          --role receiver|subscriber
                                   receiver (default): listen and publish every notification to the
                                   cluster; prints nothing itself unless --format is given.
                                   subscriber: listen to nothing, print the notifications received
                                   anywhere in the cluster.
          --verbose                Log at Debug level (logs go to standard error).
          --help                   Show this help and exit.

        Once an endpoint is bound, 'listening udp HOST:PORT' is printed on standard error, then
        'engine ENGINEID boots N': this receiver's SNMPv3 engine ID and boot count.
        On SIGINT or SIGTERM every received notification is printed, then the counters as one JSON
        object on the last line of standard error.

        Exit codes: 0 after a clean shutdown, 1 when an endpoint cannot be bound, 2 on bad arguments or configuration.

        """;

    public static bool TryParse(IReadOnlyList<string> args, out DaemonOptions options, out string error)
    {
        options = new DaemonOptions();
        error = "";
        var listen = new List<ListenEndpoint>();
        var communities = new List<string>();
        var seeds = new List<string>();
        var roleGiven = false;

        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string name;
            string? inlineValue = null;
            if (arg.StartsWith("--", StringComparison.Ordinal) && arg.IndexOf('=') is var eq and > 2)
            {
                name = arg[..eq];
                inlineValue = arg[(eq + 1)..];
            }
            else
            {
                name = arg;
            }

            switch (name)
            {
                case "--help":
                case "-h":
                    if (!NoValue(name, inlineValue, out error))
                        return false;
                    options = options with { Help = true };
                    break;
                case "--verbose":
                case "-v":
                    if (!NoValue(name, inlineValue, out error))
                        return false;
                    options = options with { Verbose = true };
                    break;
                case "--accept-any-community":
                    if (!NoValue(name, inlineValue, out error))
                        return false;
                    options = options with { AcceptAnyCommunity = true };
                    break;
                case "--listen":
                {
                    if (!Value(args, ref i, name, inlineValue, out var value, out error))
                        return false;
                    if (!ListenEndpoint.TryParse(value, out var endpoint, out var why))
                    {
                        error = $"--listen: {why}";
                        return false;
                    }
                    listen.Add(endpoint);
                    break;
                }
                case "--config":
                {
                    if (!Value(args, ref i, name, inlineValue, out var value, out error))
                        return false;
                    options = options with { ConfigFile = value };
                    break;
                }
                case "--community":
                {
                    if (!Value(args, ref i, name, inlineValue, out var value, out error))
                        return false;
                    communities.Add(value);
                    break;
                }
                case "--users-file":
                {
                    if (!Value(args, ref i, name, inlineValue, out var value, out error))
                        return false;
                    options = options with { UsersFile = value };
                    break;
                }
                case "--engine-id":
                {
                    if (!Value(args, ref i, name, inlineValue, out var value, out error))
                        return false;
                    if (!Snmp.EngineId.TryParse(value, out var engineId, out var why))
                    {
                        error = $"--engine-id: '{value}': {why}";
                        return false;
                    }
                    options = options with { EngineId = engineId.Octets };
                    break;
                }
                case "--state-dir":
                {
                    if (!Value(args, ref i, name, inlineValue, out var value, out error))
                        return false;
                    options = options with { StateDirectory = value };
                    break;
                }
                case "--cert" or "--key" or "--pfx" or "--pfx-password-file" or "--ca" or "--cert-map":
                {
                    if (!Value(args, ref i, name, inlineValue, out var value, out error))
                        return false;
                    options = options with { DtlsFiles = options.DtlsFiles.SetItem(DtlsKeys[name], value) };
                    break;
                }
                case "--cluster-port":
                {
                    if (!Value(args, ref i, name, inlineValue, out var value, out error))
                        return false;
                    if (!int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
                    {
                        error = $"--cluster-port: '{value}' is not a port number (1..65535)";
                        return false;
                    }
                    options = options with { ClusterPort = port };
                    break;
                }
                case "--cluster-host":
                {
                    if (!Value(args, ref i, name, inlineValue, out var value, out error))
                        return false;
                    options = options with { ClusterHost = value };
                    break;
                }
                case "--seed-node":
                {
                    if (!Value(args, ref i, name, inlineValue, out var value, out error))
                        return false;
                    var colon = value.LastIndexOf(':');
                    if (colon <= 0 || !int.TryParse(value[(colon + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seedPort) || seedPort is < 1 or > 65535)
                    {
                        error = $"--seed-node: '{value}' is not HOST:PORT";
                        return false;
                    }
                    seeds.Add(value);
                    break;
                }
                case "--role":
                {
                    if (!Value(args, ref i, name, inlineValue, out var value, out error))
                        return false;
                    switch (value)
                    {
                        case "receiver":
                            options = options with { Role = ClusterRole.Receiver };
                            break;
                        case "subscriber":
                            options = options with { Role = ClusterRole.Subscriber };
                            break;
                        default:
                            error = $"--role: '{value}' is not a role (expected receiver or subscriber)";
                            return false;
                    }
                    roleGiven = true;
                    break;
                }
                case "--format":
                {
                    if (!Value(args, ref i, name, inlineValue, out var value, out error))
                        return false;
                    switch (value)
                    {
                        case "json":
                            options = options with { Format = OutputFormat.Json, FormatGiven = true };
                            break;
                        case "text":
                            options = options with { Format = OutputFormat.Text, FormatGiven = true };
                            break;
                        default:
                            error = $"--format: '{value}' is not a format (expected json or text)";
                            return false;
                    }
                    break;
                }
                default:
                    error = arg.StartsWith('-') && arg.Length > 1
                        ? $"unknown option '{name}' (see --help)"
                        : $"unexpected argument '{arg}' (see --help)";
                    return false;
            }
        }

        options = options with { Listen = [.. listen], Communities = [.. communities], SeedNodes = [.. seeds] };
        if (options.ClusterPort is null && (seeds.Count > 0 || roleGiven))
        {
            error = "--seed-node and --role need --cluster-port";
            return false;
        }
        return true;
    }

    /// <summary>The DTLS file options and the trap-actors.dtls keys they set.</summary>
    private static readonly Dictionary<string, string> DtlsKeys = new(StringComparer.Ordinal)
    {
        ["--cert"] = "certificate-file",
        ["--key"] = "key-file",
        ["--pfx"] = "pkcs12-file",
        ["--pfx-password-file"] = "pkcs12-password-file",
        ["--ca"] = "trust-anchors-file",
        ["--cert-map"] = "cert-map-file",
    };

    private static bool NoValue(string name, string? inlineValue, out string error)
    {
        error = inlineValue is null ? "" : $"option {name} takes no value";
        return inlineValue is null;
    }

    /// <summary>The option's value: "--name=value" or the next argument (which must not look like an option).</summary>
    private static bool Value(IReadOnlyList<string> args, ref int i, string name, string? inlineValue, out string value, out string error)
    {
        error = "";
        if (inlineValue is not null)
        {
            value = inlineValue;
        }
        else if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
        {
            value = args[++i];
        }
        else
        {
            value = "";
            error = $"option {name} requires a value";
            return false;
        }
        if (value.Length == 0)
        {
            error = $"option {name} requires a non-empty value";
            return false;
        }
        return true;
    }
}
