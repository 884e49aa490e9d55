using Akka.TestKit;
using TrapActors.Snmp.Messages;
using TrapActors.Snmp.Security;
using Xunit;

namespace TrapActors.Tests.Usm;

/// <summary>
/// Issue #13 §2a: an inform from net-snmp's snmpinform (authPriv) waits for its subscriber while the user is replaced
/// (a new password), removed, or the cache cleared. The user's old keys are retired: the Response, which would be
/// sealed with them (or, before the fix, with the zeros they were overwritten with), never leaves. Every datagram the
/// receiver sends is captured through events.packet-trace.
/// </summary>
public sealed class UsmKeyRetirementInformTests() : UsmSpec("""
    trap-actors.inform { acknowledge = by-subscriber, decision-timeout = 30s, on-timeout = suppress }
    trap-actors.events.packet-trace = on
    """, new TrapReceiverSetup { Users = [User.ToUsmUser()] })
{
    private static readonly V3User User = new("rita", "SHA-256", "rita-auth-1", "AES", "rita-priv-1");

    [Theory]
    [InlineData("replace")]
    [InlineData("remove")]
    [InlineData("clear")]
    public async Task A_pending_inform_whose_user_is_retired_is_never_answered_with_zeroed_or_retired_keys(string change)
    {
        var subscriber = await SubscriberAsync();
        var sent = CreateTestProbe();
        Sys.EventStream.Subscribe(sent.Ref, typeof(PacketTraced));

        var run = SendInformAsync(User, "pending", "0", "4");
        var inform = await subscriber.ExpectMsgAsync<InformReceived>(TimeSpan.FromSeconds(10));
        Assert.True(inform.Acknowledgement.IsPending);

        object command = change switch
        {
            "replace" => new AddUsmUser((User with { AuthPassword = "rita-auth-2", PrivPassword = "rita-priv-2" }).ToUsmUser()),
            "remove" => new RemoveUsmUser(User.Name, default),
            _ => ClearUsmCache.Instance,
        };
        await AskAsync<object>(command);

        await EventFilter.Warning(contains: "not answered: its USM user was replaced or removed").ExpectOneAsync(() =>
        {
            inform.Respond();
            return Task.CompletedTask;
        });

        var result = await run;
        Assert.True(result.ExitCode != 0, $"snmpinform got a Response: {result}");
        var authenticated = Outgoing(sent).Where(m => (m.Flags & V3MessageFlags.Auth) != 0).ToList();
        Assert.True(authenticated.Count == 0,
            $"{authenticated.Count} authenticated datagram(s) left; signed with all-zero keys: {authenticated.Count(SignedWithZeros)}");
        Assert.Equal(0, (await StatsAsync()).InformsAnswered);
    }

    /// <summary>The SNMPv3 datagrams sent so far (the discovery Report among them).</summary>
    private static List<V3Message> Outgoing(TestProbe sent)
    {
        var messages = new List<V3Message>();
        while (sent.HasMessages)
        {
            if (sent.ReceiveOne(TimeSpan.Zero) is PacketTraced { Direction: PacketDirection.Outgoing } traced)
                messages.Add(UsmTestData.DecodeV3(traced.Packet.ToArray()));
        }
        return messages;
    }

    private static bool SignedWithZeros(V3Message message) =>
        UsmAuthentication.Verify(AuthProtocol.HmacSha256, new byte[AuthProtocol.HmacSha256.KeyLength()], message.WholeMessage.Span,
            message.AuthParametersOffset, message.Usm!.AuthParameters.Span);
}
