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
        // A large users file is read on the second core while the configuration is built (decision 0041).
        var loadingUsers = options.UsersFile is { } usersFile
            ? Task.Run(() => (Loaded: UsersFile.TryLoad(usersFile, out var read, out var why), Users: read, Error: why))
            : Task.FromResult((Loaded: true, Users: ImmutableArray<UsmUser>.Empty, Error: ""));
        // The MIB modules too: they name what is printed, so they are loaded before the receiver binds.
        var loadingMibs = Task.Run(() => DaemonMibs.Load(options));
        if (!DaemonConfig.TryBuild(options, out var config, out var settings, out error))
            return Fail(stderr, error);
        var (loaded, users, usersError) = await loadingUsers.ConfigureAwait(false);
        if (!loaded)
            return Fail(stderr, usersError);

        TrapActors.Cluster.Remoting.ClusterTls? clusterTls = null;
        try
        {
            if (options.ClusterTls.Given)
                clusterTls = options.ClusterTls.Load();
        }
        catch (TrapActors.Cluster.Remoting.ClusterTlsException e)
        {
            return Fail(stderr, DaemonConfig.OneLine(e.Message));
        }

        // Standard output carries notifications only: it is written through its own stream, and anything else
        // that writes to Console.Out (a library's stray message) goes to standard error instead.
        var stdout = new BufferedStream(OpenStandardOutput(), 64 * 1024);
        Console.SetOut(stderr);
        var mibs = await loadingMibs.ConfigureAwait(false);
        foreach (var line in mibs.Lines)
            stderr.WriteLine(line);
        try
        {
            return await new DaemonHost(options, config, settings, users, stdout, stderr, clusterTls, mibs.Set).RunAsync().ConfigureAwait(false);
        }
        finally
        {
            await CloseQuietly(stdout).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A pipe or socket on file descriptor 1 is written as a file: a write whose reader went away fails (EPIPE) instead
    /// of vanishing, as it does through <see cref="Console.OpenStandardOutput()"/>, which pretends such a write succeeded.
    /// A regular file keeps the console stream: it writes at the descriptor's shared offset (FileStream would write at
    /// its own, over what standard error wrote to the same file), and reports its errors (a full disk).
    /// </summary>
    private static Stream OpenStandardOutput()
    {
        if (OperatingSystem.IsWindows())
            return Console.OpenStandardOutput();
        try
        {
            var file = new FileStream(new Microsoft.Win32.SafeHandles.SafeFileHandle(1, ownsHandle: false), FileAccess.Write, bufferSize: 0);
            if (!file.CanSeek)
                return file;
            file.Dispose();
        }
        catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException)
        {
            // closed or not writable: as before
        }
        return Console.OpenStandardOutput();
    }

    /// <summary>After a failed write the buffer still holds what did not go out: closing tries once more, and fails again (already reported).</summary>
    private static async Task CloseQuietly(Stream stdout)
    {
        try
        {
            await stdout.DisposeAsync().ConfigureAwait(false);
        }
        catch (IOException)
        {
            // The failure was reported (and counted) when the write first failed; the exit status already says so.
        }
    }

    private static int Fail(TextWriter stderr, string error)
    {
        foreach (var line in error.Split('\n'))
            stderr.WriteLine($"trapactors: {line}");
        return 2;
    }
}
