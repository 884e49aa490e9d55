using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Systemd;
using Serilog;

namespace TrapActors.Daemon;

/// <summary>
/// The sd_notify(3) messages of a Type=notify service: READY=1 once every endpoint is bound (after the daemon printed
/// its listening lines, not when the host starts: decision 0051), STOPPING=1 when shutdown begins, and STATUS= lines
/// that systemctl status shows. Without NOTIFY_SOCKET (not under systemd, or another Type=) it sends nothing.
/// </summary>
public sealed class SystemdReadiness : IDisposable
{
    private readonly ISystemdNotifier _notifier;
    private CancellationTokenRegistration _stopping;

    /// <param name="notifier">Where the messages go; <see cref="SystemdNotifier"/> reads NOTIFY_SOCKET.</param>
    public SystemdReadiness(ISystemdNotifier notifier) => _notifier = notifier;

    /// <summary>From this process's environment (NOTIFY_SOCKET).</summary>
    public static SystemdReadiness FromEnvironment() => new(new SystemdNotifier());

    /// <summary>Whether systemd waits for these messages (NOTIFY_SOCKET is set).</summary>
    public bool IsEnabled => _notifier.IsEnabled;

    /// <summary>STOPPING=1 as soon as the host is asked to stop (SIGTERM, SIGINT, or a failed standard output).</summary>
    public void StopWith(IHostApplicationLifetime lifetime)
    {
        if (IsEnabled)
            _stopping = lifetime.ApplicationStopping.Register(() => Send("STOPPING=1\nSTATUS=stopping"));
    }

    /// <summary>READY=1 with a status naming what the daemon is doing (e.g. "listening udp 0.0.0.0:162").</summary>
    public void Ready(string status) => Send($"READY=1\nSTATUS={OneLine(status)}");

    /// <summary>The listening endpoints as one status line.</summary>
    public static string ListeningStatus(IEnumerable<BoundEndpoint> endpoints) =>
        "listening " + string.Join(", ", endpoints.Select(e => $"{e.Transport} {SnmpText.EndPoint(e.LocalEndPoint)}"));

    /// <summary>A status line of its own (e.g. why the daemon could not start), shown by systemctl status.</summary>
    public void Status(string status) => Send($"STATUS={OneLine(status)}");

    /// <inheritdoc />
    public void Dispose() => _stopping.Dispose();

    private void Send(string message)
    {
        if (!IsEnabled)
            return;
        try
        {
            _notifier.Notify(new ServiceState(message));
        }
        catch (Exception e) when (e is SocketException or IOException or ObjectDisposedException)
        {
            // systemd waits for READY=1 until TimeoutStartSec and then stops the service: the operator learns why here.
            Log.Warning("Cannot notify systemd ({Message}): {Reason}", message.Split('\n')[0], e.Message);
        }
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
