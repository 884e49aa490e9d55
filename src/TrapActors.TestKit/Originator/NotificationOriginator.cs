using System.Diagnostics;
using System.Net;
using System.Text;
using TrapActors.Snmp;
using TrapActors.Snmp.Messages;

namespace TrapActors.TestKit;

/// <summary>
/// A notification originator for tests: it sends SNMPv1 traps, SNMPv2c traps and informs, and SNMPv3 traps and
/// informs at any USM security level, as real wire bytes over an <see cref="IOriginatorTransport"/>. For SNMPv3
/// informs it discovers the receiver's engine ID and synchronises with its engine time by itself (RFC 3414 §4: the
/// time in the unauthenticated discovery Report is not trusted; an authenticated message with boots and time 0 draws
/// an authenticated usmStatsNotInTimeWindows Report, whose boots and time it adopts) and returns the Response, the
/// Report or a timeout. <see cref="OriginatorFaults"/> produce the bad cases. One inform
/// at a time: concurrent calls wait for each other.
/// </summary>
public sealed class NotificationOriginator : IDisposable
{
    private readonly OriginatorOptions _options;
    private readonly bool _ownsTransport;
    private readonly UsmKeyring _keyring = new();
    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly SemaphoreSlim _exchange = new(1, 1);
    private int _nextId = Random.Shared.Next(1, int.MaxValue / 2);
    private RemoteEngine? _receiver;

    /// <summary>An originator sending over <paramref name="transport"/>, which the caller keeps and disposes.</summary>
    public NotificationOriginator(IOriginatorTransport transport, OriginatorOptions? options = null)
        : this(transport, options, ownsTransport: false)
    {
    }

    private NotificationOriginator(IOriginatorTransport transport, OriginatorOptions? options, bool ownsTransport)
    {
        Transport = transport ?? throw new ArgumentNullException(nameof(transport));
        _options = options ?? new OriginatorOptions();
        _ownsTransport = ownsTransport;
    }

    /// <summary>An originator sending over UDP to <paramref name="target"/> from an ephemeral port (<see cref="UdpOriginatorTransport"/>), disposed with it.</summary>
    public static NotificationOriginator Udp(IPEndPoint target, OriginatorOptions? options = null) =>
        new(new UdpOriginatorTransport(target), options, ownsTransport: true);

    /// <summary>
    /// An originator injecting into <paramref name="endpoint"/> as if from <paramref name="source"/> (default
    /// <see cref="InMemoryOriginatorTransport.DefaultSource"/>) and reading the receiver's answers to that source
    /// (<see cref="InMemoryOriginatorTransport"/>). Give each originator on one endpoint its own source.
    /// </summary>
    public static NotificationOriginator InMemory(InMemoryEndpoint endpoint, IPEndPoint? source = null, OriginatorOptions? options = null) =>
        new(new InMemoryOriginatorTransport(endpoint, source), options, ownsTransport: true);

    /// <summary>How the datagrams travel.</summary>
    public IOriginatorTransport Transport { get; }

    /// <summary>The originator's own snmpEngineID, authoritative for its SNMPv3 traps (a receiver's user table needs it).</summary>
    public ReadOnlyMemory<byte> EngineId => _options.EngineId;

    /// <summary>The receiver's snmpEngineID once an SNMPv3 inform has discovered it; null before.</summary>
    public ReadOnlyMemory<byte>? ReceiverEngineId => _receiver?.EngineId;

    /// <summary>True once an authenticated Report has given the receiver's engine boots and time (RFC 3414 §4 time synchronisation).</summary>
    public bool ReceiverTimeSynchronised => _receiver?.Authenticated == true;

    /// <summary>Sends <paramref name="notification"/> as a trap (v1 Trap-PDU, or SNMPv2-Trap-PDU for v2c and v3); no answer is expected.</summary>
    public async Task SendTrapAsync(Notification notification, OriginatorSecurity security, OriginatorFaults faults = OriginatorFaults.None,
        CancellationToken cancellationToken = default) =>
        await Transport.SendAsync(EncodeTrap(notification, security, faults), cancellationToken).ConfigureAwait(false);

    /// <summary>Sends bytes as they are (a datagram built by hand).</summary>
    public async Task SendRawAsync(ReadOnlyMemory<byte> datagram, CancellationToken cancellationToken = default) =>
        await Transport.SendAsync(datagram, cancellationToken).ConfigureAwait(false);

