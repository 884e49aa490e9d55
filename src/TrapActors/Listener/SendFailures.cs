using System.Net;
using System.Net.Sockets;
using Akka.Event;
using TrapActors.Diagnostics;

namespace TrapActors.Listener;

/// <summary>
/// A send the socket refused (an address it cannot reach, EPERM from a local firewall, a closed port): a sender can make
/// every answer fail, so the Warning and the <see cref="TrapReceiverErrorOccurred"/> go through the rate limits
/// (events.max-log-lines-per-second, events.max-per-second); the rest are counted in LogLinesSuppressed and
/// EventsSuppressed.
/// </summary>
internal static class SendFailures
{
    /// <summary>Logs and publishes one failed send of <paramref name="bytes"/> bytes to <paramref name="target"/>, naming <paramref name="over"/> (a transport such as DTLS; null for plain UDP).</summary>
    public static void Report(ReceiverDiagnostics diagnostics, ILoggingAdapter log, SocketException e, int bytes, IPEndPoint target, string? over = null)
    {
        var via = over is null ? "" : $" over {over}";
        if (diagnostics.LogLines.TryTake())
            log.Warning("Cannot send {0} bytes{1} to {2}: {3}", bytes, via, target, e.Message);
        if (diagnostics.Events.TryTake())
            diagnostics.Publish(new TrapReceiverErrorOccurred(UdpSocketFactory.ErrorCode(e), $"cannot send to {target}{via}: {e.Message}"));
    }
}
