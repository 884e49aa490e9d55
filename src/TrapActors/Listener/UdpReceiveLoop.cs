using System.Net.Sockets;
using Akka.Actor;
using TrapActors.Transport;

namespace TrapActors.Listener;

/// <summary>
/// Reads datagrams on a dedicated thread (through a <see cref="DatagramReader"/>) and tells each to the listener as an
/// owned copy, with its source and the local endpoint it arrived on. While
/// paused, while listener.max-in-flight datagrams are still being handled, or while the ingress throttle is closed
/// (a back-pressure subscriber catches up), it stops reading, so datagrams wait in the socket's receive buffer.
/// </summary>
internal sealed class UdpReceiveLoop : IDisposable
{
    /// <summary>Large enough for any UDP payload, so no datagram is ever truncated.</summary>
    private const int BufferSize = 65536;

    private readonly Socket _socket;
    private readonly IActorRef _listener;
    private readonly TimeProvider _time;
    private readonly ManualResetEventSlim _accepting;
    private readonly InFlightGate _inFlight;
    private readonly IngressThrottle _throttle;
    private readonly DatagramReader _reader;
    private readonly Thread _thread;
    private volatile bool _closed;

    /// <summary>One delegate for the loop's whole life: a lambda per datagram would allocate 64 bytes each time.</summary>
    private readonly Func<bool> _isClosed;

    public UdpReceiveLoop(Socket socket, IActorRef listener, TimeProvider time, InFlightGate inFlight, IngressThrottle throttle, bool accepting, string name)
    {
        _inFlight = inFlight;
        _throttle = throttle;
        _isClosed = () => _closed;
        _socket = socket;
        _listener = listener;
        _time = time;
        // Made here, on the thread that bound the socket: the receive thread may first run after Dispose closed it.
        _reader = DatagramReader.For(socket);
        _accepting = new ManualResetEventSlim(accepting);
        _thread = new Thread(Run) { IsBackground = true, Name = name };
    }

    public void Start() => _thread.Start();

    /// <summary>Whether the receive thread is still running.</summary>
    public bool IsRunning => _thread.IsAlive;

    public void SetAccepting(bool accepting)
    {
        if (accepting)
            _accepting.Set();
        else
            _accepting.Reset();
    }

    private void Run()
    {
        var buffer = new byte[BufferSize];
        while (!_closed)
        {
            try
            {
                _accepting.Wait();
                _inFlight.WaitForRoom(_isClosed);
                _throttle.WaitWhileClosed(_isClosed);
                var length = _reader.Receive(buffer, out var source, out var local);
                var data = buffer.AsSpan(0, length).ToArray();
                var receivedAt = _time.GetUtcNow();
                _accepting.Wait();
                if (_closed)
                    return;
                _inFlight.Enter();
                _listener.Tell(new InboundDatagram(data, source, local, receivedAt), ActorRefs.NoSender);
            }
            catch (SocketException e) when (!_closed && e.SocketErrorCode is SocketError.ConnectionReset or SocketError.MessageSize)
            {
                // ICMP errors reported on the socket and oversize datagrams concern one peer, not the listener.
            }
            catch (Exception) when (_closed)
            {
                return;   // the socket was closed under the read
            }
            catch (Exception e)
            {
                _listener.Tell(new ReceiveLoopFailed(e), ActorRefs.NoSender);
                return;
            }
        }
    }

    public void Dispose()
    {
        _closed = true;
        _socket.Dispose();
        _accepting.Set();
        if (_thread.IsAlive && Thread.CurrentThread != _thread)
            _thread.Join(TimeSpan.FromSeconds(5));
        _accepting.Dispose();
    }
}
