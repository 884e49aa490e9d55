using System.Collections.Immutable;

namespace TrapActors.Daemon;

public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var stderr = Console.Error;
        if (!CommandLine.TryParse(args, out var options, out var error))
            return Fail(stderr, error);
        if (options.Help)
        {
            Console.Out.Write(CommandLine.HelpText);
            return 0;
        }
        if (options.Version)
        {
            Console.Out.WriteLine(CommandLine.Version);
            return 0;
        }
        if (!DaemonConfig.TryBuild(options, out var config, out var settings, out error))
            return Fail(stderr, error);
        ImmutableArray<UsmUser> users = [];
        if (options.UsersFile is { } usersFile && !UsersFile.TryLoad(usersFile, out users, out error))
            return Fail(stderr, error);

        // Standard output carries notifications only: it is written through its own stream, and anything else
        // that writes to Console.Out (a library's stray message) goes to standard error instead.
        var stdout = new BufferedStream(Console.OpenStandardOutput(), 64 * 1024);
        Console.SetOut(stderr);
        await using (stdout.ConfigureAwait(false))
            return await new DaemonHost(options, config, settings, users, stdout, stderr).RunAsync().ConfigureAwait(false);
    }

    private static int Fail(TextWriter stderr, string error)
    {
        stderr.WriteLine($"trapactors: {error}");
        return 2;
    }
}
