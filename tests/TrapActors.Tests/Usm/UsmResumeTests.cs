using System.Net;
using TrapActors.Security;
using TrapActors.Snmp;
using TrapActors.Snmp.Messages;
using TrapActors.Snmp.Security;
using TrapActors.Tests.Discovery;
using Xunit;

namespace TrapActors.Tests.Usm;

/// <summary>
/// A USM policy that answers asynchronously: processing resumes at the stage that waited, with what was already
/// established. The message's digest is verified once and its scoped PDU decrypted once, however many policies wait.
/// </summary>
public class UsmResumeTests
{
    private static readonly byte[] RemoteEngine = Convert.FromHexString("80000000010203040aa1");
    private static readonly IPEndPoint Source = new(IPAddress.Loopback, 50162);
    private static readonly V3User Olga = new("olga", "SHA-256", "olga-auth-1", "AES", "olga-priv-1");

    private static V3TestSender SenderFor(V3User user) =>
        new(user.Name, V3User.AuthOf(user.Auth!), user.AuthPassword!, V3User.PrivOf(user.Priv!), user.PrivPassword!);

    private static (UsmProcessor Processor, UsmRuntime Usm) Processor(UsmPolicies policies, params V3User[] users)
    {
        var local = new LocalEngine([.. UsmTestData.LocalEngine], 1, TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds());
        var usm = new UsmRuntime(new UsmSettings(), local, TimeProvider.System, policies);
        usm.Publish(new UsmTable(users.Select(u => usm.CreateEntry(u.ToUsmUser()))));
        return (new UsmProcessor(usm, DecodeLimits.Default), usm);
    }

    /// <summary>An authPriv trap from <see cref="RemoteEngine"/> as the session gets it from the decoder.</summary>
    private static V3Message Trap(V3User user, bool encrypt = true)
    {
        var pdu = new Pdu(PduType.TrapV2, 7, 0, 0,
        [
            new VarBind(WellKnownOids.SysUpTime0, SnmpValue.TimeTicks(1)),
            new VarBind(WellKnownOids.SnmpTrapOid0, SnmpValue.ObjectIdentifier(Oid.Parse("1.3.6.1.4.1.8072.9999.0.7"))),
        ]);
        var bytes = SenderFor(user).Message(RemoteEngine, 3, 333, pdu, encrypt, reportable: false);
        Assert.True(SnmpMessageDecoder.TryDecode(bytes, DecodeLimits.Default, out var message, out var error), error.ToString());
        return Assert.IsType<V3Message>(message);
    }

    private static async Task<UsmOutcome> ResumeAsync(UsmProcessor processor, V3Message message, UsmPending pending) =>
        processor.Resume(message, Source, pending.Resume, await pending.Decision);

    [Fact]
    public async Task An_asynchronous_check_engine_decision_resumes_after_authentication_without_verifying_again()
    {
        var decision = new TaskCompletionSource<bool>();
        var asked = 0;
        var (processor, usm) = Processor(new UsmPolicies
        {
            CheckEngine = r =>
            {
                Interlocked.Increment(ref asked);
                Assert.True(r.IsNew && r.DefaultAccept);
                return new ValueTask<bool>(decision.Task);
            },
        }, Olga);
        var message = Trap(Olga);

        var pending = Assert.IsType<UsmPending>(processor.Process(message, Source));
        Assert.IsType<ResumeAtEngineCheck>(pending.Resume);
        Assert.Equal((1, 0), (processor.DigestsVerified, processor.PdusDecrypted));

        decision.SetResult(true);
        var accepted = Assert.IsType<UsmAccepted>(await ResumeAsync(processor, message, pending));

        Assert.Equal("olga", accepted.UserName);
        Assert.Equal(SecurityLevel.AuthPriv, accepted.Level);
        Assert.Equal(PduType.TrapV2, accepted.ScopedPdu.Pdu.Type);
        Assert.False(accepted.LocallyAuthoritative);
        Assert.Equal((1, 1), (processor.DigestsVerified, processor.PdusDecrypted));
        Assert.Equal(1, asked);
        Assert.NotNull(usm.FindEngine(RemoteEngine));
    }

