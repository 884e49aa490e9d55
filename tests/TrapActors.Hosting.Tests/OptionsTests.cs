using System.Net;
using Xunit;

namespace TrapActors.Hosting.Tests;

/// <summary>Every TrapReceiverOptions knob reaches TrapReceiverExtension.Settings.</summary>
public class OptionsTests
{
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    [Fact]
    public async Task Every_option_reaches_the_settings()
    {
        await using var host = new TrapHost(o =>
        {
            o.AcceptAnyCommunity = true;
            o.ShareLocalPort = true;
            o.DualStack = false;
            o.ReceiveBufferSize = 262144;
            o.WarmUp = false;
            o.MaxPacketSize = 1500;
            o.SessionIdleTimeout = TimeSpan.FromSeconds(90);
            o.MaxSessions = 7;
            o.V1TrapOidRule = V1TrapOidRule.EnterpriseGenericSpecific;
            o.InformAcknowledge = InformAcknowledgeMode.BySubscriber;
            o.InformDecisionTimeout = TimeSpan.FromMilliseconds(750);
            o.PacketTrace = true;
            o.UsmPolicyTimeout = TimeSpan.FromSeconds(2);
            o.MaxPendingUsmPolicyDecisionsPerSession = 3;
            o.MaxPendingUsmPolicyDecisions = 30;
            o.UnknownUsmUserCacheTime = TimeSpan.Zero;
            o.MaxRemoteEngines = 300;
            o.MaxRemoteEnginesPerUser = 30;
        });
        await host.StartAsync();

        var s = host.Settings;
        Assert.Equal("udp:127.0.0.1:0", Assert.Single(s.Listener.Endpoints).ToString());
        Assert.True(s.Community.AcceptAny);
        Assert.True(s.Listener.ShareLocalPort);
        Assert.False(s.Listener.DualStack);
        Assert.Equal(262144, s.Listener.ReceiveBufferSize);
        Assert.False(s.Listener.WarmUp);
        Assert.Equal(1500, s.Listener.MaxPacketSize);
        Assert.Equal(1500, s.Codec.MaxDatagramSize);
        Assert.Equal(TimeSpan.FromSeconds(90), s.Session.IdleTimeout);
        Assert.Equal(7, s.Session.MaxSessions);
        Assert.Equal(V1TrapOidRule.EnterpriseGenericSpecific, s.V1TrapOidRule);
        Assert.Equal(InformAcknowledgeMode.BySubscriber, s.Inform.Acknowledge);
        Assert.Equal(TimeSpan.FromMilliseconds(750), s.Inform.DecisionTimeout);
        Assert.True(s.Events.PacketTrace);
        Assert.Equal(TimeSpan.FromSeconds(2), s.Usm.PolicyTimeout);
        Assert.Equal((3, 30), (s.Usm.MaxPendingPolicyDecisionsPerSession, s.Usm.MaxPendingPolicyDecisions));
        Assert.Equal(TimeSpan.Zero, s.Usm.UnknownUserCacheTime);
        Assert.Equal(300, s.Usm.MaxRemoteEngines);
        Assert.Equal(30, s.Usm.MaxRemoteEnginesPerUser);
        Assert.False(s.AutoActivate); // the host activates after its subscribers subscribed
    }

    [Fact]
    public async Task Unset_options_leave_the_reference_defaults()
    {
        await using var host = new TrapHost();
        await host.StartAsync();

        var s = host.Settings;
        Assert.False(s.Community.AcceptAny);
        Assert.Empty(s.Community.Accepted); // the options' communities go to the setup, not to HOCON
        Assert.Equal(TimeSpan.FromMinutes(5), s.Session.IdleTimeout);
        Assert.Equal(10_000, s.Session.MaxSessions);
        Assert.Equal(5_000, s.Usm.MaxRemoteEnginesPerUser);
        Assert.Equal(InformAcknowledgeMode.OnReceipt, s.Inform.Acknowledge);
        Assert.Equal(V1TrapOidRule.Rfc3584, s.V1TrapOidRule);
        Assert.False(s.Events.PacketTrace);
        Assert.True(s.Listener.DualStack);
        Assert.True(s.Listener.WarmUp);
    }

