using System.Text;
using Akka.Actor;
using Akka.Event;
using TrapActors.Snmp;
using TrapActors.Snmp.Security;

namespace TrapActors.Security;

/// <summary>
/// From a session: a message authenticated (and decrypted) with this user that UsmPolicies.GetUser supplied; the user
/// joins the table unless one of that name and engine was added meanwhile.
/// </summary>
internal sealed record CacheProvidedUsmUser(UsmUserEntry Entry) : IUsmCommand, INoSerializationVerificationNeeded;

/// <summary>
/// /system/trap-actors/usm: owns the USM users (RFC 3414 usmUserTable) and remote engines. It is the only writer
/// of the <see cref="UsmTable"/> that sessions read: keys are derived here when a user is added (the setup's users:
/// on first use, decision 0038), and every change publishes a new immutable table.
/// </summary>
internal sealed class UsmSecurityActor : ReceiveActor, IWithTimers
{
    private const string Mask = "********";

    private readonly UsmRuntime _usm;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Dictionary<(string Name, string Engine), UsmUserEntry> _entries = [];
    private readonly RemoteEngineSaver _saver;

    public UsmSecurityActor(UsmRuntime usm)
    {
        _usm = usm;
        _saver = new RemoteEngineSaver(usm, _log);
        Receive<RemoteEngineSaver.Tick>(_ => _saver.Save());
        Receive<AddUsmUser>(HandleAddUser);
        Receive<CacheProvidedUsmUser>(HandleCacheProvided);
        Receive<RemoveUsmUser>(HandleRemoveUser);
        Receive<ReplaceUsmUsers>(HandleReplaceUsers);
        Receive<AddUsmEngine>(HandleAddEngine);
        Receive<RemoveUsmEngine>(msg => Sender.Tell(new UsmEngineRemoved(msg.EngineId, _usm.RemoveEngine(msg.EngineId.AsSpan()))));
        Receive<ClearUsmCache>(_ => HandleClear());
        Receive<ShowUsmCache>(HandleShow);
        Receive<HashUsmPasswords>(_ => HandleHashPasswords());
        Receive<GetLocalEngine>(_ => Sender.Tell(new LocalEngineInfo([.. _usm.Local.EngineId], _usm.Local.Boots, _usm.Local.Time(_usm.NowMs))));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(UsmRuntime usm) => Akka.Actor.Props.Create(() => new UsmSecurityActor(usm));

    /// <summary>
    /// The users come from the published table: the setup's users were put there before any listener bound
    /// (see TrapReceiverExtension), and after a restart the table holds everything added since.
    /// </summary>
    protected override void PreStart()
    {
        foreach (var entry in _usm.Table.Entries)
            _entries[Key(entry.User)] = entry;
        if (_saver.Enabled)
            Timers.StartPeriodicTimer(nameof(RemoteEngineSaver), RemoteEngineSaver.Tick.Instance, _usm.Settings.RemoteEnginesSaveInterval);
        if (_usm.Settings.DecryptLogPackets)
            _log.Warning("trap-actors.usm.decrypt-log-packets is ON: with events.packet-trace = on, PacketTraced events carry decrypted SNMPv3 PDUs");
        if (_usm.Settings.ShowPasswords)
            _log.Warning("trap-actors.usm.show-passwords is ON: ShowUsmCache answers with passwords and keys in clear");
    }

    /// <summary>At shutdown (or a restart of this actor) the remote engines' clocks are saved (usm.state-directory).</summary>
    protected override void PostStop() => _saver.Save();

    private void HandleAddUser(AddUsmUser msg)
    {
        UsmUserEntry? replaced;
        try
        {
            replaced = Add(msg.User);
        }
        catch (Exception e)
        {
            // The application's key-store policy (UsmPolicies.StoredMasterKey, PasswordHashed) threw: the user is not
            // added, and the sender hears so instead of waiting. Only the exception's type is logged: its text is the application's.
            _log.Warning("USM user {0} not added: the key-store policy threw {1}", msg.User.Name, e.GetType().Name);
            Sender.Tell(new Status.Failure(e));
            return;
        }
        _usm.UnknownUsers.Forget(msg.User.Name);
        Publish(replaced is null ? null : [replaced]);
        _log.Info("USM user {0} added for {1}", msg.User.Name, msg.User.AnyEngine ? "any engine" : EngineId.Format(msg.User.EngineId.AsSpan()));
        Sender.Tell(new UsmUserAdded(msg.User.Name, msg.User.EngineId));
    }

    /// <summary>
    /// The keys not derived yet (the setup's users hash their passwords on first use) are derived now, on the bounded
    /// derivation queue, and the reply waits for them; the actor goes on meanwhile.
    /// </summary>
    private void HandleHashPasswords()
    {
        var count = _entries.Count;
        var pending = _entries.Values.Where(e => !e.KeysReady).Select(_usm.DeriveKeys).ToList();
        if (pending.Count == 0)
            Sender.Tell(new UsmPasswordsHashed(count));
        else
            Task.WhenAll(pending).PipeTo(Sender, success: _ => new UsmPasswordsHashed(count));
    }

    private void HandleCacheProvided(CacheProvidedUsmUser msg)
    {
        var entry = msg.Entry;
        if (entry.IsRetired || !_entries.TryAdd(Key(entry.User), entry))
            return;
        entry.Cached();
        _usm.UnknownUsers.Forget(entry.User.Name);
        Publish(null);
        _log.Info("USM user {0} supplied by UsmPolicies.GetUser cached for {1}", entry.User.Name,
            entry.User.AnyEngine ? "any engine" : EngineId.Format(entry.User.EngineId.AsSpan()));
    }

    private void HandleRemoveUser(RemoveUsmUser msg)
    {
        var key = (msg.Name, EngineId.Format(msg.EngineId.IsDefault ? [] : msg.EngineId.AsSpan()));
        var existed = _entries.Remove(key, out var entry);
        if (existed)
            Publish([entry!]);
        Sender.Tell(new UsmUserRemoved(msg.Name, msg.EngineId, existed));
    }

    /// <summary>A reconfiguration's users; a key-store policy that throws changes nothing and fails the reconfiguration.</summary>
    private void HandleReplaceUsers(ReplaceUsmUsers msg)
    {
        try
        {
            var (reply, retired) = UsmUserReplacement.Apply(_entries, msg.Users, _usm, msg.Reply);
            Publish(retired);
            msg.ReplyTo.Tell(reply);
        }
        catch (Exception e)
        {
            _log.Warning("USM users not replaced: the key-store policy threw {0}", e.GetType().Name);
            msg.ReplyTo.Tell(new Status.Failure(e));
        }
    }

    private void HandleAddEngine(AddUsmEngine msg)
    {
        if (_usm.AddEngine(msg.EngineId.AsSpan(), msg.EngineBoots, msg.EngineTime))
            Sender.Tell(new UsmEngineAdded(msg.EngineId));
        else
            Sender.Tell(new Status.Failure(new InvalidOperationException(
                $"engine {EngineId.Format(msg.EngineId.AsSpan())} not added: usm.max-remote-engines ({_usm.Settings.MaxRemoteEngines}) engines are tracked already")));
    }

    private void HandleClear()
    {
        var removed = _entries.Values.ToList();
        _entries.Clear();
        Publish(removed);
        _usm.ClearEngines();
        Sender.Tell(UsmCacheCleared.Instance);
    }

    /// <summary>One entry per user (with its engine's boots and time where known), and one per engine without users.</summary>
    private void HandleShow(ShowUsmCache msg)
    {
        var now = _usm.NowMs;
        var count = 0;
        var enginesWithUsers = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in _entries.Values.Where(e => msg.User is null || e.User.Name == msg.User))
        {
            var user = entry.User;
            var engine = user.AnyEngine ? null : _usm.Engines.FirstOrDefault(e => e.EngineId.Span.SequenceEqual(user.EngineId.AsSpan()));
            var (boots, time) = engine?.Snapshot(now) ?? (0, 0);
            enginesWithUsers.Add(EngineId.Format(user.EngineId.AsSpan()));
            Sender.Tell(new UsmCacheEntry(user.EngineId, boots, time, user.Name, user.Auth.Name(), Secret(user.AuthSecret), user.Priv.Name(), Secret(user.PrivSecret)));
            count++;
        }
        if (msg.User is null)
        {
            foreach (var engine in _usm.Engines.Where(e => !enginesWithUsers.Contains(EngineId.Format(e.EngineId.Span))))
            {
                var (boots, time) = engine.Snapshot(now);
                Sender.Tell(new UsmCacheEntry([.. engine.EngineId.Span], boots, time, null, AuthProtocol.None.Name(), null, PrivProtocol.None.Name(), null));
                count++;
            }
        }
        Sender.Tell(new UsmCacheShown(count));
    }

    private string? Secret(UsmSecret? secret) => secret is null ? null
        : !_usm.Settings.ShowPasswords ? Mask
        : secret.Kind == UsmSecretKind.Password ? Encoding.UTF8.GetString(secret.Value)
        : Convert.ToHexStringLower(secret.Value);

    /// <summary>Adds the user; returns the entry it replaced, to be retired once the new table is published.</summary>
    private UsmUserEntry? Add(UsmUser user)
    {
        var entry = _usm.CreateEntry(user);
        _entries.Remove(Key(user), out var replaced);
        _entries[Key(user)] = entry;
        return replaced;
    }

    private static (string, string) Key(UsmUser user) => (user.Name, EngineId.Format(user.EngineId.AsSpan()));

    /// <summary>Publishes the table, then retires <paramref name="retired"/>: nothing can use their keys afterwards, and they are zeroed once nothing holds them.</summary>
    private void Publish(IEnumerable<UsmUserEntry>? retired) => _usm.Publish(new UsmTable(_entries.Values), retired);
}
