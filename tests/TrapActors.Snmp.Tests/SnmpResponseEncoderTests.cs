using System.Collections.Immutable;
using TrapActors.Snmp.Messages;
using TrapActors.Snmp.Security;
using Xunit;

namespace TrapActors.Snmp.Tests;

/// <summary>
/// The one Response encoder (RFC 3416 §4.2.7): the same request-id and varbinds with the given error-status, and one
/// tooBig fallback (error-index 0, no varbinds, request-id kept) for community and SNMPv3 messages alike.
/// </summary>
public class SnmpResponseEncoderTests
{
    private static readonly Oid TextOid = Oid.Parse("1.3.6.1.4.1.8072.9999.5");

    private static ImmutableArray<VarBind> InformVarBinds(int textLength = 8) =>
    [
        new VarBind(WellKnownOids.SysUpTime0, SnmpValue.TimeTicks(4242)),
        new VarBind(WellKnownOids.SnmpTrapOid0, SnmpValue.ObjectIdentifier(Oid.Parse("1.3.6.1.4.1.8072.9999.0.8"))),
        new VarBind(TextOid, SnmpValue.OctetString(new string('x', textLength))),
    ];

    private static CommunityMessage CommunityInform(int requestId, int textLength = 8) =>
        new(SnmpVersion.V2c, "public"u8.ToArray(), new Pdu(PduType.InformRequest, requestId, 0, 0, InformVarBinds(textLength)));

    /// <summary>A TSM InformRequest as it arrives: encoded with <paramref name="msgMaxSize"/>, then decoded.</summary>
    private static V3Message TsmInform(int requestId, int msgMaxSize, int textLength = 8)
    {
        var scoped = new ScopedPdu(Convert.FromHexString("80001f88807a1c"), "ctx"u8.ToArray(),
            new Pdu(PduType.InformRequest, requestId, 0, 0, InformVarBinds(textLength)));
        var flags = V3MessageFlags.Auth | V3MessageFlags.Priv | V3MessageFlags.Reportable;
        var bytes = SnmpMessageEncoder.Encode(new V3Message(77, msgMaxSize, flags, SecurityModels.Tsm, ReadOnlyMemory<byte>.Empty, null, scoped, default), out _);
        var request = Decode<V3Message>(bytes);
        Assert.Equal(msgMaxSize, request.MaxSize);
        return request;
    }

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
    public void Error_status_values_are_those_of_RFC_3416()
    {
        Assert.Equal(0, (int)SnmpErrorStatus.NoError);
        Assert.Equal(1, (int)SnmpErrorStatus.TooBig);
        Assert.Equal(5, (int)SnmpErrorStatus.GenErr);
        Assert.Equal(16, (int)SnmpErrorStatus.AuthorizationError);
        Assert.Equal(18, (int)SnmpErrorStatus.InconsistentName);
        Assert.Equal(19, Enum.GetValues<SnmpErrorStatus>().Length);
    }

    [Fact]
    public void A_community_response_echoes_request_id_community_and_varbinds_with_the_error_status()
    {
        var request = CommunityInform(requestId: 31);

        var response = Decode<CommunityMessage>(SnmpResponseEncoder.Encode(request, SnmpErrorStatus.GenErr, 2, SnmpLimits.MaxUdpPayload));

        Assert.Equal(SnmpVersion.V2c, response.Version);
        Assert.Equal("public"u8.ToArray(), response.Community.ToArray());
        Assert.Equal(PduType.Response, response.Pdu.Type);
        Assert.Equal(31, response.Pdu.RequestId);
        Assert.Equal((int)SnmpErrorStatus.GenErr, response.Pdu.ErrorStatus);
        Assert.Equal(2, response.Pdu.ErrorIndex);
        MessageAssert.Equal(request.Pdu with { Type = PduType.Response, ErrorStatus = 5, ErrorIndex = 2 }, response.Pdu);
    }

    [Fact]
    public void A_community_response_over_max_size_is_tooBig_with_the_request_id_and_no_varbinds()
    {
        var request = CommunityInform(requestId: 32, textLength: 200);

        var bytes = SnmpResponseEncoder.Encode(request, SnmpErrorStatus.NoError, 0, maxSize: 100);

        Assert.True(bytes.Length <= 100, $"{bytes.Length} bytes");
        AssertTooBig(Decode<CommunityMessage>(bytes).Pdu, 32);
    }

    [Fact]
    public void The_limit_is_inclusive()
    {
        var request = CommunityInform(requestId: 33);
        var whole = SnmpResponseEncoder.Encode(request, SnmpErrorStatus.NoError, 0, SnmpLimits.MaxUdpPayload);

        Assert.Equal(whole, SnmpResponseEncoder.Encode(request, SnmpErrorStatus.NoError, 0, whole.Length));
        AssertTooBig(Decode<CommunityMessage>(SnmpResponseEncoder.Encode(request, SnmpErrorStatus.NoError, 0, whole.Length - 1)).Pdu, 33);
    }

