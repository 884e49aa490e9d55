using BenchmarkDotNet.Attributes;
using TrapActors.Security;
using TrapActors.Snmp;
using TrapActors.Snmp.Messages;
using TrapActors.Snmp.Security;

namespace TrapActors.Benchmarks;

/// <summary>
/// Encoding the Response to a captured InformRequest with 10 varbinds with the receiver's own SnmpResponseEncoder,
/// community-based and under USM (at authPriv: encode the scoped PDU, encrypt it with AES-128, encode the message,
/// sign it with HMAC-SHA-256).
/// </summary>
[MemoryDiagnoser]
public class EncodeBenchmarks
{
    private const int MaxResponseSize = SnmpLimits.MaxUdpPayload;
    private const int LocalBoots = 1;
    private const int LocalTime = 1000;

    private CommunityMessage _v2cRequest = null!;
    private V3Message _v3Request = null!;
    private ScopedPdu _v3Scoped = null!;
    private byte[] _authKey = [];
    private byte[] _privKey = [];
    private UsmAccepted _v3Accepted = null!;
    private LocalEngine _localEngine = null!;

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
        _v3Accepted = new UsmAccepted(scoped, "user", SecurityLevel.AuthPriv, null, new UserKeys(Captures.Auth, _authKey, Captures.Priv, _privKey), true, []);
        _localEngine = new LocalEngine(Captures.EngineId, LocalBoots, 0);
        DecodeBenchmarks.Check(_v2cRequest.Pdu is { Type: PduType.InformRequest, VarBinds.Length: 10 }, "v2c inform");
        DecodeBenchmarks.Check(_v3Scoped.Pdu is { Type: PduType.InformRequest, VarBinds.Length: 10 }, "v3 inform");
        DecodeBenchmarks.Check(V2cInformResponse() is { Length: 257 }, "v2c response");
        var response = Captures.DecodeV3(V3AuthPrivInformResponse());
        DecodeBenchmarks.Check(UsmAuthentication.Verify(Captures.Auth, _authKey, response.WholeMessage.Span, response.AuthParametersOffset, response.Usm!.AuthParameters.Span),
            "signature of the v3 response");
    }

    [Benchmark]
    public byte[] V2cInformResponse() => SnmpResponseEncoder.Encode(_v2cRequest, SnmpErrorStatus.NoError, 0, MaxResponseSize);

    [Benchmark]
    public byte[] V3AuthPrivInformResponse() =>
        SnmpResponseEncoder.Encode(_v3Request, _v3Scoped, SnmpErrorStatus.NoError, 0, MaxResponseSize,
            new UsmResponseSealer(_localEngine, _v3Accepted.Keys, _v3Accepted.Level, LocalTime * 1000L));
}
