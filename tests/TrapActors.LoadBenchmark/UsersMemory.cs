using System.Globalization;
using Akka.Actor;
using Akka.Configuration;
using TrapActors.Snmp.Security;

namespace TrapActors.LoadBenchmark;

/// <summary>
/// The receiver's managed memory per SNMPv3 user, in this process (GC.GetTotalMemory after full collections): the
/// setup's users as the receiver keeps them before any key is derived, and what deriving their keys adds
/// (HashUsmPasswords, on at most <see cref="DerivedSample"/> users: a derivation costs a few milliseconds of hashing).
/// </summary>
public static class UsersMemory
{
    public const int DerivedSample = 2_000;

    public static string Measure(int users)
    {
        Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] memory per user: receivers with 0 and {users} users, then keys derived for {Math.Min(users, DerivedSample)}");
        var empty = ReceiverBytes(0, derive: false).Started;
        var (started, _) = ReceiverBytes(users, derive: false);
        var sample = Math.Min(users, DerivedSample);
        var (beforeDerivation, afterDerivation) = ReceiverBytes(sample, derive: true);
        return string.Create(CultureInfo.InvariantCulture,
            $"""
            | receiver memory (managed heap, this process) | per user |
            |---|---:|
            | {users:N0} users, keys not derived (receiver with them − receiver without users) | {(started - empty) / (double)users:0} B |
            | keys derived (HashUsmPasswords on {sample:N0} users: Ku for authentication and privacy) | +{(afterDerivation - beforeDerivation) / (double)sample:0} B |

            """);
    }

    /// <summary>Heap growth from starting a receiver with <paramref name="users"/> users (the UsmUser list excluded), and after HashUsmPasswords.</summary>
    private static (long Started, long Derived) ReceiverBytes(int users, bool derive)
    {
        var list = Enumerable.Range(0, users)
            .Select(i => UsmUser.AuthPriv(UsersStartup.UserName(i), AuthProtocol.HmacSha1, UsersStartup.AuthPassword(i), PrivProtocol.Aes128, UsersStartup.PrivPassword(i)))
            .ToList();
        var setup = BootstrapSetup.Create()
            .WithConfig(ConfigurationFactory.ParseString("trap-actors.auto-activate = off\nakka.loglevel = WARNING"))
            .And(new TrapReceiverSetup { Users = [.. list] });
        var system = ActorSystem.Create("users-memory", setup);
        try
        {
            var before = GC.GetTotalMemory(forceFullCollection: true);
            var receiver = TrapReceiverExtension.Get(system).Receiver;
            receiver.Ask<TrapReceiverStats>(GetTrapReceiverStats.Instance, TimeSpan.FromSeconds(30)).GetAwaiter().GetResult();
            var started = GC.GetTotalMemory(forceFullCollection: true) - before;
            if (!derive)
                return (started, started);
            receiver.Ask<UsmPasswordsHashed>(HashUsmPasswords.Instance, TimeSpan.FromMinutes(10)).GetAwaiter().GetResult();
            return (started, GC.GetTotalMemory(forceFullCollection: true) - before);
        }
        finally
        {
            system.Terminate().Wait(TimeSpan.FromSeconds(30));
            GC.KeepAlive(list);
        }
    }
}