    [Fact]
    public async Task The_TimeProvider_option_stamps_received_notifications()
    {
        var now = new DateTimeOffset(2001, 2, 3, 4, 5, 6, TimeSpan.Zero);
        await using var host = new TrapHost(o => o.TimeProvider = new FixedClock(now));
        await host.StartAsync();
        var endpoint = await host.EndPointAsync();

        using var client = new System.Net.Sockets.UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var trap = Snmp.SnmpMessageEncoder.Encode(new Snmp.Messages.CommunityMessage(Snmp.Messages.SnmpVersion.V2c, "public"u8.ToArray(),
            new Snmp.Messages.Pdu(Snmp.Messages.PduType.TrapV2, 5, 0, 0,
                [new(Snmp.Messages.WellKnownOids.SysUpTime0, Snmp.Messages.SnmpValue.TimeTicks(1)),
                 new(Snmp.Messages.WellKnownOids.SnmpTrapOid0, Snmp.Messages.SnmpValue.ObjectIdentifier(Snmp.Messages.Oid.Parse("1.3.6.1.4.1.1")))])));
        await client.SendAsync(trap, endpoint);

        var received = await host.NextAsync<TrapReceived>();
        Assert.Equal(now, received.Notification.ReceivedAt);
        Assert.Equal(5, received.Notification.RequestId);
    }

    [Fact]
    public void The_options_do_not_print_their_communities()
    {
        var options = new TrapReceiverOptions();
        options.Communities.Add("very-secret");
        Assert.DoesNotContain("very-secret", options.ToString());
    }

    [Fact]
    public async Task The_usm_options_reach_the_settings_and_the_setup()
    {
        var state = Directory.CreateTempSubdirectory("trapactors-hosting-");
        try
        {
            await using var host = new TrapHost(o =>
            {
                o.LocalEngineId = "80001F8804AABBCCDD";
                o.StateDirectory = state.FullName;
                o.Users.Add(new UsmUser("alice", Snmp.Security.AuthProtocol.HmacSha1, UsmSecret.Password("alice-password")));
            });
            await host.StartAsync();

            Assert.Equal("80001F8804AABBCCDD", Convert.ToHexString(host.Settings.Usm.LocalEngineId ?? []));
            Assert.Equal(state.FullName, host.Settings.Usm.StateDirectory);
            var setup = host.System.Settings.Setup.Get<TrapReceiverSetup>();
            Assert.True(setup.HasValue);
            Assert.Equal("alice", Assert.Single(setup.Value.Users).Name);
            Assert.Contains("public", setup.Value.Communities);
            Assert.DoesNotContain("alice-password", setup.Value.ToString());
        }
        finally
        {
            state.Delete(recursive: true);
        }
    }

    [Fact]
    public void The_options_hocon_keeps_backslashes_quotes_and_unicode()
    {
        const string state = @"C:\ProgramData\trap ""actors""\été\";
        var options = new TrapReceiverOptions
        {
            StateDirectory = state,
            LocalEngineId = "80:00:1f:88:04:aa",
            V1TrapOidRule = V1TrapOidRule.EnterpriseGenericSpecific,
            InformAcknowledge = InformAcknowledgeMode.AfterDelivery,
            InformDecisionTimeout = TimeSpan.FromMilliseconds(1250),
        };
        options.Endpoints.Add("udp:[::1]:0");

        var settings = TrapReceiverSettings.Create(Akka.Configuration.ConfigurationFactory.ParseString(options.ToHocon()));

        Assert.Equal(state, settings.Usm.StateDirectory);
        Assert.Equal(Convert.FromHexString("80001f8804aa"), settings.Usm.LocalEngineId);
        Assert.Equal("udp:[::1]:0", Assert.Single(settings.Listener.Endpoints).ToString());
        Assert.Equal(V1TrapOidRule.EnterpriseGenericSpecific, settings.V1TrapOidRule);
        Assert.Equal(InformAcknowledgeMode.AfterDelivery, settings.Inform.Acknowledge);
        Assert.Equal(TimeSpan.FromMilliseconds(1250), settings.Inform.DecisionTimeout);
        Assert.False(settings.AutoActivate);
    }
}
