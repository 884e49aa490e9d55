using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using TrapActors.Testing;
using Xunit;

namespace TrapActors.Hosting.Tests;

/// <summary>
/// The path of an application that exports metrics: nothing to enable in the receiver; it listens to the meter named
/// "TrapActors" (as OpenTelemetry's AddMeter does) and finds its receiver by the ActorSystem's name.
/// </summary>
public class MetricsHostingTests
{
    private const string Name = "metrics-host";

    [Fact]
    public async Task A_hosted_receiver_reports_under_the_meter_name_with_its_system_name()
    {
        Assert.True(NetSnmpTools.Available, "net-snmp is not installed");
        var latest = new ConcurrentDictionary<string, long>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == TrapReceiverMetrics.MeterName)
                    l.EnableMeasurementEvents(instrument);
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == TrapReceiverMetrics.ReceiverAttribute && Equals(tag.Value, Name) && tags.Length == 1)
                    latest[instrument.Name] = value;
            }
        });
        listener.Start();
        await using var host = new TrapHost(name: Name);
        await host.StartAsync();
        var target = await host.EndPointAsync();

        var result = await NetSnmpTools.SnmpTrapAsync("-v", "2c", "-c", "public", $"127.0.0.1:{target.Port}", "42", "1.3.6.1.6.3.1.1.5.3");
        Assert.True(result.ExitCode == 0, $"snmptrap: {result}");
        await host.NextAsync<TrapReceived>(TimeSpan.FromSeconds(10));

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        do
        {
            listener.RecordObservableInstruments();
            if (latest.GetValueOrDefault("trapactors.notifications.delivered") == 1)
                break;
            await Task.Delay(50);
        }
        while (DateTime.UtcNow < deadline);
        Assert.Equal(1, latest.GetValueOrDefault("trapactors.datagrams.received"));
        Assert.Equal(1, latest.GetValueOrDefault("trapactors.notifications.delivered"));
    }
}
