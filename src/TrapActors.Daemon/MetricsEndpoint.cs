using System.Net;
using System.Net.Sockets;
using System.Text;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace TrapActors.Daemon;

/// <summary>
/// --metrics HOST:PORT: the Meter "TrapActors" in the Prometheus text format at /metrics (OpenTelemetry's Prometheus
/// exporter), and /healthz on the same port: 200 while <paramref name="healthy"/> says so, else 503. Both are
/// <see cref="HttpListener"/>s sharing one socket (decision 0049). Nothing of this is loaded without --metrics.
/// </summary>
public sealed class MetricsEndpoint : IDisposable
{
    /// <summary>The meter the daemon exports: the library's.</summary>
    public const string MeterName = "TrapActors";

    private readonly HttpListener _health;
    private readonly MeterProvider _provider;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _healthLoop;

    private MetricsEndpoint(MetricsAddress bound, HttpListener health, MeterProvider provider, Func<(bool Healthy, string Text)> healthy)
    {
        Address = bound;
        _health = health;
        _provider = provider;
        _healthLoop = Task.Run(() => ServeHealthAsync(healthy));
    }

    /// <summary>The address and port serving, port 0 resolved.</summary>
    public MetricsAddress Address { get; }

    /// <summary>"metrics http://127.0.0.1:9464/metrics": printed on standard error once serving.</summary>
    public string Line => $"metrics http://{Address}/metrics";

    /// <summary>Serves on <paramref name="address"/>; throws <see cref="MetricsEndpointException"/> when it cannot (port in use).</summary>
    public static MetricsEndpoint Start(MetricsAddress address, Func<(bool Healthy, string Text)> healthy)
    {
        // HttpListener cannot bind port 0: a free port is taken from the system first. Another process could take it
        // in between; the start then fails as for a port in use, and says so.
        var bound = address.Port == 0 ? address with { Port = FreePort(address.Address) } : address;
        var host = IsAny(bound.Address) ? "+" : bound.UrlHost;
        var health = new HttpListener();
        health.Prefixes.Add($"http://{host}:{bound.Port}/healthz/");
        try
        {
            health.Start();
        }
        catch (HttpListenerException e)
        {
            health.Close();
            throw new MetricsEndpointException($"cannot serve metrics on {address}: {e.Message}", e);
        }
        try
        {
            var provider = Sdk.CreateMeterProviderBuilder()
                .AddMeter(MeterName)
                .ConfigureResource(r => r.AddService("trapactors", serviceVersion: CommandLine.Version))
                .AddPrometheusHttpListener(o =>
                {
                    o.Host = host;
                    o.Port = bound.Port;
                    o.ScrapeEndpointPath = "/metrics";
                    // One meter: an otel_scope_name="TrapActors" label on every series would say nothing.
                    o.ScopeInfoEnabled = false;
                })
                .Build();
            return new MetricsEndpoint(bound, health, provider, healthy);
        }
        catch (Exception e) when (e is HttpListenerException or InvalidOperationException)
        {
            health.Close();
            throw new MetricsEndpointException($"cannot serve metrics on {address}: {(e.InnerException ?? e).Message}", e);
        }
    }

    private static bool IsAny(IPAddress address) => address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any);

    private static int FreePort(IPAddress address)
    {
        using var probe = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(address, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }

    private async Task ServeHealthAsync(Func<(bool Healthy, string Text)> healthy)
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _health.GetContextAsync().WaitAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or HttpListenerException or ObjectDisposedException)
            {
                return;
            }
            try
            {
                var (ok, text) = healthy();
                var body = Encoding.UTF8.GetBytes(text);
                context.Response.StatusCode = ok ? 200 : 503;
                context.Response.ContentType = "text/plain; charset=utf-8";
                context.Response.ContentLength64 = body.Length;
                await context.Response.OutputStream.WriteAsync(body, _stop.Token).ConfigureAwait(false);
                context.Response.Close();
            }
            catch (Exception e) when (e is HttpListenerException or IOException or OperationCanceledException or ObjectDisposedException)
            {
                context.Response.Abort();
            }
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _stop.Cancel();
        _health.Close();
        _provider.Dispose();
        _healthLoop.Wait(TimeSpan.FromSeconds(5));
        _stop.Dispose();
    }
}

/// <summary>The metrics endpoint could not start (its port is in use, the address is not this host's).</summary>
public sealed class MetricsEndpointException(string message, Exception inner) : Exception(message, inner);
