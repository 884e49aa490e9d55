using Akka.Configuration;
using Akka.Event;
using Xunit;

namespace TrapActors.Tests.Mibs;

/// <summary>How the receiver loads its MIB modules: each problem logged once at Warning, a missing directory refused.</summary>
public sealed class TrapReceiverMibsTests() : Akka.TestKit.Xunit2.TestKit("akka.loglevel = WARNING")
{
    [Fact]
    public void A_broken_module_is_logged_once_at_warning_and_the_good_one_still_loads()
    {
        var directory = Directory.CreateTempSubdirectory("trapactors-mibs-broken").FullName;
        try
        {
            File.WriteAllText(Path.Combine(directory, "GOOD-MIB.txt"),
                "GOOD-MIB DEFINITIONS ::= BEGIN\ngood OBJECT IDENTIFIER ::= { 1 3 6 1 4 1 99999 1 }\nEND\n");
            File.WriteAllText(Path.Combine(directory, "BROKEN-MIB.txt"),
                "BROKEN-MIB DEFINITIONS ::= BEGIN\nIMPORTS nothing FROM NO-SUCH-MIB;\nbroken OBJECT IDENTIFIER ::= { nothing 1 }\nEND\n");
            Sys.EventStream.Subscribe(TestActor, typeof(Warning));

            var mibs = TrapReceiverMibs.Load(new TrapReceiverSetup { MibDirectories = [directory] }, Sys.Log);

            Assert.Equal("GOOD-MIB::good", mibs.Describer.NameOf([1, 3, 6, 1, 4, 1, 99999, 1]));
            Assert.NotEmpty(mibs.Set.Problems);
            foreach (var problem in mibs.Set.Problems)
            {
                var warning = ExpectMsg<Warning>(TimeSpan.FromSeconds(10));
                Assert.Contains(problem.ToString(), warning.Message.ToString());
            }
            ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void A_MIB_directory_that_does_not_exist_is_a_configuration_error()
    {
        var error = Assert.Throws<ConfigurationException>(() =>
            TrapReceiverMibs.Load(new TrapReceiverSetup { MibDirectories = ["/nonexistent/trapactors-mibs"] }, Sys.Log));
        Assert.Contains("/nonexistent/trapactors-mibs", error.Message);
    }

    [Fact]
    public void No_directories_load_nothing()
    {
        Assert.Same(TrapReceiverMibs.Empty, TrapReceiverMibs.Load(new TrapReceiverSetup(), Sys.Log));
    }
}
