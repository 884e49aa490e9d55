using Akka.Actor;
using Akka.Configuration;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TrapActors.Tests.Settings;
using Xunit;

namespace TrapActors.Hosting.Tests;

/// <summary>Every leaf of reference.conf and every TrapReceiverSetup item can be set through TrapReceiverOptions.</summary>
public class OptionsReachEverythingTests
{
    public static TheoryData<string> LeafPaths => new(SettingLeaves.All.Keys);

    private static TrapReceiverSettings SettingsOf(TrapReceiverOptions options) =>
        TrapReceiverSettings.Create(options.ToConfig().WithFallback(TrapReceiverExtension.DefaultConfig()));

    [Fact]
    public void The_leaf_table_lists_every_leaf_of_reference_conf()
    {
        var root = TrapReceiverExtension.DefaultConfig().GetConfig("trap-actors").Root.GetObject();
        Assert.Equal(
            SettingLeaves.LeavesOf(root, "").Order(StringComparer.Ordinal),
            SettingLeaves.All.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(LeafPaths))]
    public void Every_leaf_set_through_the_Hocon_escape_hatch_reaches_the_settings(string path)
    {
        var (value, read, expected) = SettingLeaves.All[path];

        var settings = SettingsOf(new TrapReceiverOptions { Hocon = $"trap-actors.{path} = {value}" });

        Assert.Equal(expected, read(settings));
    }

    [Fact]
    public void A_typed_property_wins_over_the_same_key_in_the_escape_hatch()
    {
        var options = new TrapReceiverOptions
        {
            Hocon = "trap-actors.session.max-sessions = 5\ntrap-actors.codec.max-var-binds = 64",
            MaxSessions = 9,
        };

        var settings = SettingsOf(options);

        Assert.Equal(9, settings.Session.MaxSessions);
        Assert.Equal(64, settings.Codec.MaxVarBinds);
    }

    [Fact]
    public void The_subscriber_inform_dtls_and_access_properties_reach_the_settings()
    {
        var options = new TrapReceiverOptions
        {
            SubscriberQueueCapacity = 64,
            SubscriberOverflow = SubscriberOverflow.BackPressure,
            InformOnTimeout = InformTimeoutAction.Suppress,
            InformDuplicateWindow = TimeSpan.FromSeconds(15),
            DtlsCertificateFile = "/etc/trapactors/server.crt",
            DtlsKeyFile = "/etc/trapactors/server.key",
            DtlsTrustAnchorsFile = "/etc/trapactors/ca.crt",
            DtlsSecurityNamePrefix = true,
        };
        options.DtlsCertMap.Add("certSecName 10 --sha256 aa --cn");
        options.AccessRules.Add(new TrapAccessRule("1.3.6.1.4.1.9", SecurityLevel.AuthPriv) { User = "noc" });
        options.AccessRules.Add(new TrapAccessRule("", SecurityLevel.NoAuthNoPriv) { CommunityBased = true });
        options.UserMinimumLevels["ops \"eu\""] = SecurityLevel.AuthNoPriv;

        var s = SettingsOf(options);

        Assert.Equal((64, SubscriberOverflow.BackPressure), (s.Subscribers.Capacity, s.Subscribers.Overflow));
        Assert.Equal((InformTimeoutAction.Suppress, TimeSpan.FromSeconds(15)), (s.Inform.OnTimeout, s.Inform.DuplicateWindow));
        Assert.Equal(("/etc/trapactors/server.crt", "/etc/trapactors/server.key"), (s.Dtls.CertificateFile, s.Dtls.KeyFile));
        Assert.Equal("/etc/trapactors/ca.crt", s.Dtls.TrustAnchorsFile);
        Assert.Single(s.Dtls.CertMap);
        Assert.True(s.Dtls.SecurityNamePrefix);
        Assert.Equal(2, s.Access.Rules.Length);
        Assert.Equal("noc", s.Access.Rules[0].User);
        Assert.Equal(SecurityLevel.AuthPriv, s.Access.Rules[0].MinimumLevel);
        Assert.True(s.Access.Rules[1].CommunityBased);
        var floor = Assert.Single(s.Access.UserMinimumLevels);
        Assert.Equal(("ops \"eu\"", SecurityLevel.AuthNoPriv), (floor.User, floor.MinimumLevel));
    }

    [Fact]
    public async Task The_escape_hatch_reaches_a_hosted_receiver_and_the_setup_items_its_setup()
    {
        var policies = new UsmPolicies { GetUser = _ => ValueTask.FromResult<UsmUser?>(null) };
        var identity = DtlsServerIdentity.FromPem("-----BEGIN CERTIFICATE-----", "-----BEGIN PRIVATE KEY-----");
        Func<DtlsClientCertificate, bool> clientPolicy = _ => true;
        Func<TrapReceiverSettings, TrapReceiverSettings> configure = s => s;
        await using var host = new TrapHost(o =>
        {
            o.Hocon = "trap-actors.codec.max-var-binds = 64";
            o.UsmPolicies = policies;
            o.DtlsServerIdentity = identity;
            o.DtlsClientAuthentication = clientPolicy;
            o.ConfigureSettings = configure;
        });
        await host.StartAsync();

        Assert.Equal(64, host.Settings.Codec.MaxVarBinds);
        var setup = host.System.Settings.Setup.Get<TrapReceiverSetup>().Value;
        Assert.Same(policies, setup.UsmPolicies);
        Assert.Same(identity, setup.DtlsServerIdentity);
        Assert.Same(clientPolicy, setup.DtlsClientAuthentication);
        Assert.Same(configure, setup.ConfigureSettings);
    }
}

/// <summary>Where HOCON added with AddHocon(Prepend) lies relative to the options: the last prepend wins.</summary>
public class OptionsPrecedenceTests
{
    [Theory]
    [InlineData(true, 9)]
    [InlineData(false, 5)]
    public async Task Prepended_hocon_lies_below_the_options_when_added_before_WithTrapReceiver_and_above_when_after(bool before, int expected)
    {
        using var host = new HostBuilder()
            .ConfigureServices(services => services.AddAkka("precedence", (builder, _) =>
            {
                const string hocon = "trap-actors.session.max-sessions = 5";
                if (before)
                    builder.AddHocon(hocon, HoconAddMode.Prepend);
                builder.WithTrapReceiver(o =>
                {
                    o.Endpoints.Add("udp:127.0.0.1:0");
                    o.MaxSessions = 9;
                    o.Activate = false;
                });
                if (!before)
                    builder.AddHocon(hocon, HoconAddMode.Prepend);
            }))
            .Build();
        await host.StartAsync();
        var system = host.Services.GetRequiredService<ActorSystem>();

        Assert.Equal(expected, TrapReceiverExtension.Get(system).Settings.Session.MaxSessions);
        await host.StopAsync();
    }
}
