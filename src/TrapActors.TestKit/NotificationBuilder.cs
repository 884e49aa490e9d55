using System.Collections.Immutable;
using System.Net;
using System.Text;
using Akka.Actor;
using TrapActors.Snmp.Messages;

namespace TrapActors.TestKit;

/// <summary>
/// Builds the <see cref="SnmpNotification"/>, <see cref="TrapReceived"/> and <see cref="InformReceived"/> a receiver
/// would deliver, to unit-test a subscriber actor without a receiver. By default: v2c, community "public", from
/// 127.0.0.1:49152 to 127.0.0.1:162 over "udp", uptime 0, request-id 1, received now. The varbinds are in the SNMPv2
/// shape subscribers get: sysUpTime.0, snmpTrapOID.0, then those added with <see cref="WithVarBind(Oid, SnmpValue)"/>.
/// </summary>
public sealed class NotificationBuilder
{
    private readonly NotificationKind _kind;
    private readonly Oid _trapOid;
    private readonly List<VarBind> _varBinds = [];
    private uint _uptime;
    private int _requestId = 1;
    private IPEndPoint _source = new(IPAddress.Loopback, 49152);
    private IPEndPoint _local = new(IPAddress.Loopback, 162);
    private string _transport = "udp";
    private SnmpVersion _version = SnmpVersion.V2c;
    private SecurityLevel _level = SecurityLevel.NoAuthNoPriv;
    private string? _community = "public";
    private string? _user;
    private ImmutableArray<byte> _engineId = [];
    private string? _contextName;
    private DateTimeOffset? _receivedAt;

    private NotificationBuilder(NotificationKind kind, Oid trapOid)
    {
        _kind = kind;
        _trapOid = trapOid;
    }

    /// <summary>A trap whose snmpTrapOID.0 is <paramref name="trapOid"/>.</summary>
    public static NotificationBuilder Trap(Oid trapOid) => new(NotificationKind.Trap, trapOid);

    /// <summary>A trap whose snmpTrapOID.0 is <paramref name="trapOid"/> (dotted, e.g. "1.3.6.1.6.3.1.1.5.3").</summary>
    public static NotificationBuilder Trap(string trapOid) => Trap(Oid.Parse(trapOid));

    /// <summary>An inform whose snmpTrapOID.0 is <paramref name="trapOid"/>.</summary>
    public static NotificationBuilder Inform(Oid trapOid) => new(NotificationKind.Inform, trapOid);

    /// <summary>An inform whose snmpTrapOID.0 is <paramref name="trapOid"/> (dotted).</summary>
    public static NotificationBuilder Inform(string trapOid) => Inform(Oid.Parse(trapOid));

    /// <summary>Adds a varbind after sysUpTime.0 and snmpTrapOID.0, in call order.</summary>
    public NotificationBuilder WithVarBind(Oid oid, SnmpValue value)
    {
        _varBinds.Add(new VarBind(oid, value));
        return this;
    }

    /// <summary>Adds a varbind (<paramref name="oid"/> dotted) after sysUpTime.0 and snmpTrapOID.0.</summary>
    public NotificationBuilder WithVarBind(string oid, SnmpValue value) => WithVarBind(Oid.Parse(oid), value);

    /// <summary>sysUpTime.0 in TimeTicks (hundredths of a second).</summary>
    public NotificationBuilder WithUptime(uint timeTicks)
    {
        _uptime = timeTicks;
        return this;
    }

    /// <summary>The PDU's request-id.</summary>
    public NotificationBuilder WithRequestId(int requestId)
    {
        _requestId = requestId;
        return this;
    }

    /// <summary>The sender's address and port.</summary>
    public NotificationBuilder From(IPEndPoint source)
    {
        _source = source ?? throw new ArgumentNullException(nameof(source));
        return this;
    }

