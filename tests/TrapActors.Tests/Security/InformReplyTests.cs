using System.Collections.Immutable;
using TrapActors.Security;
using TrapActors.Snmp;
using TrapActors.Snmp.Messages;
using TrapActors.Snmp.Security;
using TrapActors.Tests.Discovery;
using Xunit;

namespace TrapActors.Tests.Security;

/// <summary>
/// The Response to an inform through <see cref="InformReply"/>, for each security model: whole, or tooBig (request-id kept,
/// error-index 0, no varbinds) when over inform.max-response-size or, under SNMPv3, the request's msgMaxSize.
/// </summary>
public class InformReplyTests
{
    private static readonly byte[] LocalEngineId = Convert.FromHexString("800000000501020304050607");
    private static readonly Oid TextOid = Oid.Parse("1.3.6.1.4.1.8072.9999.3.1");
    private const AuthProtocol Auth = AuthProtocol.HmacSha256;
    private const PrivProtocol Priv = PrivProtocol.Aes128;
    private const string AuthPassword = "ursula-auth-1";
    private const string PrivPassword = "ursula-priv-1";

    private static ImmutableArray<VarBind> VarBinds(int textLength) =>
    [
        new VarBind(WellKnownOids.SysUpTime0, SnmpValue.TimeTicks(4242)),
        new VarBind(WellKnownOids.SnmpTrapOid0, SnmpValue.ObjectIdentifier(Oid.Parse("1.3.6.1.4.1.8072.9999.0.8"))),
        new VarBind(TextOid, SnmpValue.OctetString(new string('x', textLength))),
    ];

    private static V3TestSender Sender() => new("ursula", Auth, AuthPassword, Priv, PrivPassword);

    /// <summary>An authPriv inform to the local engine with <paramref name="msgMaxSize"/>, and the reply USM would build once it accepted it.</summary>
    private static (V3TestSender Sender, UsmInformReply Reply) UsmInform(int requestId, int textLength, int msgMaxSize)
    {
        var sender = Sender();
        var bytes = sender.Message(LocalEngineId, 3, 5, new Pdu(PduType.InformRequest, requestId, 0, 0, VarBinds(textLength)), encrypt: true,
            maxSize: msgMaxSize);
        var (request, scoped) = sender.Read(bytes);
        Assert.Equal(msgMaxSize, request.MaxSize);
        var authKey = UsmKeys.Localize(Auth, UsmKeys.PasswordToKey(Auth, AuthPassword), LocalEngineId);
        var privKey = UsmKeys.PrivacyKey(Auth, Priv, UsmKeys.Localize(Auth, UsmKeys.PasswordToKey(Auth, PrivPassword), LocalEngineId), LocalEngineId);
        var accepted = new UsmAccepted(scoped, "ursula", SecurityLevel.AuthPriv, null, new UserKeys(Auth, authKey, Priv, privKey), true, []);
        var local = new LocalEngine(LocalEngineId, 3, TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds() - 7_000);
        return (sender, new UsmInformReply(request, accepted, local, TimeProvider.System));
    }

    /// <summary>Varbinds as text: their values hold bytes, which records compare by reference.</summary>
    private static string[] Texts(ImmutableArray<VarBind> varBinds) => [.. varBinds.Select(v => v.ToString())];

    private static T Decode<T>(byte[] bytes) where T : SnmpMessage
    {
        Assert.True(SnmpMessageDecoder.TryDecode(bytes, DecodeLimits.Default, out var message, out var error), error.ToString());
        return Assert.IsType<T>(message);
    }

    private static void AssertTooBig(Pdu pdu, int requestId)
    {
        Assert.Equal(PduType.Response, pdu.Type);
        Assert.Equal(requestId, pdu.RequestId);
        Assert.Equal((int)SnmpErrorStatus.TooBig, pdu.ErrorStatus);
        Assert.Equal(0, pdu.ErrorIndex);
        Assert.Empty(pdu.VarBinds);
    }

    [Fact]
    public void A_usm_response_comes_from_the_local_engine_authenticated_and_encrypted_with_the_request_id_and_varbinds()
    {
        var (sender, reply) = UsmInform(requestId: 51, textLength: 8, msgMaxSize: SnmpLimits.MaxUdpPayload);

        var (message, scoped) = sender.Read(reply.Encode(SnmpErrorStatus.NoError, 0, SnmpLimits.MaxUdpPayload)!); // verifies the MAC, decrypts

        Assert.Equal(reply.Request.MessageId, message.MessageId);
        Assert.Equal(SnmpLimits.MaxUdpPayload, message.MaxSize);
        Assert.Equal(V3MessageFlags.Auth | V3MessageFlags.Priv, message.Flags);
        Assert.Equal(SecurityModels.Usm, message.SecurityModel);
        Assert.Equal(LocalEngineId, message.Usm!.EngineId.ToArray());
        Assert.Equal(3, message.Usm.EngineBoots);
        Assert.InRange(message.Usm.EngineTime, 7, 60);
        Assert.Equal("ursula"u8.ToArray(), message.Usm.UserName.ToArray());
        Assert.Equal(PduType.Response, scoped.Pdu.Type);
        Assert.Equal(51, scoped.Pdu.RequestId);
        Assert.Equal(0, scoped.Pdu.ErrorStatus);
        Assert.Equal(Texts(reply.Accepted.ScopedPdu.Pdu.VarBinds), Texts(scoped.Pdu.VarBinds));
    }

