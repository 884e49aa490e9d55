using System.Net.Sockets;
using System.Text;

namespace TrapActors.Daemon.Tests.Infrastructure;

/// <summary>
/// What systemd's NOTIFY_SOCKET is for a Type=notify service: a Unix datagram socket, here bound in a temporary
/// directory, that receives the daemon's sd_notify messages ("READY=1\nSTATUS=…").
/// </summary>
internal sealed class NotifySocket : IDisposable
{
    private readonly string _directory;
    private readonly Socket _socket;

    public NotifySocket()
    {
        _directory = Directory.CreateTempSubdirectory("trapactors-notify-").FullName;
        Path = System.IO.Path.Combine(_directory, "notify");
        _socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        _socket.Bind(new UnixDomainSocketEndPoint(Path));
    }

    /// <summary>The value of NOTIFY_SOCKET.</summary>
    public string Path { get; }

    /// <summary>Messages received and not yet read (the sender's datagram is queued here when its send returns).</summary>
    public int Pending => _socket.Available;

    /// <summary>The next message, as its fields (READY=1, STATUS=…) in order.</summary>
    public async Task<IReadOnlyList<string>> ReceiveAsync(TimeSpan timeout)
    {
        var buffer = new byte[4096];
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            var length = await _socket.ReceiveAsync(buffer, SocketFlags.None, cts.Token);
            return Encoding.UTF8.GetString(buffer, 0, length).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"no sd_notify message on {Path} within {timeout}");
        }
    }

    public void Dispose()
    {
        _socket.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
