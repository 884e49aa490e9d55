using System.Collections.Concurrent;
using Org.BouncyCastle.Tls;

namespace TrapActors.Dtls;

/// <summary>Thrown into BouncyCastle's record layer once the association is closed, so its receive loop ends instead of spinning.</summary>
internal sealed class DatagramTransportClosedException() : IOException("the DTLS association's transport is closed");

/// <summary>
/// BouncyCastle's view of one peer's datagrams: the listener feeds what the socket read from that peer, and what
/// BouncyCastle sends goes out through the listener's socket. During the handshake the records of one flight are packed
/// into as few datagrams as fit <c>maxSendSize</c>, and sent when BouncyCastle starts waiting for the peer's answer:
/// BouncyCastle writes one datagram per record, and net-snmp's one-shot tools read only a handful of datagrams before
/// giving up (decision 0015).
/// </summary>
internal sealed class ChannelDatagramTransport(int maxSendSize, Action<byte[]> send, int queueCapacity = 256) : DatagramTransport
{
    private readonly BlockingCollection<byte[]> _incoming = new(queueCapacity);
    private readonly MemoryStream _flight = new();
    private readonly object _sendLock = new();
    private volatile bool _closed;
    private bool _packing = true;
    private long _lastOfferedAt = Environment.TickCount64;

    /// <summary>Datagrams offered and not yet read by BouncyCastle.</summary>
    public int Queued => _incoming.Count;

    /// <summary>When the peer's last datagram was offered (<see cref="Environment.TickCount64"/>).</summary>
    public long LastOfferedAt => Volatile.Read(ref _lastOfferedAt);

    /// <summary>From the listener: a datagram of this peer. False when the queue is full (the caller counts it) or the transport closed.</summary>
    public bool Offer(byte[] datagram)
    {
        Volatile.Write(ref _lastOfferedAt, Environment.TickCount64);
        if (_closed)
            return false;
        try
        {
            return _incoming.TryAdd(datagram);
        }
        catch (InvalidOperationException)
        {
            return false;   // completed by Close meanwhile
        }
    }

    /// <summary>After the handshake: send what is packed, and from now on every record at once.</summary>
    public void StopPacking()
    {
        lock (_sendLock)
        {
            FlushFlight();
            _packing = false;
        }
    }

    public int GetReceiveLimit() => 65535;

    public int GetSendLimit() => maxSendSize;

    public int Receive(byte[] buf, int off, int len, int waitMillis) => Receive(buf.AsSpan(off, len), waitMillis);

    public int Receive(Span<byte> buffer, int waitMillis)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(waitMillis);
        lock (_sendLock)
            FlushFlight();   // BouncyCastle waits for the peer: the flight is complete
        if (_closed && _incoming.Count == 0)
            throw new DatagramTransportClosedException();
        try
        {
            if (!_incoming.TryTake(out var datagram, waitMillis == 0 ? Timeout.Infinite : waitMillis))
                return _closed ? throw new DatagramTransportClosedException() : -1;
            if (datagram.Length > buffer.Length)
                return -1;   // cannot be a record of ours; BouncyCastle would drop it anyway
            datagram.CopyTo(buffer);
            return datagram.Length;
        }
        catch (InvalidOperationException)
        {
            throw new DatagramTransportClosedException();
        }
    }

    public void Send(byte[] buf, int off, int len) => Send(buf.AsSpan(off, len));

    public void Send(ReadOnlySpan<byte> buffer)
    {
        lock (_sendLock)
        {
            if (!_packing)
            {
                send(buffer.ToArray());
                return;
            }
            if (_flight.Length > 0 && _flight.Length + buffer.Length > maxSendSize)
                FlushFlight();
            _flight.Write(buffer);
        }
    }

    private void FlushFlight()
    {
        if (_flight.Length == 0)
            return;
        send(_flight.ToArray());
        _flight.SetLength(0);
    }

    public void Close()
    {
        lock (_sendLock)
            FlushFlight();
        _closed = true;
        _incoming.CompleteAdding();
    }
}
