namespace TrapActors.Listener;

/// <summary>
/// What a listener holds while it listens: a bound UDP socket (<see cref="ListenerSocket"/>) or an application's
/// in-memory endpoint (<see cref="InMemorySocket"/>). Either tells the listener each datagram as an
/// <see cref="Transport.InboundDatagram"/> and sends what it is given.
/// </summary>
internal interface IListenerSocket : IOutboundSocket, IDisposable
{
    BoundEndpoint Bound { get; }

    /// <summary>Pauses (false) or resumes (true) the delivery of datagrams; returns once the switch is in force.</summary>
    void SetAccepting(bool accepting);

    /// <summary>Stops delivering: every datagram delivered before is already in the listener's mailbox when it returns.</summary>
    void Unbind();
}
