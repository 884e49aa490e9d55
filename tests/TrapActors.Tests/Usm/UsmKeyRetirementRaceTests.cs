using System.Net;
using TrapActors.Security;
using TrapActors.Snmp;
using TrapActors.Snmp.Messages;
using TrapActors.Snmp.Security;
using Xunit;

namespace TrapActors.Tests.Usm;

/// <summary>
/// Issue #13 §2b: the user table changes while sessions verify. A message whose digest was computed with an all-zero key
/// must never be accepted, whenever the user is replaced; retired keys are zeroed once nothing holds them.
/// </summary>
public class UsmKeyRetirementRaceTests
{
    private static readonly byte[] RemoteEngine = Convert.FromHexString("80000000010203040bb2");
    private static readonly IPEndPoint Source = new(IPAddress.Loopback, 50162);
    private const AuthProtocol Auth = AuthProtocol.HmacSha256;

    [Fact]
    public void A_lease_keeps_retired_keys_intact_until_returned_and_no_new_lease_is_granted()
    {
        var keys = new UserKeys(Auth, [1, 2, 3], PrivProtocol.Aes128, [4, 5, 6]);
        Assert.True(keys.TryAcquire());

        keys.Retire();

        Assert.Equal([1, 2, 3], keys.AuthKey);
        Assert.False(keys.TryAcquire());
        Assert.Equal(1, keys.RefusedLeases);
        keys.Release();
        Assert.All(new[] { keys.AuthKey, keys.PrivKey! }, k => Assert.DoesNotContain(k, b => b != 0));
    }

    [Fact]
    public void A_response_is_not_sealed_with_retired_keys()
    {
        var entry = UsmUserEntry.Create(User("pia", "pia-auth-1"), () => { });
        var keys = entry.KeysFor(UsmTestData.LocalEngine.AsSpan(), () => { })!;
        var request = UsmTestData.DecodeV3(Message("pia", keys.AuthKey, [.. UsmTestData.LocalEngine]));
        var accepted = new UsmAccepted(request.ScopedPdu!, "pia", SecurityLevel.AuthNoPriv, entry, keys, true, []);
        var reply = new UsmInformReply(request, accepted, new LocalEngine([.. UsmTestData.LocalEngine], 1, 0), TimeProvider.System);
        Assert.NotNull(reply.Encode(SnmpErrorStatus.NoError, 0, SnmpLimits.MaxUdpPayload));

        keys.Retire();

        Assert.Null(reply.Encode(SnmpErrorStatus.NoError, 0, SnmpLimits.MaxUdpPayload));
        Assert.DoesNotContain(keys.AuthKey, b => b != 0);
    }

    /// <summary>Two threads verify a forged (all-zero key) and a genuine message while the user is replaced 200 times.</summary>
    [Fact]
    public async Task A_message_signed_with_an_all_zero_key_is_never_accepted_while_users_are_replaced()
    {
        var local = new LocalEngine([.. UsmTestData.LocalEngine], 1, TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds());
        var usm = new UsmRuntime(new UsmSettings(), local, TimeProvider.System, new UsmPolicies());
        var current = usm.CreateEntry(User("ivo", "ivo-auth-1"));
        usm.Publish(new UsmTable([current]));
        var processor = new UsmProcessor(usm, DecodeLimits.Default);
        var forged = UsmTestData.DecodeV3(Message("ivo", new byte[Auth.KeyLength()], RemoteEngine));
        var genuine = UsmTestData.DecodeV3(Message("ivo", UsmKeys.Localize(Auth, UsmKeys.PasswordToKey(Auth, "ivo-auth-1"), RemoteEngine), RemoteEngine));

        var forgedAccepted = 0;
        var genuineAccepted = 0;
        using var stop = new CancellationTokenSource();
        using var running = new CountdownEvent(2);
        var verifiers = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            var first = true;
            while (!stop.IsCancellationRequested)
            {
                if (processor.Process(forged, Source) is UsmAccepted)
                    Interlocked.Increment(ref forgedAccepted);
                if (processor.Process(genuine, Source) is UsmAccepted)
                    Interlocked.Increment(ref genuineAccepted);
                if (first)
                    running.Signal();
                first = false;
            }
        })).ToArray();
        Assert.True(running.Wait(TimeSpan.FromSeconds(60)), "the verifiers did not start");

        var retired = new List<UserKeys>();
        try
        {
            for (var i = 0; i < 200; i++)
            {
                // The same password each time: genuine messages keep verifying, so the race window stays busy.
                var next = usm.CreateEntry(User("ivo", "ivo-auth-1"));
                retired.Add(usm.KeysFor(current, RemoteEngine)!);
                usm.Publish(new UsmTable([next]), [current]);
                current = next;
            }
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(verifiers);
        }

        Assert.Equal(0, forgedAccepted);
        Assert.True(genuineAccepted > 0, "no genuine message was accepted: the verifications did not run");
        Assert.All(retired, k => Assert.True(k.IsRetired && k.AuthKey.All(b => b == 0), "retired keys not zeroed once released"));
        Assert.Contains(current.KeysFor(RemoteEngine, () => { })!.AuthKey, b => b != 0);
    }

    private static UsmUser User(string name, string password) =>
        new V3User(name, "SHA-256", password).ToUsmUser();

    /// <summary>An authNoPriv trap signed with <paramref name="authKey"/> (all zeros for the forgery).</summary>
    private static byte[] Message(string user, byte[] authKey, byte[] engineId)
    {
        var pdu = new Pdu(PduType.TrapV2, 7, 0, 0,
        [
            new VarBind(WellKnownOids.SysUpTime0, SnmpValue.TimeTicks(1)),
            new VarBind(WellKnownOids.SnmpTrapOid0, SnmpValue.ObjectIdentifier(Oid.Parse("1.3.6.1.4.1.8072.9999.0.7"))),
        ]);
        var usmParams = new UsmSecurityParameters(engineId, 1, 0, System.Text.Encoding.UTF8.GetBytes(user), new byte[Auth.MacLength()], default);
        var bytes = SnmpMessageEncoder.Encode(new V3Message(1, SnmpLimits.MaxUdpPayload, V3MessageFlags.Auth, SecurityModels.Usm, default, usmParams,
            new ScopedPdu(engineId, default, pdu), default), out var macOffset);
        UsmAuthentication.Sign(Auth, authKey, bytes, macOffset);
        return bytes;
    }
}
