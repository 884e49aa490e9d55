using BenchmarkDotNet.Attributes;
using TrapActors.Snmp;
using TrapActors.Snmp.Messages;
using TrapActors.Snmp.Security;

namespace TrapActors.Benchmarks;

/// <summary>
/// Decoding of captured net-snmp datagrams through the public codec. The v3 case is everything the receiver does
/// with the bytes of an authPriv trap before it has a PDU: decode the frame, verify the HMAC (UsmAuthentication.Verify),
/// decrypt (UsmPrivacy.TryDecrypt) and decode the scoped PDU; keys are localized once in the setup, as the receiver caches them.
/// </summary>
[MemoryDiagnoser]
public class DecodeBenchmarks
{
    private byte[] _v1 = [];
    private byte[] _v2c = [];
    private byte[] _v3 = [];
    private byte[] _authKey = [];
    private byte[] _privKey = [];
    private readonly DecodeLimits _limits = DecodeLimits.Default;

    [GlobalSetup]
    public void Setup()
    {
        _v1 = Captures.Load(Captures.V1Trap);
        _v2c = Captures.Load(Captures.V2cTrap10);
        _v3 = Captures.Load(Captures.V3Trap10);
        (_authKey, _privKey) = Captures.LocalizedKeys();
        Check(V1Trap() is CommunityMessage { Pdu.Type: PduType.TrapV1 }, "v1 trap");
        Check(V2cTrap10VarBinds() is CommunityMessage { Pdu: { Type: PduType.TrapV2, VarBinds.Length: 10 } }, "v2c trap with 10 varbinds");
        Check(V3AuthPrivTrap10VarBinds() is { Pdu: { Type: PduType.TrapV2, VarBinds.Length: 10 } }, "v3 authPriv trap with 10 varbinds");
    }

    /// <summary>v1-enterprise-specific: Trap-PDU with an enterprise OID and 8 varbinds of several types (160 bytes).</summary>
    [Benchmark]
    public SnmpMessage V1Trap() =>
        SnmpMessageDecoder.TryDecode(_v1, _limits, out var message, out var error) ? message : throw Failed(error);

    /// <summary>SNMPv2-Trap-PDU with sysUpTime.0, snmpTrapOID.0 and 8 payload varbinds (257 bytes).</summary>
    [Benchmark]
    public SnmpMessage V2cTrap10VarBinds() =>
        SnmpMessageDecoder.TryDecode(_v2c, _limits, out var message, out var error) ? message : throw Failed(error);

    /// <summary>The same 10 varbinds as an authPriv SHA-256 + AES-128 trap (366 bytes): decode, verify, decrypt, decode the scoped PDU.</summary>
    [Benchmark]
    public ScopedPdu V3AuthPrivTrap10VarBinds()
    {
        if (!SnmpMessageDecoder.TryDecode(_v3, _limits, out var message, out var error))
            throw Failed(error);
        var v3 = (V3Message)message;
        var usm = v3.Usm!;
        if (!UsmAuthentication.Verify(Captures.Auth, _authKey, v3.WholeMessage.Span, v3.AuthParametersOffset, usm.AuthParameters.Span))
            throw new InvalidOperationException("wrong digest");
        if (!UsmPrivacy.TryDecrypt(Captures.Priv, _privKey, usm.EngineBoots, usm.EngineTime, usm.PrivParameters.Span, v3.EncryptedPdu.Span, out var plain))
            throw new InvalidOperationException("cannot decrypt");
        return SnmpMessageDecoder.TryDecodeScopedPdu(plain, _limits, out var scoped, out error) ? scoped : throw Failed(error);
    }

    private static InvalidOperationException Failed(DecodeError error) => new($"decode failed: {error}");

    internal static void Check(bool ok, string what)
    {
        if (!ok)
            throw new InvalidOperationException($"benchmark setup: {what} did not decode as expected");
    }
}

/// <summary>The four steps of <see cref="DecodeBenchmarks.V3AuthPrivTrap10VarBinds"/> one by one, to see where its time and bytes go.</summary>
[MemoryDiagnoser]
public class V3StageBenchmarks
{
    private byte[] _v3 = [];
    private byte[] _authKey = [];
    private byte[] _privKey = [];
    private V3Message _message = null!;
    private byte[] _plain = [];
    private readonly DecodeLimits _limits = DecodeLimits.Default;

    [GlobalSetup]
    public void Setup()
    {
        _v3 = Captures.Load(Captures.V3Trap10);
        (_authKey, _privKey) = Captures.LocalizedKeys();
        _message = Captures.DecodeV3(_v3);
        DecodeBenchmarks.Check(VerifySha256(), "HMAC-SHA-256 of the v3 trap");
        _plain = DecryptAes128();
        DecodeBenchmarks.Check(DecodeScopedPdu() is { Pdu.VarBinds.Length: 10 }, "decrypted scoped PDU");
    }

    [Benchmark]
    public SnmpMessage DecodeFrame() =>
        SnmpMessageDecoder.TryDecode(_v3, _limits, out var message, out _) ? message : throw new InvalidOperationException();

    [Benchmark]
    public bool VerifySha256()
    {
        var usm = _message.Usm!;
        return UsmAuthentication.Verify(Captures.Auth, _authKey, _message.WholeMessage.Span, _message.AuthParametersOffset, usm.AuthParameters.Span);
    }

    [Benchmark]
    public byte[] DecryptAes128()
    {
        var usm = _message.Usm!;
        return UsmPrivacy.TryDecrypt(Captures.Priv, _privKey, usm.EngineBoots, usm.EngineTime, usm.PrivParameters.Span, _message.EncryptedPdu.Span, out var plain)
            ? plain
            : throw new InvalidOperationException();
    }

    [Benchmark]
    public ScopedPdu DecodeScopedPdu() =>
        SnmpMessageDecoder.TryDecodeScopedPdu(_plain, _limits, out var scoped, out _) ? scoped : throw new InvalidOperationException();
}
