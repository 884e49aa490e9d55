using System.Collections.Immutable;
using Akka.Actor;
using Akka.Cluster;
using Akka.DistributedData;
using Akka.Event;

namespace TrapActors.Cluster.UsmReplication;

/// <summary>
/// One per receiver node: writes users to the replicated table (<see cref="ReplicateAddUser"/>,
/// <see cref="ReplicateRemoveUser"/>), and applies every change of the table, from this node or any other, to the
/// local receiver with <see cref="AddUsmUser"/> / <see cref="RemoveUsmUser"/>. Users the receiver got otherwise (its
/// setup, a local AddUsmUser) are left alone unless the table holds the same name and engine.
/// </summary>
internal sealed class UsmUserReplicator : ReceiveActor
{
    internal static readonly LWWDictionaryKey<string, ReplicatedUsmUser> TableKey = new(UsmUserReplication.DataKeyId);

    private readonly IActorRef _replicator;
    private readonly IActorRef _receiver;
    private readonly UsmReplicationSettings _settings;
    private readonly UniqueAddress _self;
    private readonly ILoggingAdapter _log = Context.GetLogger();

    /// <summary>The revision of each user this node applied to its receiver, by table key.</summary>
    private readonly Dictionary<string, ReplicatedUsmUser> _applied = new(StringComparer.Ordinal);

    public UsmUserReplicator(IActorRef replicator, IActorRef receiver, UsmReplicationSettings settings)
    {
        _replicator = replicator;
        _receiver = receiver;
        _settings = settings;
        _self = Akka.Cluster.Cluster.Get(Context.System).SelfUniqueAddress;

        Receive<ReplicateAddUser>(HandleAdd);
        Receive<ReplicateRemoveUser>(HandleRemove);
        Receive<Changed>(changed => changed.Key.Equals(TableKey), changed => Apply(changed.Get(TableKey)));
        Receive<UpdateSuccess>(success => Reply(success.Request, timedOut: null));
        Receive<IUpdateFailure>(failure => Reply(failure.Request, timedOut: Describe(failure)));
        // The receiver's own replies to what this actor applied.
        Receive<UsmUserAdded>(_ => { });
        Receive<UsmUserRemoved>(_ => { });
    }

    public static Props Props(IActorRef replicator, IActorRef receiver, UsmReplicationSettings settings) =>
        Akka.Actor.Props.Create(() => new UsmUserReplicator(replicator, receiver, settings));

    protected override void PreStart() => _replicator.Tell(Dsl.Subscribe(TableKey, Self));

    private IWriteConsistency WriteConsistency => new WriteMajority(_settings.EffectiveWriteTimeout);

    private void HandleAdd(ReplicateAddUser msg)
    {
        var entry = new ReplicatedUsmUser(msg.User.WithCopiedSecrets(), Guid.NewGuid());
        var pending = new PendingWrite(Sender, new UsmUserReplicated(msg.User.Name, msg.User.EngineId), msg.User.Name, msg.User.EngineId);
        _replicator.Tell(Dsl.Update(TableKey, LWWDictionary<string, ReplicatedUsmUser>.Empty, WriteConsistency, pending,
            table => table.SetItem(_self, entry.Key, entry)));
    }

    private void HandleRemove(ReplicateRemoveUser msg)
    {
        var engineId = msg.EngineId.IsDefault ? [] : msg.EngineId;
        var pending = new PendingWrite(Sender, new UsmUserRemovalReplicated(msg.Name, engineId), msg.Name, engineId);
        var key = ReplicatedUsmUser.KeyOf(msg.Name, engineId);
        _replicator.Tell(Dsl.Update(TableKey, LWWDictionary<string, ReplicatedUsmUser>.Empty, WriteConsistency, pending,
            table => table.Remove(_self, key)));
    }

    private void Reply(object? request, string? timedOut)
    {
        if (request is not PendingWrite pending)
            return;
        if (timedOut is null)
            pending.ReplyTo.Tell(pending.Success);
        else
        {
            _log.Warning("USM user {0} replicated on this node only so far: {1}", pending.Name, timedOut);
            pending.ReplyTo.Tell(new UsmReplicationIncomplete(pending.Name, pending.EngineId, timedOut));
        }
    }

    private string Describe(IUpdateFailure failure) => failure switch
    {
        UpdateTimeout => $"no majority of the nodes confirmed within {_settings.EffectiveWriteTimeout.TotalSeconds:0.###} s",
        ModifyFailure modify => modify.ErrorMessage,
        _ => failure.GetType().Name,
    };

    /// <summary>Tells the receiver what changed since the table this node applied last.</summary>
    private void Apply(LWWDictionary<string, ReplicatedUsmUser> table)
    {
        foreach (var (key, entry) in table)
        {
            if (_applied.TryGetValue(key, out var applied) && applied.Revision == entry.Revision)
                continue;
            _applied[key] = entry;
            _receiver.Tell(new AddUsmUser(entry.User));
            _log.Info("USM user {0} applied from the replicated table", key);
        }
        foreach (var (key, gone) in _applied.Where(a => !table.ContainsKey(a.Key)).ToList())
        {
            _applied.Remove(key);
            _receiver.Tell(new RemoveUsmUser(gone.User.Name, gone.User.EngineId));
            _log.Info("USM user {0} removed from the replicated table", key);
        }
    }

    private sealed record PendingWrite(IActorRef ReplyTo, object Success, string Name, ImmutableArray<byte> EngineId);
}
