using Akka.Actor;
using Akka.DependencyInjection;
using Akka.Event;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TrapActors.Snmp.Security;
using TrapActors.Testing;
using Xunit;

namespace TrapActors.Hosting.Tests;

/// <summary>
/// The README's "Hosting example (Akka.Hosting)" block, compiled here line for line. The host is built, never started:
/// the example binds udp port 162, which tests never bind.
/// </summary>
public class ReadmeHostingExampleTests
{
    private static string ThisFile =>
        Path.Combine(DocsExamples.RepositoryRoot(), "tests", "TrapActors.Hosting.Tests", "ReadmeHostingExampleTests.cs");

    /// <summary>The README's code, verbatim, in the application builder it is written for.</summary>
    private static IHost BuildReadmeHost()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());

        builder.Services.AddAkka("nms", (akka, sp) =>
        {
            akka.WithTrapReceiver(o =>
                {
                    o.Endpoints.Add("udp:0.0.0.0:162");
                    o.Communities.Add("public");
                    o.Users.Add(UsmUser.AuthPriv("noc", AuthProtocol.HmacSha256, "auth-secret", PrivProtocol.Aes128, "priv-secret"));
                })
                .WithTrapSubscriber<AlarmForwarder>((system, registry, resolver) => resolver.Props<AlarmForwarder>(),
                                                    TrapFilter.ByTrapOid("1.3.6.1.6.3.1.1.5.3"));   // linkDown
        });

        return builder.Build();
    }

    [Fact]
    public void Every_line_of_the_README_example_is_in_this_file_in_order()
    {
        var example = DocsExamples.ReadmeHosting().Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        var code = File.ReadAllLines(ThisFile).Select(l => l.Trim()).ToList();

        Assert.True(example.Count > 10, $"the README block is too short to be the example: {example.Count} lines");
        var at = 0;
        foreach (var line in example)
        {
            var found = code.IndexOf(line, at);
            Assert.True(found >= 0, $"README line not found (in order) in {ThisFile}: {line}");
            at = found + 1;
        }
    }

    [Fact]
    public void The_README_example_builds_a_host_whose_Akka_configuration_holds_its_options()
    {
        using var host = BuildReadmeHost();

        // Resolving the builder runs the README's AddAkka lambda without creating the ActorSystem (nothing binds).
        var akka = host.Services.GetRequiredService<AkkaConfigurationBuilder>();

        var setup = Assert.Single(akka.Setups.OfType<TrapReceiverSetup>());
        Assert.Equal("public", Assert.Single(setup.Communities));
        Assert.Equal("noc", Assert.Single(setup.Users).Name);
        var config = akka.Configuration.Value;
        Assert.Equal("udp:0.0.0.0:162", Assert.Single(config.GetStringList("trap-actors.listener.endpoints")));
    }
}

public sealed class AlarmForwarder : ReceiveActor
{
    public AlarmForwarder()
    {
        var log = Context.GetLogger();
        Receive<TrapReceived>(m => log.Info("Trap {0} from {1}", m.Notification.TrapOid, m.Notification.Origin.Source));
        Receive<InformReceived>(m => log.Info("Inform {0} from {1}", m.Notification.TrapOid, m.Notification.Origin.Source));
    }
}