    [Fact]
    public void A_tsm_response_is_plaintext_with_empty_security_parameters_and_the_request_level_without_reportable()
    {
        var request = TsmInform(requestId: 41, msgMaxSize: SnmpLimits.MaxUdpPayload);

        var bytes = SnmpResponseEncoder.Encode(request, request.ScopedPdu!, SnmpErrorStatus.NoError, 0, SnmpLimits.MaxUdpPayload, TsmResponseSealer.Instance);

        var response = Decode<V3Message>(bytes);
        Assert.Equal(77, response.MessageId);
        Assert.Equal(SnmpLimits.MaxUdpPayload, response.MaxSize);
        Assert.Equal(SecurityModels.Tsm, response.SecurityModel);
        Assert.Equal(V3MessageFlags.Auth | V3MessageFlags.Priv, response.Flags);
        Assert.True(response.SecurityParameters.IsEmpty);
        var scoped = response.ScopedPdu!;
        Assert.Equal(request.ScopedPdu!.ContextEngineId.ToArray(), scoped.ContextEngineId.ToArray());
        Assert.Equal("ctx"u8.ToArray(), scoped.ContextName.ToArray());
        Assert.Equal(PduType.Response, scoped.Pdu.Type);
        Assert.Equal(41, scoped.Pdu.RequestId);
        Assert.Equal(0, scoped.Pdu.ErrorStatus);
        MessageAssert.Equal(request.ScopedPdu.Pdu with { Type = PduType.Response }, scoped.Pdu);
    }

    [Fact]
    public void A_tsm_response_over_max_size_is_tooBig()
    {
        var request = TsmInform(requestId: 42, msgMaxSize: SnmpLimits.MaxUdpPayload, textLength: 300);

        var bytes = SnmpResponseEncoder.Encode(request, request.ScopedPdu!, SnmpErrorStatus.NoError, 0, maxSize: 200, TsmResponseSealer.Instance);

        Assert.True(bytes.Length <= 200, $"{bytes.Length} bytes");
        AssertTooBig(Decode<V3Message>(bytes).ScopedPdu!.Pdu, 42);
    }

    [Fact]
    public void A_tsm_response_over_the_request_msgMaxSize_is_tooBig_even_within_max_size()
    {
        var request = TsmInform(requestId: 43, msgMaxSize: 484, textLength: 600);

        var bytes = SnmpResponseEncoder.Encode(request, request.ScopedPdu!, SnmpErrorStatus.NoError, 0, SnmpLimits.MaxUdpPayload, TsmResponseSealer.Instance);

        Assert.True(bytes.Length <= 484, $"{bytes.Length} bytes");
        AssertTooBig(Decode<V3Message>(bytes).ScopedPdu!.Pdu, 43);
    }

    [Fact]
    public void The_v3_limit_is_the_smaller_of_max_size_and_a_positive_msgMaxSize()
    {
        var request = new V3Message(1, 484, V3MessageFlags.None, SecurityModels.Tsm, ReadOnlyMemory<byte>.Empty, null, null, default);

        Assert.Equal(484, SnmpResponseEncoder.Limit(request, SnmpLimits.MaxUdpPayload));
        Assert.Equal(300, SnmpResponseEncoder.Limit(request, 300));
        Assert.Equal(300, SnmpResponseEncoder.Limit(request with { MaxSize = 0 }, 300));
        Assert.Equal(300, SnmpResponseEncoder.Limit(request with { MaxSize = -5 }, 300));
    }

    [Fact]
    public void The_sealer_sees_the_whole_response_first_then_the_tooBig_one()
    {
        var request = TsmInform(requestId: 44, msgMaxSize: SnmpLimits.MaxUdpPayload, textLength: 300);
        var sealer = new RecordingSealer();

        SnmpResponseEncoder.Encode(request, request.ScopedPdu!, SnmpErrorStatus.NoError, 0, maxSize: 200, sealer);

        Assert.Equal(2, sealer.Sealed.Count);
        Assert.Equal(3, sealer.Sealed[0].Pdu.VarBinds.Length);
        AssertTooBig(sealer.Sealed[1].Pdu, 44);
        Assert.Equal(request.ScopedPdu!.ContextName.ToArray(), sealer.Sealed[1].ContextName.ToArray());
    }

    private sealed class RecordingSealer : ISnmpV3ResponseSealer
    {
        public List<ScopedPdu> Sealed { get; } = [];

        public byte[] Seal(V3Message request, ScopedPdu response)
        {
            Sealed.Add(response);
            return TsmResponseSealer.Instance.Seal(request, response);
        }
    }
}
