using System.Net;
using System.Text.RegularExpressions;
using TrapActors.Daemon.Tests.Infrastructure;
using TrapActors.Testing;
using Xunit;

namespace TrapActors.Daemon.Tests;

/// <summary>
/// The real daemon with --metrics 127.0.0.1:0: its /metrics checked by promtool and scraped by a real Prometheus server,
/// /healthz once listening, after traps from net-snmp's snmptrap. The tests that look for the library's instruments
/// (trapactors_datagrams_received_total, …) need the Meter "TrapActors" of the library (issue #17, item 1).
/// </summary>
[Collection(DaemonCollection.Name)]
public sealed partial class MetricsDaemonTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [GeneratedRegex(@"^metrics (http://127\.0\.0\.1:\d+)/metrics$")]
    private static partial Regex MetricsLine();

    private static async Task<(DaemonProcess Daemon, string Target, Uri Base)> StartAsync()
    {
        var daemon = DaemonProcess.Start("--listen", "udp:127.0.0.1:0", "--metrics", "127.0.0.1:0");
        var target = (await daemon.WaitForListeningAsync(1, Timeout))[0];
        var url = (await daemon.WaitForStderrAsync(MetricsLine(), Timeout)).Groups[1].Value;
        return (daemon, target, new Uri(url + "/"));
    }

    private static async Task Trap(string target, string community)
    {
        var result = await NetSnmpTools.SnmpTrapAsync("-v", "2c", "-c", community, target, "", "1.3.6.1.4.1.8072.2.3.0.1");
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public async Task Metrics_are_prometheus_text_and_healthz_is_200_once_listening()
    {
        var (daemon, _, url) = await StartAsync();
        await using var _ = daemon;

        using var health = await Prometheus.Http.GetAsync(new Uri(url, "healthz"));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("ok\n", await health.Content.ReadAsStringAsync());
        using var metrics = await Prometheus.Http.GetAsync(new Uri(url, "metrics"));
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        Assert.Equal("text/plain", metrics.Content.Headers.ContentType?.MediaType);
        var text = await metrics.Content.ReadAsStringAsync();
        Assert.Contains("target_info{service_name=\"trapactors\"", text, StringComparison.Ordinal);
        var (exitCode, output) = await Prometheus.CheckMetricsAsync(text, Timeout);
        Assert.True(exitCode == 0, $"promtool check metrics: {exitCode}\n{output}\n{text}");

        Assert.Equal(0, await daemon.StopAsync(DaemonProcess.SigTerm, Timeout));
        daemon.FinalStats();
    }

    [Fact]
    public async Task A_real_prometheus_server_scrapes_the_daemon()
    {
        var (daemon, _, url) = await StartAsync();
        await using var _ = daemon;
        await using var prometheus = await Prometheus.StartAsync(url.Authority, Timeout);

        var up = await EventuallyAsync(() => prometheus.QueryAsync("up{job=\"trapactors\"}"), s => s.Count == 1 && s[0].Value == 1);
        Assert.Equal(url.Authority, up[0].Labels["instance"]);
        Assert.Equal(0, await daemon.StopAsync(DaemonProcess.SigTerm, Timeout));
    }

    /// <summary>Needs the library's Meter "TrapActors" (branch wt-metrics, issue #17 item 1).</summary>
    [Fact]
    public async Task The_contract_names_appear_after_real_traps()
    {
        var (daemon, target, url) = await StartAsync();
        await using var _ = daemon;
        await Trap(target, "public");
        await Trap(target, "not-a-community");
        await daemon.ReadStdoutLinesAsync(1, Timeout);

        var text = await EventuallyAsync(() => Prometheus.Http.GetStringAsync(new Uri(url, "metrics")),
            t => Value(t, "trapactors_datagrams_received_total") >= 2 && Value(t, "trapactors_notifications_delivered_total") >= 1
                 && Value(t, "trapactors_datagrams_dropped_total", "reason=\"unknown-community\"") >= 1);
        var (exitCode, output) = await Prometheus.CheckMetricsAsync(text, Timeout);
        Assert.True(exitCode == 0, $"promtool check metrics: {exitCode}\n{output}\n{text}");
        Assert.Equal(0, await daemon.StopAsync(DaemonProcess.SigTerm, Timeout));
    }

    /// <summary>Needs the library's Meter "TrapActors" (branch wt-metrics, issue #17 item 1).</summary>
    [Fact]
    public async Task Prometheus_returns_the_received_count_after_a_trap()
    {
        var (daemon, target, url) = await StartAsync();
        await using var _ = daemon;
        await using var prometheus = await Prometheus.StartAsync(url.Authority, Timeout);
        await Trap(target, "public");
        await daemon.ReadStdoutLinesAsync(1, Timeout);

        var received = await EventuallyAsync(() => prometheus.QueryAsync("sum(trapactors_datagrams_received_total)"),
            s => s.Count == 1 && s[0].Value >= 1);
        Assert.Equal(1, received[0].Value);
        Assert.Equal(0, await daemon.StopAsync(DaemonProcess.SigTerm, Timeout));
    }

    /// <summary>The sum of the series of <paramref name="name"/> (whose labels contain <paramref name="label"/>); -1: none.</summary>
    private static double Value(string exposition, string name, string label = "")
    {
        var sum = -1.0;
        foreach (Match m in Regex.Matches(exposition, $@"(?m)^{Regex.Escape(name)}(?:\{{([^}}]*)\}})? (\S+)"))
        {
            if (label.Length > 0 && !m.Groups[1].Value.Contains(label, StringComparison.Ordinal))
                continue;
            sum = Math.Max(sum, 0) + double.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
        }
        return sum;
    }

    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var value = await read();
            if (done(value))
                return value;
            Assert.True(DateTime.UtcNow < deadline, $"not reached in time; last: {value}");
            await Task.Delay(250);
        }
    }
}