    [Fact]
    public async Task A_refused_engine_is_counted_once_and_nothing_is_decrypted()
    {
        var (processor, usm) = Processor(new UsmPolicies { CheckEngine = _ => new ValueTask<bool>(Task.Run(() => false)) }, Olga);
        var message = Trap(Olga);

        var outcome = processor.Process(message, Source);
        if (outcome is UsmPending pending)
            outcome = await ResumeAsync(processor, message, pending);

        var rejected = Assert.IsType<UsmRejected>(outcome);
        Assert.Equal(DropReason.UnknownEngine, rejected.Reason);
        Assert.Equal(1, usm.Counters.UnknownEngineIds);
        Assert.Equal((1, 0), (processor.DigestsVerified, processor.PdusDecrypted));
        Assert.Null(usm.FindEngine(RemoteEngine));
    }

    [Fact]
    public async Task A_faulted_check_engine_policy_refuses_the_engine()
    {
        var decision = new TaskCompletionSource<bool>();
        var (processor, usm) = Processor(new UsmPolicies { CheckEngine = _ => new ValueTask<bool>(decision.Task) }, Olga);
        var message = Trap(Olga);
        var pending = Assert.IsType<UsmPending>(processor.Process(message, Source));

        decision.SetException(new InvalidOperationException("policy store down"));

        Assert.Equal(DropReason.UnknownEngine, Assert.IsType<UsmRejected>(await ResumeAsync(processor, message, pending)).Reason);
        Assert.Equal(1, usm.Counters.UnknownEngineIds);
    }

    [Fact]
    public async Task Two_asynchronous_decisions_in_a_row_verify_and_decrypt_once()
    {
        var engine = new TaskCompletionSource<bool>();
        var minimum = new TaskCompletionSource<SecurityLevel>();
        var (processor, _) = Processor(new UsmPolicies
        {
            CheckEngine = _ => new ValueTask<bool>(engine.Task),
            MinimumSecurityLevel = r =>
            {
                Assert.Equal(SecurityLevel.AuthPriv, r.RequestedLevel);
                return new ValueTask<SecurityLevel>(minimum.Task);
            },
        }, Olga);
        var message = Trap(Olga);

        var first = Assert.IsType<UsmPending>(processor.Process(message, Source));
        engine.SetResult(true);
        var second = Assert.IsType<UsmPending>(await ResumeAsync(processor, message, first));
        Assert.IsType<ResumeAtMinimumLevel>(second.Resume);
        Assert.Equal((1, 1), (processor.DigestsVerified, processor.PdusDecrypted));

        minimum.SetResult(SecurityLevel.AuthPriv);
        Assert.IsType<UsmAccepted>(await ResumeAsync(processor, message, second));
        Assert.Equal((1, 1), (processor.DigestsVerified, processor.PdusDecrypted));
    }

    [Fact]
    public async Task An_asynchronous_minimum_level_above_the_message_is_an_unsupported_level_without_a_second_verification()
    {
        var minimum = new TaskCompletionSource<SecurityLevel>();
        var (processor, usm) = Processor(new UsmPolicies { MinimumSecurityLevel = _ => new ValueTask<SecurityLevel>(minimum.Task) }, Olga);
        var message = Trap(Olga, encrypt: false); // authNoPriv

        var pending = Assert.IsType<UsmPending>(processor.Process(message, Source));
        minimum.SetResult(SecurityLevel.AuthPriv);

        Assert.Equal(DropReason.UnsupportedSecurityLevel, Assert.IsType<UsmRejected>(await ResumeAsync(processor, message, pending)).Reason);
        Assert.Equal(1, usm.Counters.UnsupportedSecLevels);
        Assert.Equal((1, 0), (processor.DigestsVerified, processor.PdusDecrypted));
    }

