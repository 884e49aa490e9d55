using Akka.Configuration;
using TrapActors.Cluster.UsmReplication;
using Xunit;

namespace TrapActors.Cluster.Tests.UsmReplication;

/// <summary>Starting the replication on a node that DistributedData does not run on.</summary>
public sealed class UsmReplicationStartTests() : Akka.TestKit.Xunit2.TestKit(ConfigurationFactory.ParseString("""
    akka.loglevel = WARNING
    akka.actor.provider = cluster
    akka.remote.dot-netty.tcp { hostname = 127.0.0.1, port = 0 }
    akka.cluster.roles = [subscriber]
    akka.cluster.distributed-data.role = receiver
    """))
{
    [Fact]
    public void A_node_without_the_DistributedData_role_is_refused_with_the_role_named()
    {
        var e = Assert.Throws<InvalidOperationException>(() => UsmUserReplication.Start(Sys, TestActor));

        Assert.Contains("receiver", e.Message);
    }
}
