using System.Globalization;
using System.Net.Sockets;

namespace TrapActors.Listener;

/// <summary>
/// Datagrams the kernel dropped because this socket's receive buffer was full: they never reach the receiver,
/// so no counter of ours sees them. On Linux the count is the "drops" column of /proc/net/udp{,6} for the
/// socket's inode; elsewhere it is unknown (0).
/// </summary>
internal sealed class SocketDropCounter
{
    private readonly string? _inode;

    public SocketDropCounter(Socket socket)
    {
        try
        {
            var link = new FileInfo($"/proc/self/fd/{socket.Handle.ToInt64()}").LinkTarget;
            if (link is not null && link.StartsWith("socket:[", StringComparison.Ordinal))
                _inode = link["socket:[".Length..^1];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            _inode = null;
        }
    }

    public long Read()
    {
        if (_inode is null)
            return 0;
        foreach (var table in (ReadOnlySpan<string>)["/proc/net/udp", "/proc/net/udp6"])
        {
            try
            {
                foreach (var line in File.ReadLines(table).Skip(1))
                {
                    var columns = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    if (columns.Length >= 13 && columns[9] == _inode)
                        return long.Parse(columns[12], CultureInfo.InvariantCulture);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
            {
                return 0;
            }
        }
        return 0;
    }
}
