using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using TrapActors.Snmp;
using TrapActors.Snmp.Messages;
using TrapActors.Snmp.Security;

namespace TrapActors.Benchmarks;

/// <summary>
/// Encoding the Response to a captured InformRequest with 10 varbinds. InformResponder and UsmResponder are internal,
/// so each benchmark repeats their steps through the public API (as of commit 92246d9): the v2c one is
/// InformResponder.Encode, the v3 one UsmResponder.EncodeOnce at authPriv — encode the scoped PDU, encrypt it
/// (AES-128), encode the message with a zeroed MAC and sign it (HMAC-SHA-256).
/// </summary>
[MemoryDiagnoser]
public class EncodeBenchmarks
{
    private const int MaxResponseSize = 65507;
    private const int TooBig = 1;
    private const int LocalBoots = 1;
    private const int LocalTime = 1000;

    private CommunityMessage _v2cRequest = null!;
    private V3Message _v3Request = null!;
    private ScopedPdu _v3Scoped = null!;
    private byte[] _authKey = [];
    private byte[] _privKey = [];

    [GlobalSetup]
    public void Setup()
    {
        _v2cRequest = Captures.DecodeCommunity(Captures.Load(Captures.V2cInform10));
        _v3Request = Captures.DecodeV3(Captures.Load(Captures.V3Inform10));
        (_authKey, _privKey) = Captures.LocalizedKeys();
        var usm = _v3Request.Usm!;
        if (!UsmAuthentication.Verify(Captures.Auth, _authKey, _v3Request.WholeMessage.Span, _v3Request.AuthParametersOffset, usm.AuthParameters.Span) ||
            !UsmPrivacy.TryDecrypt(Captures.Priv, _privKey, usm.EngineBoots, usm.EngineTime, usm.PrivParameters.Span, _v3Request.EncryptedPdu.Span, out var plain) ||
            !SnmpMessageDecoder.TryDecodeScopedPdu(plain, DecodeLimits.Default, out var scoped, out _))
            throw new InvalidOperationException("benchmark setup: the v3 inform does not authenticate and decrypt");
        _v3Scoped = scoped;
        DecodeBenchmarks.Check(_v2cRequest.Pdu is { Type: PduType.InformRequest, VarBinds.Length: 10 }, "v2c inform");
        DecodeBenchmarks.Check(_v3Scoped.Pdu is { Type: PduType.InformRequest, VarBinds.Length: 10 }, "v3 inform");
        DecodeBenchmarks.Check(V2cInformResponse() is { Length: 257 }, "v2c response");
        var response = Captures.DecodeV3(V3AuthPrivInformResponse());
        DecodeBenchmarks.Check(UsmAuthentication.Verify(Captures.Auth, _authKey, response.WholeMessage.Span, response.AuthParametersOffset, response.Usm!.AuthParameters.Span),
            "signature of the v3 response");
    }

    /// <summary>InformResponder.Encode: same request-id and varbinds as a Response PDU, tooBig when over the size limit.</summary>
    [Benchmark]
    public byte[] V2cInformResponse()
    {
        var pdu = _v2cRequest.Pdu with { Type = PduType.Response, ErrorStatus = 0, ErrorIndex = 0 };
        var bytes = SnmpMessageEncoder.Encode(_v2cRequest with { Pdu = pdu });
        if (bytes.Length <= MaxResponseSize)
            return bytes;
        var tooBig = pdu with { ErrorStatus = TooBig, ErrorIndex = 0, VarBinds = ImmutableArray<VarBind>.Empty };
        return SnmpMessageEncoder.Encode(_v2cRequest with { Pdu = tooBig });
    }

    /// <summary>UsmResponder.Encode at authPriv with SHA-256 + AES-128, keys localized to the receiver's engine.</summary>
    [Benchmark]
    public byte[] V3AuthPrivInformResponse()
    {
        var response = _v3Scoped.Pdu with { Type = PduType.Response, ErrorStatus = 0, ErrorIndex = 0 };
        var scoped = _v3Scoped with { Pdu = response };
        var encrypted = UsmPrivacy.Encrypt(Captures.Priv, _privKey, LocalBoots, LocalTime, SnmpMessageEncoder.EncodeScopedPdu(scoped), out var salt);
        var usm = new UsmSecurityParameters(Captures.EngineId, LocalBoots, LocalTime, _v3Request.Usm!.UserName, new byte[Captures.Auth.MacLength()], salt);
        var message = new V3Message(_v3Request.MessageId, MaxResponseSize, V3MessageFlags.Auth | V3MessageFlags.Priv, SecurityModels.Usm, default, usm, null, encrypted);
        var bytes = SnmpMessageEncoder.Encode(message, out var macOffset);
        UsmAuthentication.Sign(Captures.Auth, _authKey, bytes, macOffset);
        return bytes;
    }
}