    /// <summary>The datagram <see cref="SendTrapAsync"/> sends, without sending it.</summary>
    public byte[] EncodeTrap(Notification notification, OriginatorSecurity security, OriginatorFaults faults = OriginatorFaults.None)
    {
        ArgumentNullException.ThrowIfNull(notification);
        byte[] encoded;
        switch (security)
        {
            case CommunitySecurity { Version: SnmpVersion.V1 } v1:
                var header = notification.ToV1Header(_options.AgentAddress.MapToIPv4().GetAddressBytes());
                encoded = SnmpMessageEncoder.Encode(new CommunityMessage(SnmpVersion.V1, Encoding.UTF8.GetBytes(v1.Community),
                    Pdu.V1Trap(header, notification.VarBinds.IsDefault ? [] : notification.VarBinds)));
                break;
            case CommunitySecurity v2c:
                encoded = SnmpMessageEncoder.Encode(new CommunityMessage(SnmpVersion.V2c, Encoding.UTF8.GetBytes(v2c.Community),
                    new Pdu(PduType.TrapV2, NextId(), 0, 0, notification.V2VarBinds())));
                break;
            case UsmSecurity user:
                var stale = (faults & OriginatorFaults.StaleEngineTime) != 0;
                var engine = new EngineState(_options.EngineId, _options.EngineBoots - (stale ? 1 : 0), (int)Stopwatch.GetElapsedTime(_started).TotalSeconds);
                var scoped = Scoped(_options.EngineId, new Pdu(PduType.TrapV2, NextId(), 0, 0, notification.V2VarBinds()));
                encoded = UsmMessageBuilder.Build(NextId(), reportable: false, engine, user, _keyring.For(user, _options.EngineId), scoped, faults);
                break;
            default:
                throw new ArgumentException($"unknown security {security}", nameof(security));
        }
        return UsmMessageBuilder.Apply(encoded, faults);
    }

