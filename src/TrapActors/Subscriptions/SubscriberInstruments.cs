using System.Diagnostics.Metrics;
using TrapActors.Diagnostics;

namespace TrapActors.Subscriptions;

/// <summary>
/// The per-subscriber instruments (docs/metrics.md), read from the subscription snapshot at collection: one series per
/// current subscriber, attributed with its actor path; a subscriber that unsubscribes leaves the series.
/// </summary>
internal static class SubscriberInstruments
{
    public static void Register(ReceiverMetrics metrics, SubscriptionTable subscriptions)
    {
        metrics.Meter.CreateObservableUpDownCounter("trapactors.subscriber.queue.depth",
            () => Each(metrics, subscriptions, s => s.Queued), "{notification}",
            "Notifications in the subscriber's mailbox (or its drop-oldest ring) now; 0 for a remote subscriber.");
        metrics.Meter.CreateObservableUpDownCounter("trapactors.subscriber.queue.limit",
            () => Each(metrics, subscriptions, s => s.Queue.Capacity), "{notification}",
            "The subscriber's queue capacity (its SubscriberQueue).");
        metrics.Meter.CreateObservableCounter("trapactors.subscriber.notifications.delivered",
            () => Each(metrics, subscriptions, s => s.Delivered), "{notification}",
            "Notifications put into the subscriber's mailbox.");
        metrics.Meter.CreateObservableCounter("trapactors.subscriber.notifications.dropped",
            () => Each(metrics, subscriptions, s => s.Dropped), "{notification}",
            "Notifications the subscriber's overflow policy dropped.");
    }

    private static IEnumerable<Measurement<long>> Each(ReceiverMetrics metrics, SubscriptionTable subscriptions, Func<SubscriberStats, long> read) =>
        subscriptions.Stats().Select(s => new Measurement<long>(read(s), metrics.Tags(TrapReceiverMetrics.SubscriberAttribute, s.Subscriber.Path.ToString())));
}
