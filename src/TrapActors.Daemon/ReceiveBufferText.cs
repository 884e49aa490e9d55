using System.Globalization;

namespace TrapActors.Daemon;

/// <summary>
/// The receive buffer each endpoint got, printed at start: without CAP_NET_ADMIN Linux caps the configured size
/// (listener.receive-buffer-size) at net.core.rmem_max without a word, and a trap storm then overflows a buffer far
/// smaller than the one configured.
/// </summary>
public static class ReceiveBufferText
{
    /// <summary>The most Linux grants even with CAP_NET_ADMIN (SO_RCVBUFFORCE): half of int.MaxValue.</summary>
    public const int KernelLimit = int.MaxValue / 2;

    /// <summary>"receive buffer udp 127.0.0.1:162 4194304 bytes"; null when the size is unknown.</summary>
    public static string? Line(BoundEndpoint endpoint) =>
        endpoint.ReceiveBufferSize > 0
            ? $"receive buffer {endpoint.Transport} {SnmpText.EndPoint(endpoint.LocalEndPoint)} {Number(endpoint.ReceiveBufferSize)} bytes"
            : null;

    /// <summary>Why the endpoint's buffer is smaller than <paramref name="configured"/>, and how to raise it; null when it is not.</summary>
    public static string? Warning(BoundEndpoint endpoint, int configured)
    {
        var granted = endpoint.ReceiveBufferSize;
        if (configured <= 0 || granted <= 0 || granted >= configured)
            return null;
        var what = $"The receive buffer of {endpoint.Transport} {SnmpText.EndPoint(endpoint.LocalEndPoint)} is {Number(granted)} bytes, " +
            $"not the {Number(configured)} configured (trap-actors.listener.receive-buffer-size): ";
        return granted >= KernelLimit
            ? what + $"the kernel grants at most {Number(KernelLimit)} bytes"
            : what + "the kernel caps it at net.core.rmem_max unless the daemon has CAP_NET_ADMIN; " +
              $"raise the cap with: sysctl -w net.core.rmem_max={Number(configured)}";
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
