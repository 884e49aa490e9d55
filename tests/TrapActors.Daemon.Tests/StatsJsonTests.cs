using System.Collections.Immutable;
using System.Text.Json;
using TrapActors.Daemon;
using Xunit;

namespace TrapActors.Daemon.Tests;

public sealed class StatsJsonTests
{
    [Fact]
    public void Counters_and_every_drop_reason_in_kebab_case()
    {
        var dropped = ImmutableDictionary<DropReason, long>.Empty
            .Add(DropReason.UnknownCommunity, 3)
            .Add(DropReason.TooLarge, 1);
        var json = JsonDocument.Parse(StatsJson.Format(new TrapReceiverStats(10, 9, 5, 2, dropped, 4))).RootElement;
        Assert.Equal(10, json.GetProperty("received").GetInt64());
        Assert.Equal(9, json.GetProperty("decoded").GetInt64());
        Assert.Equal(5, json.GetProperty("delivered").GetInt64());
        Assert.Equal(2, json.GetProperty("informsAnswered").GetInt64());
        Assert.Equal(4, json.GetProperty("droppedTotal").GetInt64());
        Assert.Equal(4, json.GetProperty("activeSessions").GetInt64());
        var reasons = json.GetProperty("dropped").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64());
        Assert.Equal(
            new Dictionary<string, long>
            {
                ["malformed"] = 0,
                ["too-large"] = 1,
                ["unsupported-version"] = 0,
                ["unsupported-pdu"] = 0,
                ["unsupported-security"] = 0,
                ["unknown-community"] = 3,
                ["session-limit"] = 0,
                ["no-subscriber"] = 0,
            },
            reasons);
    }

    [Fact]
    public void One_line()
    {
        var text = StatsJson.Format(new TrapReceiverStats(0, 0, 0, 0, ImmutableDictionary<DropReason, long>.Empty, 0));
        Assert.DoesNotContain('\n', text);
    }
}