    [Fact]
    public void A_usm_response_over_max_response_size_is_tooBig()
    {
        var (sender, reply) = UsmInform(requestId: 52, textLength: 400, msgMaxSize: SnmpLimits.MaxUdpPayload);

        var bytes = reply.Encode(SnmpErrorStatus.NoError, 0, maxSize: 300)!;

        Assert.True(bytes.Length <= 300, $"{bytes.Length} bytes");
        AssertTooBig(sender.Read(bytes).Scoped.Pdu, 52);
    }

    [Fact]
    public void A_usm_response_over_the_request_msgMaxSize_is_tooBig_even_within_max_response_size()
    {
        var (sender, reply) = UsmInform(requestId: 53, textLength: 600, msgMaxSize: 484);

        var bytes = reply.Encode(SnmpErrorStatus.NoError, 0, SnmpLimits.MaxUdpPayload)!;

        Assert.True(bytes.Length <= 484, $"{bytes.Length} bytes");
        var (message, scoped) = sender.Read(bytes);
        Assert.Equal(V3MessageFlags.Auth | V3MessageFlags.Priv, message.Flags);
        AssertTooBig(scoped.Pdu, 53);
    }

    [Fact]
    public void A_tsm_response_over_the_request_msgMaxSize_is_tooBig()
    {
        var scoped = new ScopedPdu(LocalEngineId, ReadOnlyMemory<byte>.Empty, new Pdu(PduType.InformRequest, 61, 0, 0, VarBinds(600)));
        var flags = V3MessageFlags.Auth | V3MessageFlags.Priv | V3MessageFlags.Reportable;
        var request = Decode<V3Message>(SnmpMessageEncoder.Encode(
            new V3Message(9, 484, flags, SecurityModels.Tsm, ReadOnlyMemory<byte>.Empty, null, scoped, default), out _));
        InformReply reply = new TsmInformReply(request, request.ScopedPdu!);

        var bytes = reply.Encode(SnmpErrorStatus.NoError, 0, SnmpLimits.MaxUdpPayload)!;

        Assert.True(bytes.Length <= 484, $"{bytes.Length} bytes");
        var response = Decode<V3Message>(bytes);
        Assert.Equal(SecurityModels.Tsm, response.SecurityModel);
        Assert.Equal(V3MessageFlags.Auth | V3MessageFlags.Priv, response.Flags);
        AssertTooBig(response.ScopedPdu!.Pdu, 61);
    }

    [Fact]
    public void A_community_reply_keeps_the_error_status_and_falls_back_to_tooBig()
    {
        var request = new CommunityMessage(SnmpVersion.V2c, "public"u8.ToArray(), new Pdu(PduType.InformRequest, 71, 0, 0, VarBinds(200)));
        InformReply reply = new CommunityInformReply(request);

        var whole = Decode<CommunityMessage>(reply.Encode(SnmpErrorStatus.ResourceUnavailable, 3, SnmpLimits.MaxUdpPayload)!);
        var tooBig = reply.Encode(SnmpErrorStatus.NoError, 0, maxSize: 100)!;

        Assert.Equal((71, (int)SnmpErrorStatus.ResourceUnavailable, 3), (whole.Pdu.RequestId, whole.Pdu.ErrorStatus, whole.Pdu.ErrorIndex));
        Assert.Equal(Texts(request.Pdu.VarBinds), Texts(whole.Pdu.VarBinds));
        Assert.True(tooBig.Length <= 100, $"{tooBig.Length} bytes");
        AssertTooBig(Decode<CommunityMessage>(tooBig).Pdu, 71);
    }

    [Fact]
    public void An_RFC_5343_probe_is_answered_with_snmpEngineID_in_a_tsm_response()
    {
        var probe = new ScopedPdu(new byte[] { 0x80, 0, 0, 0, 6 }, "ctx"u8.ToArray(),
            new Pdu(PduType.GetRequest, 81, 0, 0, [new VarBind(WellKnownOids.SnmpEngineId0, SnmpValue.Null)]));
        var request = new V3Message(11, SnmpLimits.MaxUdpPayload, V3MessageFlags.Auth | V3MessageFlags.Priv | V3MessageFlags.Reportable, SecurityModels.Tsm,
            ReadOnlyMemory<byte>.Empty, null, probe, default);
        Assert.True(TsmEngineIdDiscovery.IsProbe(probe));
        Assert.False(TsmEngineIdDiscovery.IsProbe(probe with { ContextEngineId = LocalEngineId }));
        Assert.False(TsmEngineIdDiscovery.IsProbe(probe with { Pdu = probe.Pdu with { Type = PduType.InformRequest } }));

        var response = Decode<V3Message>(TsmEngineIdDiscovery.Answer(request, probe, LocalEngineId));

        Assert.Equal(11, response.MessageId);
        Assert.Equal(SecurityModels.Tsm, response.SecurityModel);
        Assert.Equal(V3MessageFlags.Auth | V3MessageFlags.Priv, response.Flags);
        var scoped = response.ScopedPdu!;
        Assert.Equal(probe.ContextEngineId.ToArray(), scoped.ContextEngineId.ToArray());
        Assert.Equal("ctx"u8.ToArray(), scoped.ContextName.ToArray());
        Assert.Equal((PduType.Response, 81, 0), (scoped.Pdu.Type, scoped.Pdu.RequestId, scoped.Pdu.ErrorStatus));
        var varBind = Assert.Single(scoped.Pdu.VarBinds);
        Assert.Equal(WellKnownOids.SnmpEngineId0, varBind.Oid);
        Assert.Equal(LocalEngineId, varBind.Value.AsBytes().ToArray());
    }
}