    /// <summary>The local address and port it was sent to (<see cref="NotificationOrigin.LocalEndPoint"/>).</summary>
    public NotificationBuilder To(IPEndPoint local)
    {
        _local = local ?? throw new ArgumentNullException(nameof(local));
        return this;
    }

    /// <summary>SNMPv2c with <paramref name="community"/> (the default, with "public").</summary>
    public NotificationBuilder V2c(string community = "public")
    {
        (_version, _level, _community, _user, _engineId, _contextName) = (SnmpVersion.V2c, SecurityLevel.NoAuthNoPriv, community, null, [], null);
        return this;
    }

    /// <summary>
    /// SNMPv3 from USM user <paramref name="user"/> at <paramref name="level"/>; <paramref name="engineId"/> is the
    /// authoritative engine (the sender's for a trap, the receiver's for an inform) and the contextEngineID.
    /// </summary>
    public NotificationBuilder V3(string user, SecurityLevel level, ReadOnlySpan<byte> engineId = default, string contextName = "")
    {
        (_version, _level, _community, _user, _engineId, _contextName) = (SnmpVersion.V3, level, null, user, [.. engineId], contextName);
        return this;
    }

    /// <summary>The transport: "udp" (default) or "dtls".</summary>
    public NotificationBuilder Over(string transport)
    {
        _transport = transport;
        return this;
    }

    /// <summary>When the datagram was read (default: when <see cref="Build"/> is called).</summary>
    public NotificationBuilder ReceivedAt(DateTimeOffset receivedAt)
    {
        _receivedAt = receivedAt;
        return this;
    }

    /// <summary>The notification as a receiver delivers it.</summary>
    public SnmpNotification Build()
    {
        ImmutableArray<VarBind> varBinds =
        [
            new VarBind(WellKnownOids.SysUpTime0, SnmpValue.TimeTicks(_uptime)),
            new VarBind(WellKnownOids.SnmpTrapOid0, SnmpValue.ObjectIdentifier(_trapOid)),
            .. _varBinds,
        ];
        var origin = new NotificationOrigin(_source, _transport, _version, _level)
        {
            Community = _community,
            User = _user,
            EngineId = _engineId,
            ContextEngineId = _engineId,
            ContextName = _contextName,
            LocalEndPoint = _local,
        };
        return new SnmpNotification(_kind, _trapOid, _uptime, varBinds, origin, _receivedAt ?? DateTimeOffset.UtcNow)
        {
            RequestId = _requestId,
            PduVarBinds = varBinds,
        };
    }

    /// <summary>The trap as a subscriber receives it. Throws <see cref="InvalidOperationException"/> for an inform.</summary>
    public TrapReceived BuildTrap() => _kind == NotificationKind.Trap
        ? new TrapReceived(Build())
        : throw new InvalidOperationException("an inform is delivered as InformReceived: use BuildInform");

    /// <summary>
    /// The inform as a subscriber receives it; its decision (<see cref="RespondToInform"/>, <see cref="SuppressInformResponse"/>
    /// with <paramref name="informId"/>) goes to <paramref name="acknowledgeTo"/>, e.g. a TestProbe (see
    /// <see cref="InformAnswerProbe"/>); null: answered on receipt (<see cref="InformAcknowledgement.AlreadySent"/>).
    /// Throws <see cref="InvalidOperationException"/> for a trap.
    /// </summary>
    public InformReceived BuildInform(IActorRef? acknowledgeTo, long informId = 1) => _kind == NotificationKind.Inform
        ? new InformReceived(Build(), acknowledgeTo is null ? InformAcknowledgement.AlreadySent : new InformAcknowledgement(acknowledgeTo, informId))
        : throw new InvalidOperationException("a trap is delivered as TrapReceived: use BuildTrap");

    /// <summary>The kind, trap OID, version and source, for test output.</summary>
    public override string ToString() =>
        new StringBuilder().Append(_kind).Append(' ').Append(_trapOid).Append(' ').Append(_version).Append(" from ").Append(_source).ToString();
}
