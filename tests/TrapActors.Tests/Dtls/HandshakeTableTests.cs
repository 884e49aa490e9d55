using System.Net;
using TrapActors.Dtls;
using TrapActors.Transport;
using Xunit;

namespace TrapActors.Tests.Dtls;

/// <summary>dtls.max-handshakes and dtls.max-handshakes-per-address at the table: a newcomer displaces the most silent handshake, never is refused.</summary>
public sealed class HandshakeTableTests
{
    private static readonly IPAddress Flooder = IPAddress.Parse("127.0.0.2");
    private static readonly IPAddress Other = IPAddress.Parse("127.0.0.3");

    private static PeerKey Peer(IPAddress address, int port) => new(address, port);

    [Fact]
    public void At_the_per_address_cap_a_new_handshake_displaces_the_most_silent_one_of_that_address_only()
    {
        var table = new HandshakeTable<string>(max: 100, maxPerAddress: 3);
        table.Add(Peer(Other, 1), "other");
        for (var port = 1; port <= 3; port++)
            Assert.Empty(table.Add(Peer(Flooder, port), $"flooder-{port}"));

        var displaced = table.Add(Peer(Flooder, 4), "flooder-4");

        var (peer, value, ofAddress) = Assert.Single(displaced);
        Assert.Equal(Peer(Flooder, 1), peer);
        Assert.Equal("flooder-1", value);
        Assert.True(ofAddress);
        Assert.Equal(3, table.CountOf(Flooder));
        Assert.Equal(1, table.CountOf(Other));
        Assert.True(table.TryGet(Peer(Other, 1), out _));   // the other host's handshake, older than all, stays
        Assert.False(table.TryGet(Peer(Flooder, 1), out _));
    }

    [Fact]
    public void A_handshake_whose_peer_sent_something_is_displaced_after_the_silent_ones()
    {
        var table = new HandshakeTable<string>(max: 100, maxPerAddress: 2);
        table.Add(Peer(Flooder, 1), "progressing");
        table.Add(Peer(Flooder, 2), "stalled");
        Assert.True(table.TryGet(Peer(Flooder, 1), out _));   // its peer's next flight arrived

        var (peer, _, _) = Assert.Single(table.Add(Peer(Flooder, 3), "new"));

        Assert.Equal(Peer(Flooder, 2), peer);
        Assert.True(table.TryGet(Peer(Flooder, 1), out var kept));
        Assert.Equal("progressing", kept);
    }

    [Fact]
    public void At_the_overall_cap_a_new_handshake_displaces_the_most_silent_of_all()
    {
        var table = new HandshakeTable<string>(max: 3, maxPerAddress: 3);
        table.Add(Peer(Other, 1), "oldest");
        table.Add(Peer(Flooder, 1), "a");
        table.Add(Peer(Flooder, 2), "b");

        var (peer, _, ofAddress) = Assert.Single(table.Add(Peer(IPAddress.Loopback, 9), "newcomer"));

        Assert.Equal(Peer(Other, 1), peer);
        Assert.False(ofAddress);
        Assert.Equal(3, table.Count);
        Assert.Equal(0, table.CountOf(Other));
    }

    [Fact]
    public void A_finished_handshake_frees_its_place()
    {
        var table = new HandshakeTable<string>(max: 1, maxPerAddress: 1);
        table.Add(Peer(Flooder, 1), "a");

        Assert.True(table.Remove(Peer(Flooder, 1), out var removed));

        Assert.Equal("a", removed);
        Assert.Equal(0, table.Count);
        Assert.Empty(table.Add(Peer(Flooder, 2), "b"));
        Assert.False(table.Remove(Peer(Flooder, 1), out _));
    }
}
