using System.Collections.Immutable;
using Akka.Actor;
using Akka.Configuration;
using TrapActors.Configuration;
using TrapActors.Dtls;
using TrapActors.Security;

namespace TrapActors;

/// <summary>
/// The guardian's part of <see cref="ReconfigureTrapReceiver"/>: checks the new configuration and certificate map,
/// puts the communities, access rules and map in force (sessions read them from their next message on), and hands the
/// users to the USM security actor, which answers. Nothing is rebound.
/// </summary>
internal sealed class ReceiverReconfiguration
{
    /// <summary>Applied by a reconfiguration; any other trap-actors key needs a restart.</summary>
    private static readonly string[] Applied = ["community.", "access.", "dtls.cert-map", "dtls.cert-map-file"];

    /// <summary>Keys that only decide what happens at start (and that Akka.Hosting sets from its options): never reported.</summary>
    private static readonly string[] StartOnly = ["auto-activate"];

    private readonly Config _running;
    private readonly Func<TrapReceiverSettings, TrapReceiverSettings>? _configure;
    private readonly SecurityServices _security;
    private readonly LiveCertMap _liveMap;
    private readonly bool _hasDtls;
    private CommunitySettings _community;
    private ImmutableArray<string> _setupCommunities;
    private NotificationAccessSettings _access;
    private CertToTsnMap? _map;

    public ReceiverReconfiguration(Config running, TrapReceiverSettings settings, TrapReceiverSetup setup, SecurityServices security, LiveCertMap liveMap)
    {
        _running = running;
        _configure = setup.ConfigureSettings;
        _security = security;
        _liveMap = liveMap;
        _community = settings.Community;
        _setupCommunities = setup.Communities;
        _access = settings.Access;
        _hasDtls = settings.Listener.Endpoints.Any(e => e.Transport == "dtls");
        _map = _hasDtls ? TryLoad(settings.Dtls) : null;
    }

    /// <summary>Applies <paramref name="msg"/>; <paramref name="replyTo"/> hears the outcome, from the USM actor when users are given.</summary>
    public void Handle(ReconfigureTrapReceiver msg, IActorRef replyTo, IActorRef usm)
    {
        TrapReceiverReconfigured reply;
        try
        {
            reply = Apply(msg);
        }
        catch (Exception e)
        {
            replyTo.Tell(new Status.Failure(e));
            return;
        }
        if (msg.Users is { } users)
            usm.Tell(new ReplaceUsmUsers(users.IsDefault ? [] : users, reply, replyTo));
        else
            replyTo.Tell(reply);
    }

    private TrapReceiverReconfigured Apply(ReconfigureTrapReceiver msg)
    {
        // Everything is read and checked first: a bad key or cert-map line changes nothing.
        TrapReceiverSettings? next = null;
        CertToTsnMap? map = null;
        if (msg.Configuration is { } config)
        {
            next = TrapReceiverSettings.Create(config);
            if (_configure is not null)
                next = _configure(next);
            if (_hasDtls)
                map = LiveCertMap.Load(next.Dtls);
        }

        var community = next?.Community ?? _community;
        var setupCommunities = msg.Communities is { } given ? (given.IsDefault ? [] : given) : _setupCommunities;
        var communitiesChanged = false;
        if (next is not null || msg.Communities is not null)
            communitiesChanged = _security.Communities.Replace(community.Accepted.Concat(setupCommunities), community.AcceptAny);
        (_community, _setupCommunities) = (community, setupCommunities);

        var accessChanged = false;
        if (next is not null)
        {
            accessChanged = !SameAccess(_access, next.Access);
            _access = next.Access;
            _security.ReplaceAccess(NotificationAccess.FromSettings(next.Access));
        }

        var mapChanged = false;
        if (map is not null)
        {
            mapChanged = _map is null || !LiveCertMap.Same(_map, map);
            _map = map;
            _liveMap.Replace(map);
        }

        var notApplied = msg.Configuration is { } c
            ? ConfigDifferences.ChangedKeys(_running, c.WithFallback(TrapReceiverExtension.DefaultConfig()), UnknownConfigKeys.Root)
                .Where(k => !StartOnly.Contains(k) && !Applied.Any(a => a.EndsWith('.') ? k.StartsWith(a, StringComparison.Ordinal) : k == a))
                .ToImmutableArray()
            : [];
        return new TrapReceiverReconfigured([], [], [], communitiesChanged, accessChanged, mapChanged, notApplied);
    }

    private static bool SameAccess(NotificationAccessSettings a, NotificationAccessSettings b) =>
        a.Rules.SequenceEqual(b.Rules) && a.UserMinimumLevels.SequenceEqual(b.UserMinimumLevels);

    /// <summary>The map in force at start, to tell whether a reconfiguration changes it; null when it cannot be read (the listener reports why).</summary>
    private static CertToTsnMap? TryLoad(DtlsSettings settings)
    {
        try
        {
            return LiveCertMap.Load(settings);
        }
        catch (DtlsConfigurationException)
        {
            return null;
        }
    }
}
