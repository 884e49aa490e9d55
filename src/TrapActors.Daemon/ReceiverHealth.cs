using System.Net;
using Akka.Actor;

namespace TrapActors.Daemon;

/// <summary>
/// What /healthz answers: healthy while every endpoint the receiver bound at activation is still bound and the daemon is
/// not stopping. Fed by <see cref="ReceiverHealthActor"/> (bind and unbind events) and by the shutdown's first phase.
/// </summary>
public sealed class ReceiverHealth
{
    private readonly object _lock = new();
    private readonly HashSet<string> _expected = new(StringComparer.Ordinal);
    private readonly HashSet<string> _bound = new(StringComparer.Ordinal);
    private bool _activated;
    private bool _stopping;

    /// <summary>True while every endpoint is bound and the daemon is not stopping.</summary>
    public bool Healthy
    {
        get
        {
            lock (_lock)
                return _activated && !_stopping && _bound.IsSupersetOf(_expected);
        }
    }

    /// <summary>The endpoints bound at activation: the ones that must stay bound.</summary>
    public void Activated(IEnumerable<BoundEndpoint> endpoints)
    {
        lock (_lock)
        {
            foreach (var endpoint in endpoints)
            {
                _expected.Add(endpoint.Configured);
                _bound.Add(endpoint.Configured);
            }
            _activated = true;
        }
    }

    /// <summary>An endpoint was bound (again).</summary>
    public void Bound(BoundEndpoint endpoint)
    {
        lock (_lock)
            _bound.Add(endpoint.Configured);
    }

    /// <summary>An endpoint was unbound.</summary>
    public void Unbound(BoundEndpoint endpoint)
    {
        lock (_lock)
            _bound.Remove(endpoint.Configured);
    }

    /// <summary>The daemon is shutting down: unhealthy from now on.</summary>
    public void Stopping()
    {
        lock (_lock)
            _stopping = true;
    }

    /// <summary>"bound udp:127.0.0.1:0" lines for the /healthz body; what is missing, or "stopping".</summary>
    public string Describe()
    {
        lock (_lock)
        {
            if (_stopping)
                return "stopping\n";
            if (!_activated)
                return "not bound yet\n";
            var missing = _expected.Except(_bound).Order(StringComparer.Ordinal).ToList();
            return missing.Count == 0 ? "ok\n" : string.Concat(missing.Select(m => $"not bound {m}\n"));
        }
    }

    /// <summary>
    /// Watches <paramref name="system"/>'s receiver: its bind events, and the first phase of coordinated shutdown, which
    /// marks this stopping before anything is unbound. Called before the receiver is activated.
    /// </summary>
    public void Watch(ActorSystem system)
    {
        system.ActorOf(ReceiverHealthActor.Props(this), "trapactors-health");
        CoordinatedShutdown.Get(system).AddTask(CoordinatedShutdown.PhaseBeforeServiceUnbind, "trapactors-health-stopping", () =>
        {
            Stopping();
            return Task.FromResult(Akka.Done.Instance);
        });
    }

    /// <summary>For tests: an endpoint value with <paramref name="configured"/>.</summary>
    internal static BoundEndpoint Endpoint(string configured) => new(configured, "udp", new IPEndPoint(IPAddress.Loopback, 0));
}