    [Fact]
    public async Task A_provided_user_resumes_at_the_user_lookup_and_the_provider_is_not_asked_again()
    {
        var provided = new TaskCompletionSource<UsmUser?>();
        var requests = new List<string>();
        var (processor, usm) = Processor(new UsmPolicies
        {
            GetUser = r =>
            {
                requests.Add(r.User);
                return new ValueTask<UsmUser?>(provided.Task);
            },
        });
        var message = Trap(Olga);

        var pending = Assert.IsType<UsmPending>(processor.Process(message, Source));
        Assert.IsType<ResumeAtUserLookup>(pending.Resume);
        Assert.Equal(0, processor.DigestsVerified);

        provided.SetResult(Olga.ToUsmUser());
        var decision = Assert.IsType<UserProvided>(await pending.Decision);
        usm.Publish(new UsmTable([usm.CreateEntry(decision.User!)])); // what the security actor does for the session
        var accepted = Assert.IsType<UsmAccepted>(processor.Resume(message, Source, pending.Resume, decision));

        Assert.Equal("olga", accepted.UserName);
        Assert.Equal(["olga"], requests);
        Assert.Equal((1, 1), (processor.DigestsVerified, processor.PdusDecrypted));
    }

    [Fact]
    public void An_unknown_user_name_with_a_bidi_override_is_described_without_it()
    {
        var (processor, _) = Processor(new UsmPolicies());

        var outcome = processor.Process(Trap(Olga with { Name = "ol\u202Ega\u200B" }), Source);

        var rejected = Assert.IsType<UsmRejected>(outcome);
        Assert.Equal(DropReason.UnknownUser, rejected.Reason);
        Assert.Contains("unknown user 'ol?ga?'", rejected.Description);
    }

    [Fact]
    public async Task An_unprovided_user_is_unknown_after_resuming_and_the_provider_is_asked_once()
    {
        var asked = 0;
        var (processor, usm) = Processor(new UsmPolicies
        {
            GetUser = _ =>
            {
                Interlocked.Increment(ref asked);
                return new ValueTask<UsmUser?>(Task.Run(() => (UsmUser?)null));
            },
        });
        var message = Trap(Olga);

        var outcome = processor.Process(message, Source);
        if (outcome is UsmPending pending)
            outcome = await ResumeAsync(processor, message, pending);

        Assert.Equal(DropReason.UnknownUser, Assert.IsType<UsmRejected>(outcome).Reason);
        Assert.Equal(1, usm.Counters.UnknownUserNames);
        Assert.Equal(1, asked);
        Assert.Equal(0, processor.DigestsVerified);
    }

    [Fact]
    public async Task An_asynchronous_discovery_decision_resumes_with_the_report()
    {
        var respond = new TaskCompletionSource<bool>();
        var (processor, usm) = Processor(new UsmPolicies { RespondToDiscovery = _ => new ValueTask<bool>(respond.Task) });
        var probe = UsmTestData.DecodeV3(UsmTestData.DiscoveryProbe(messageId: 5, requestId: 6));

        var pending = Assert.IsType<UsmPending>(processor.Process(probe, Source));
        Assert.IsType<ResumeAtDiscovery>(pending.Resume);
        respond.SetResult(true);

        var discovery = Assert.IsType<UsmDiscovery>(await ResumeAsync(processor, probe, pending));
        var report = UsmTestData.DecodeV3(discovery.Report!);
        Assert.Equal(PduType.Report, report.ScopedPdu!.Pdu.Type);
        Assert.Equal(UsmTestData.LocalEngineHex, Convert.ToHexStringLower(report.Usm!.EngineId.Span));
        Assert.Equal(1, usm.Counters.UnknownEngineIds);
    }
}