    /// <summary>
    /// Sends <paramref name="notification"/> as an InformRequest (SNMPv2c or SNMPv3) and waits for the answer, sending it
    /// again <see cref="OriginatorOptions.Retries"/> times when none comes within <see cref="OriginatorOptions.Timeout"/>.
    /// For SNMPv3 it first discovers the receiver's engine, and resynchronises once on a usmStatsNotInTimeWindows Report
    /// (unless <see cref="OriginatorFaults.StaleEngineTime"/> asks for the stale time).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="security"/> is SNMPv1, which has no informs.</exception>
    public async Task<InformOutcome> SendInformAsync(Notification notification, OriginatorSecurity security,
        OriginatorFaults faults = OriginatorFaults.None, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notification);
        await _exchange.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return security switch
            {
                CommunitySecurity { Version: SnmpVersion.V2c } v2c => await CommunityInformAsync(notification, v2c, faults, cancellationToken).ConfigureAwait(false),
                UsmSecurity user => await UsmInformAsync(notification, user, faults, cancellationToken).ConfigureAwait(false),
                _ => throw new ArgumentException("informs need SNMPv2c or SNMPv3", nameof(security)),
            };
        }
        finally
        {
            _exchange.Release();
        }
    }

    private async Task<InformOutcome> CommunityInformAsync(Notification notification, CommunitySecurity security, OriginatorFaults faults, CancellationToken ct)
    {
        var requestId = NextId();
        var bytes = SnmpMessageEncoder.Encode(new CommunityMessage(SnmpVersion.V2c, Encoding.UTF8.GetBytes(security.Community),
            new Pdu(PduType.InformRequest, requestId, 0, 0, notification.V2VarBinds())));
        var response = await ExchangeAsync(UsmMessageBuilder.Apply(bytes, faults), d => ReplyReader.Community(d, requestId), ct).ConfigureAwait(false);
        return response is null ? InformOutcome.TimedOut : new InformOutcome(InformOutcomeKind.Response, response);
    }

    private async Task<InformOutcome> UsmInformAsync(Notification notification, UsmSecurity user, OriginatorFaults faults, CancellationToken ct)
    {
        if (_receiver is null && !await DiscoverAsync(ct).ConfigureAwait(false))
            return InformOutcome.TimedOut;
        var resynchronised = false;
        var rediscovered = false;
        while (true)
        {
            var messageId = NextId();
            var receiver = _receiver!;
            var engine = user.Authenticates && !receiver.Authenticated
                ? new EngineState(receiver.EngineId, 0, (faults & OriginatorFaults.StaleEngineTime) != 0 ? 1000 : 0)
                : receiver.Now((faults & OriginatorFaults.StaleEngineTime) != 0);
            var scoped = Scoped(receiver.EngineId, new Pdu(PduType.InformRequest, NextId(), 0, 0, notification.V2VarBinds()));
            var bytes = UsmMessageBuilder.Build(messageId, reportable: true, engine, user, _keyring.For(user, receiver.EngineId), scoped, faults);
            var reply = await ExchangeAsync(UsmMessageBuilder.Apply(bytes, faults),
                d => ReplyReader.V3(d, messageId, user, e => _keyring.For(user, e)), ct).ConfigureAwait(false);
            if (reply is null)
                return InformOutcome.TimedOut;
            if (reply.Pdu.Type != PduType.Report)
                return new InformOutcome(InformOutcomeKind.Response, reply.Pdu);
            var counter = reply.Pdu.VarBinds.IsDefaultOrEmpty ? default : reply.Pdu.VarBinds[0].Oid;
            var authenticated = (reply.Message.Flags & V3MessageFlags.Auth) != 0;
            if (counter == UsmReportOids.NotInTimeWindows && authenticated && !resynchronised && (faults & OriginatorFaults.StaleEngineTime) == 0)
            {
                _receiver = RemoteEngine.From(reply.Usm, authenticated: true);
                resynchronised = true;
                continue;
            }
            if (counter == UsmReportOids.UnknownEngineIds && !rediscovered && faults == OriginatorFaults.None)
            {
                rediscovered = true;
                if (await DiscoverAsync(ct).ConfigureAwait(false))
                    continue;
            }
            return new InformOutcome(InformOutcomeKind.Report, reply.Pdu);
        }
    }

    /// <summary>RFC 3414 §4: the probe, and the receiver's engine ID, boots and time from its Report; false when none comes.</summary>
    private async Task<bool> DiscoverAsync(CancellationToken ct)
    {
        var messageId = NextId();
        var reply = await ExchangeAsync(UsmMessageBuilder.Probe(messageId, NextId()),
            d => ReplyReader.V3(d, messageId, null, _ => throw new InvalidOperationException()), ct).ConfigureAwait(false);
        if (reply is not { Pdu.Type: PduType.Report, Usm.EngineId.IsEmpty: false })
            return false;
        _receiver = RemoteEngine.From(reply.Usm, authenticated: false);
        return true;
    }

    private async Task<T?> ExchangeAsync<T>(byte[] datagram, Func<byte[], T?> match, CancellationToken ct) where T : class
    {
        for (var attempt = 0; attempt <= _options.Retries; attempt++)
        {
            await Transport.SendAsync(datagram, ct).ConfigureAwait(false);
            var deadline = Stopwatch.GetTimestamp() + (long)(_options.Timeout.TotalSeconds * Stopwatch.Frequency);
            while (true)
            {
                var remaining = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline);
                if (remaining <= TimeSpan.Zero || await Transport.ReceiveAsync(remaining, ct).ConfigureAwait(false) is not { } received)
                    break;
                if (match(received) is { } answer)
                    return answer;
            }
        }
        return null;
    }

    private ScopedPdu Scoped(ReadOnlyMemory<byte> contextEngineId, Pdu pdu) =>
        new(contextEngineId, Encoding.UTF8.GetBytes(_options.ContextName), pdu);

    private int NextId() => Interlocked.Increment(ref _nextId) & int.MaxValue;

    /// <summary>Disposes the transport when the originator created it (<see cref="Udp"/>).</summary>
    public void Dispose()
    {
        if (_ownsTransport)
            Transport.Dispose();
        _exchange.Dispose();
    }

    /// <summary>
    /// The receiver's engine as last learnt, its time running on from when it was learnt; <paramref name="Authenticated"/>
    /// when boots and time came in an authenticated Report (else only the engine ID is trusted).
    /// </summary>
    private sealed record RemoteEngine(ReadOnlyMemory<byte> EngineId, int Boots, int Time, long LearntAt, bool Authenticated)
    {
        public static RemoteEngine From(UsmSecurityParameters usm, bool authenticated) =>
            new(usm.EngineId.ToArray(), usm.EngineBoots, usm.EngineTime, Stopwatch.GetTimestamp(), authenticated);

        public EngineState Now(bool stale) =>
            new(EngineId, Boots, Time + (int)Stopwatch.GetElapsedTime(LearntAt).TotalSeconds + (stale ? 1000 : 0));
    }
}
