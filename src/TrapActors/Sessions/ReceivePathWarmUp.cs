using System.Diagnostics;
using System.Net;
using Akka.Actor;
using TrapActors.Security;
using TrapActors.Snmp;
using TrapActors.Subscriptions;
using TrapActors.Transport;

namespace TrapActors.Sessions;

/// <summary>
/// Exercises what a session does with each datagram before a UDP listener binds (decision 0039): decoding, the
/// community check, USM (timeliness, HMAC verification, AES decryption), the notification and the offer to a
/// subscriber, over <see cref="WarmUpDatagrams"/>. A process that just started otherwise compiles all of it while the
/// first datagrams queue in the socket. Everything it touches is its own: a community table, a USM runtime with its
/// own engine and users, a subscription table whose one subscriber is <see cref="ActorRefs.Nobody"/>. Nothing is
/// counted, published or delivered to the receiver's subscribers.
/// </summary>
internal static class ReceivePathWarmUp
{
    /// <summary>Rounds (each: every warm-up datagram once) of the first warm-up in a process, within <see cref="Budget"/>.</summary>
    public const int FirstRounds = 2000;

    /// <summary>Rounds of later warm-ups: the code is compiled by then; they only check the path still works.</summary>
    public const int LaterRounds = 4;

    /// <summary>The longest the first warm-up runs (more rounds than this allows are skipped).</summary>
    public static readonly TimeSpan Budget = TimeSpan.FromMilliseconds(300);

    private static int _completed;

    /// <summary>What a warm-up did: datagrams handled, notifications its own subscriber was offered, time taken.</summary>
    public readonly record struct Result(int Datagrams, int Delivered, TimeSpan Elapsed)
    {
        public override string ToString() =>
            $"{Datagrams} synthetic datagrams, {Delivered} offered to its own subscriber, in {(long)Elapsed.TotalMilliseconds} ms";
    }

    public static Result Run(TrapReceiverSettings settings)
    {
        var clock = Stopwatch.StartNew();
        var first = Volatile.Read(ref _completed) == 0;
        var rounds = first ? FirstRounds : LaterRounds;
        var datagrams = WarmUpDatagrams.Instance;
        var peer = new IPEndPoint(IPAddress.Loopback, 1);
        var local = new IPEndPoint(IPAddress.Loopback, 2);
        var usm = new UsmRuntime(settings.Usm, new LocalEngine(WarmUpDatagrams.ReceiverEngineId, 1, TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds()),
            TimeProvider.System, UsmPolicies.Default);
        usm.Publish(new UsmTable(datagrams.Users.Select(usm.CreateEntry)));
        var security = new SessionSecurity(
            new SecurityServices(new CommunityAuthorizer([WarmUpDatagrams.Community], acceptAny: false), usm, new UsmProcessor(usm, settings.Codec),
                NotificationAccess.FromSettings(settings.Access)),
            peer, "udp", null);
        var subscriptions = new SubscriptionTable();
        using var outlet = new SubscriberOutlet(ActorRefs.Nobody, settings.Subscribers);
        subscriptions.Publish([new Subscription(ActorRefs.Nobody, TrapFilter.All, outlet)]);
        var delivery = new NotificationDelivery(subscriptions, new IngressThrottle());
        int handled = 0, delivered = 0;
        try
        {
            for (var round = 0; round < rounds && (round == 0 || clock.Elapsed < Budget); round++)
            {
                foreach (var datagram in datagrams.Datagrams)
                {
                    handled++;
                    if (Handle(datagram, settings, security, delivery, local) == DeliveryOutcome.Delivered)
                        delivered++;
                }
            }
        }
        finally
        {
            foreach (var entry in usm.Table.Entries)
                entry.Retire();
        }
        Interlocked.Exchange(ref _completed, 1);
        return new Result(handled, delivered, clock.Elapsed);
    }

    /// <summary>The session's steps for one datagram (<see cref="PeerSessionActor"/>), with the verdicts of the warm-up's own tables.</summary>
    private static DeliveryOutcome? Handle(byte[] datagram, TrapReceiverSettings settings, SessionSecurity security, NotificationDelivery delivery,
        IPEndPoint local)
    {
        if (!SnmpMessageDecoder.TryDecodeFrame(datagram, settings.Codec, out var community, out var v3, out _))
            return null;
        var receivedAt = DateTimeOffset.UtcNow;
        SnmpNotification notification;
        if (v3 is null)
        {
            if (!security.TryAcceptCommunity(community.Version, community.Community.Span, local, out var origin))
                return null;
            notification = community.Pdu.Type == Snmp.Messages.PduType.TrapV1
                ? NotificationFactory.FromV1Trap(community.Pdu, origin, receivedAt, settings.V1TrapOidRule)
                : NotificationFactory.FromV2Pdu(community.Pdu, origin, receivedAt);
        }
        else if (security.Admit(v3, local) is V3Admitted admitted)
            notification = NotificationFactory.FromV2Pdu(Snmp.Messages.PduFrame.From(admitted.Pdu), admitted.Origin, receivedAt);
        else
            return null;
        // The access rules are asked, as for every notification; the warm-up's subscriber takes it whatever they say.
        security.IsAllowed(notification, out _);
        return delivery.Offer(new TrapReceived(notification));
    }
}
