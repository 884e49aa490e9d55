using System.Collections.Immutable;
using System.Net;
using Akka.Configuration;
using TrapActors.Snmp.Messages;

namespace TrapActors.Cluster;

/// <summary>A trap-OID subtree and the topic its notifications go to (an entry of trap-actors.cluster.topics-by-trap-oid).</summary>
/// <param name="Prefix">The subtree: notifications whose trap OID equals or lies below it.</param>
/// <param name="Topic">The DistributedPubSub topic they are published to.</param>
public sealed record TrapOidTopic(Oid Prefix, string Topic);

/// <summary>Source networks and the topic their notifications go to (an entry of trap-actors.cluster.topics-by-source).</summary>
/// <param name="Sources">Addresses and CIDR networks the sender's address is matched against.</param>
/// <param name="Topic">The DistributedPubSub topic their notifications are published to.</param>
public sealed record SourceTopic(ImmutableArray<IPNetwork> Sources, string Topic);

/// <summary>trap-actors.cluster: which DistributedPubSub topic each notification is published to.</summary>
public sealed record ClusterFanOutSettings
{
    /// <summary>The default topic every receiver node publishes to and subscribers subscribe to (trap-actors.cluster.topic).</summary>
    public string Topic { get; init; } = "trap-actors";
    /// <summary>Topics by trap-OID subtree; the longest matching subtree wins (trap-actors.cluster.topics-by-trap-oid).</summary>
    public ImmutableArray<TrapOidTopic> TopicsByTrapOid { get; init; } = [];
    /// <summary>Topics by source network, used when no trap-OID subtree matched; the first match wins (trap-actors.cluster.topics-by-source).</summary>
    public ImmutableArray<SourceTopic> TopicsBySource { get; init; } = [];

    /// <summary>The longest matching trap-OID subtree's topic, else the first source group's, else <see cref="Topic"/>.</summary>
    public string TopicFor(SnmpNotification notification)
    {
        TrapOidTopic? best = null;
        foreach (var entry in TopicsByTrapOid)
        {
            if (notification.TrapOid.StartsWith(entry.Prefix) && (best is null || entry.Prefix.Length > best.Prefix.Length))
                best = entry;
        }
        if (best is not null)
            return best.Topic;
        var source = notification.Origin.Source.Address;
        foreach (var entry in TopicsBySource)
        {
            foreach (var network in entry.Sources)
            {
                if (network.Contains(source))
                    return entry.Topic;
            }
        }
        return Topic;
    }

    /// <summary>Reads trap-actors.cluster (with this project's defaults as fallback); errors name the full key.</summary>
    public static ClusterFanOutSettings Create(Config config)
    {
        var c = config.WithFallback(DefaultConfig()).GetConfig("trap-actors.cluster");
        var topic = c.GetString("topic") ?? "";
        if (topic.Length == 0)
            throw new ConfigurationException("trap-actors.cluster.topic: must not be empty");
        return new ClusterFanOutSettings
        {
            Topic = topic,
            TopicsByTrapOid = [.. Objects(c, "topics-by-trap-oid").Select((o, i) =>
            {
                var key = $"trap-actors.cluster.topics-by-trap-oid[{i}]";
                return Oid.TryParse(o.GetString("trap-oid") ?? "", out var prefix)
                    ? new TrapOidTopic(prefix, Named(o, key))
                    : throw new ConfigurationException($"{key}.trap-oid: '{o.GetString("trap-oid")}' is not an OID");
            })],
            TopicsBySource = [.. Objects(c, "topics-by-source").Select((o, i) =>
            {
                var key = $"trap-actors.cluster.topics-by-source[{i}]";
                var sources = (o.GetStringList("sources") ?? []).Select(s => Network(s, $"{key}.sources")).ToImmutableArray();
                return sources.IsEmpty ? throw new ConfigurationException($"{key}.sources: empty") : new SourceTopic(sources, Named(o, key));
            })],
        };
    }

    /// <summary>The embedded defaults of trap-actors.cluster (TrapActors.Cluster's reference.conf).</summary>
    public static Config DefaultConfig() =>
        ConfigurationFactory.FromResource<ClusterFanOutSettings>("TrapActors.Cluster.reference.conf");

    private static IEnumerable<Config> Objects(Config config, string key) =>
        config.HasPath(key) ? config.GetValue(key).GetArray().Select(v => new Config(new Akka.Configuration.Hocon.HoconRoot(v))) : [];

    private static string Named(Config entry, string key) =>
        entry.GetString("topic") is { Length: > 0 } topic ? topic : throw new ConfigurationException($"{key}.topic: missing");

    private static IPNetwork Network(string text, string key)
    {
        if (IPNetwork.TryParse(text, out var network))
            return network;
        if (IPAddress.TryParse(text, out var address))
            return new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
        throw new ConfigurationException($"{key}: '{text}' is not an address or CIDR network");
    }
}
