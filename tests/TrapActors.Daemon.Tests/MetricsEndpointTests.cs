using System.Diagnostics.Metrics;
using System.Net;
using System.Text.RegularExpressions;
using TrapActors.Daemon.Tests.Infrastructure;
using Xunit;

namespace TrapActors.Daemon.Tests;

/// <summary>
/// The endpoint in this process, against instruments created here on a Meter named "TrapActors" (the library's name):
/// /metrics in the Prometheus text format (checked by promtool) with OpenTelemetry's names, /healthz from its callback.
/// </summary>
[Collection(MetricsEndpointTests.Name)]
public sealed class MetricsEndpointTests
{
    /// <summary>One Meter "TrapActors" at a time in this process: the tests read each other's instruments otherwise.</summary>
    public const string Name = "meter TrapActors in this process";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Serves_the_meter_in_the_prometheus_text_format_with_opentelemetry_names()
    {
        using var meter = new Meter(MetricsEndpoint.MeterName);
        var received = meter.CreateCounter<long>("trapactors.datagrams.received", "{datagram}", "Datagrams read from the sockets.");
        var dropped = meter.CreateCounter<long>("trapactors.datagrams.dropped", "{datagram}", "Datagrams dropped, by reason.");
        using var endpoint = MetricsEndpoint.Start(new MetricsAddress(IPAddress.Loopback, 0), () => (true, "ok\n"));
        Assert.NotEqual(0, endpoint.Address.Port);
        Assert.Equal($"metrics http://127.0.0.1:{endpoint.Address.Port}/metrics", endpoint.Line);
        received.Add(3);
        dropped.Add(2, new KeyValuePair<string, object?>("reason", "unknown-community"));

        var text = await Eventually(endpoint, body => Regex.IsMatch(body, @"(?m)^trapactors_datagrams_received_total(\{\})? 3$"));

        Assert.Contains("# TYPE trapactors_datagrams_received_total counter", text, StringComparison.Ordinal);
        Assert.Contains("\ntrapactors_datagrams_dropped_total{reason=\"unknown-community\"} 2\n", text, StringComparison.Ordinal);
        var (exitCode, output) = await Prometheus.CheckMetricsAsync(text, Timeout);
        Assert.True(exitCode == 0, $"promtool check metrics: {exitCode}\n{output}\n{text}");
    }

    [Fact]
    public async Task Healthz_answers_200_or_503_as_the_callback_says()
    {
        var healthy = true;
        using var endpoint = MetricsEndpoint.Start(new MetricsAddress(IPAddress.Loopback, 0), () => (healthy, healthy ? "ok\n" : "stopping\n"));
        var url = new Uri($"http://{endpoint.Address}/healthz");

        using (var ok = await Prometheus.Http.GetAsync(url))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.Equal("ok\n", await ok.Content.ReadAsStringAsync());
        }
        healthy = false;
        using (var stopping = await Prometheus.Http.GetAsync(url))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, stopping.StatusCode);
            Assert.Equal("stopping\n", await stopping.Content.ReadAsStringAsync());
        }
        using var other = await Prometheus.Http.GetAsync(new Uri($"http://{endpoint.Address}/other"));
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }

    [Fact]
    public void A_port_in_use_is_a_clear_failure()
    {
        using var first = MetricsEndpoint.Start(new MetricsAddress(IPAddress.Loopback, 0), () => (true, "ok\n"));
        var e = Assert.Throws<MetricsEndpointException>(() => MetricsEndpoint.Start(first.Address, () => (true, "ok\n")));
        Assert.StartsWith($"cannot serve metrics on {first.Address}: ", e.Message, StringComparison.Ordinal);
    }

    private static async Task<string> Eventually(MetricsEndpoint endpoint, Func<string, bool> condition)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (true)
        {
            var body = await Prometheus.Http.GetStringAsync(new Uri($"http://{endpoint.Address}/metrics"));
            if (condition(body))
                return body;
            Assert.True(DateTime.UtcNow < deadline, $"/metrics did not show what was expected:\n{body}");
            await Task.Delay(200);
        }
    }
}

/// <summary>See <see cref="MetricsEndpointTests.Name"/>.</summary>
[CollectionDefinition(MetricsEndpointTests.Name)]
public sealed class MetricsEndpointCollection;
