using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Akka.Actor;

namespace TrapActors.Daemon;

/// <summary>
/// SIGHUP: reads --config, --users-file (and the --cert-map it names, through the configuration) again as the start
/// does and, when everything parses, puts the users, communities, access rules and certificate map in force without
/// rebinding (the receiver's <see cref="ReconfigureTrapReceiver"/>). One line on standard error says what changed,
/// or why nothing did ("FILE:LINE: reason"); never a password, key or community.
/// </summary>
public sealed class ConfigReload : IDisposable
{
    public static readonly TimeSpan ReloadTimeout = TimeSpan.FromSeconds(30);

    private readonly DaemonOptions _options;
    private readonly IActorRef _receiver;
    private readonly TextWriter _stderr;
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private readonly PosixSignalRegistration? _registration;

    private ConfigReload(DaemonOptions options, IActorRef receiver, TextWriter stderr)
    {
        _options = options;
        _receiver = receiver;
        _stderr = stderr;
        if (!OperatingSystem.IsWindows())
        {
            _registration = PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
            {
                // Handled here: the runtime's default for SIGHUP would stop the process.
                context.Cancel = true;
                _ = Task.Run(ReloadAsync);
            });
        }
    }

    /// <summary>Reloads on every SIGHUP until disposed (nothing on Windows, which has no SIGHUP).</summary>
    public static ConfigReload OnSighup(DaemonOptions options, IActorRef receiver, TextWriter stderr) => new(options, receiver, stderr);

    /// <summary>
    /// What the start reads, read again: the layered configuration (validated as at start) and the users file.
    /// On failure <paramref name="error"/> is the start's error text ("FILE:LINE: reason"), and nothing is sent.
    /// </summary>
    public static bool TryRead(DaemonOptions options, out ReconfigureTrapReceiver command, out string error)
    {
        command = null!;
        if (!DaemonConfig.TryBuild(options, out var config, out _, out error))
            return false;
        ImmutableArray<UsmUser>? users = null;
        if (options.UsersFile is { } path)
        {
            if (!UsersFile.TryLoad(path, out var read, out error))
                return false;
            users = read;
        }
        command = new ReconfigureTrapReceiver { Configuration = config, Communities = options.Communities, Users = users };
        return true;
    }

    /// <summary>One reload; the line it printed. Reloads from signals in quick succession run one after the other.</summary>
    public async Task<string> ReloadAsync()
    {
        await _oneAtATime.WaitAsync().ConfigureAwait(false);
        try
        {
            var line = await ReloadLineAsync().ConfigureAwait(false);
            _stderr.WriteLine(line);
            _stderr.Flush();
            return line;
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    private async Task<string> ReloadLineAsync()
    {
        const string Kept = "trapactors: reload failed, the running configuration is kept: ";
        if (!TryRead(_options, out var command, out var error))
            return Kept + string.Join("; ", error.Split('\n'));
        try
        {
            var reply = await _receiver.Ask<TrapReceiverReconfigured>(command, ReloadTimeout).ConfigureAwait(false);
            return "reloaded: " + reply.Summary;
        }
        catch (Exception e)
        {
            // The receiver checked everything before changing anything (a cert-map line: "FILE:LINE: reason").
            return Kept + DaemonConfig.OneLine(e.Message);
        }
    }

    public void Dispose()
    {
        _registration?.Dispose();
        _oneAtATime.Dispose();
    }
}
