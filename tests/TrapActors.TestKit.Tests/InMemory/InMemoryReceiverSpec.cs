using System.Net;
using System.Net.Sockets;
using Akka.Actor;
using Akka.Actor.Setup;
using Akka.Configuration;
using TrapActors.Testing;
using Xunit;

namespace TrapActors.TestKit.Tests.InMemory;

/// <summary>
/// A TestKit whose receiver listens on an <see cref="InMemoryEndpoint"/> and accepts "public". Its configured UDP
/// endpoint is a loopback port this spec holds bound itself (without SO_REUSEADDR) for the whole test: had the receiver
/// tried to bind it, the bind would fail and show in <see cref="BoundEndpoints.Failures"/>.
/// </summary>
public abstract class InMemoryReceiverSpec : Akka.TestKit.Xunit2.TestKit
{
    protected static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    protected InMemoryReceiverSpec(string overrides = "") : this(new InMemoryEndpoint(), HoldPort(), overrides)
    {
    }

    private InMemoryReceiverSpec(InMemoryEndpoint endpoint, Socket held, string overrides)
        : base(Setup(endpoint, held, overrides))
    {
        Endpoint = endpoint;
        HeldSocket = held;
    }

    protected InMemoryEndpoint Endpoint { get; }

    /// <summary>The loopback port trap-actors.listener.endpoints names, bound by the test.</summary>
    protected Socket HeldSocket { get; }

    protected IActorRef Receiver => TrapReceiverExtension.Get(Sys).Receiver;

    protected Task<BoundEndpoints> ActivateAsync() => Receiver.Ask<BoundEndpoints>(Activate.Instance, Timeout);

    protected Task SubscribeAsync(IActorRef subscriber) => Receiver.Ask<Subscribed>(new Subscribe(subscriber), Timeout);

    /// <summary>snmptrap -v 2c's SNMPv2-Trap as net-snmp encodes it.</summary>
    protected static Task<byte[]> NetSnmpV2cTrapAsync() =>
        NetSnmpCapture.FirstDatagramAsync("snmptrap", "-v", "2c", "-c", "public", "TARGET", "1234", "1.3.6.1.6.3.1.1.5.3",
            "1.3.6.1.2.1.2.2.1.1.7", "i", "7");

    /// <summary>snmpinform -v 2c's InformRequest as net-snmp encodes it.</summary>
    protected static Task<byte[]> NetSnmpV2cInformAsync() =>
        NetSnmpCapture.FirstDatagramAsync("snmpinform", "-v", "2c", "-c", "public", "-r", "0", "-t", "1", "TARGET",
            "555", "1.3.6.1.4.1.8072.2.3.0.2", "1.3.6.1.4.1.8072.9999.4.1", "s", "in memory");

    /// <summary>The engine-discovery probe snmpinform -v 3 sends first (RFC 3414 §4), as net-snmp encodes it.</summary>
    protected static Task<byte[]> NetSnmpDiscoveryProbeAsync() =>
        NetSnmpCapture.FirstDatagramAsync("snmpinform", "-v", "3", "-u", "nobody", "-l", "noAuthNoPriv",
            "-r", "0", "-t", "1", "TARGET", "1", "1.3.6.1.4.1.8072.2.3.0.3");

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
            HeldSocket.Dispose();
    }

    private static Socket HoldPort()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return socket;
    }

    private static ActorSystemSetup Setup(InMemoryEndpoint endpoint, Socket held, string overrides)
    {
        var port = ((IPEndPoint)held.LocalEndPoint!).Port;
        var hocon = $$"""
            akka.loglevel = WARNING
            trap-actors.listener.endpoints = ["udp:127.0.0.1:{{port}}"]
            {{overrides}}
            """;
        return ActorSystemSetup.Create(
            BootstrapSetup.Create().WithConfig(ConfigurationFactory.ParseString(hocon)),
            new TrapReceiverSetup { Communities = ["public"], InMemoryEndpoints = [endpoint] });
    }
}
