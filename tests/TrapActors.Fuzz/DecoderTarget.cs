using TrapActors.Snmp;
using TrapActors.Snmp.Messages;
using TrapActors.Snmp.Security;

namespace TrapActors.Fuzz;

/// <summary>
/// What one fuzz input exercises: every decoder entry point under default and tight limits, the USM
/// authentication and decryption primitives on whatever a v3 message carries, and the round trip
/// decode → encode → decode. Anything that throws is a finding: the decoder must refuse bad input with a
/// <see cref="DecodeError"/>, and a message it accepts must re-encode to the same content.
/// </summary>
internal static class DecoderTarget
{
    private static readonly DecodeLimits Tight = new() { MaxDatagramSize = 512, MaxNestingDepth = 4, MaxVarBinds = 3, MaxOidArcs = 8 };

    // The re-encoded form may be a little longer (an unsigned value gains its leading zero), so no size limit there.
    private static readonly DecodeLimits Unbounded = DecodeLimits.Default with { MaxDatagramSize = int.MaxValue };

    private static readonly AuthProtocol[] AuthProtocols = [.. Enum.GetValues<AuthProtocol>()];
    private static readonly PrivProtocol[] PrivProtocols = [.. Enum.GetValues<PrivProtocol>()];

    // Fixed keys, long enough for every protocol: a key never comes from the network, only the bytes it is applied to.
    private static readonly byte[] AuthKey = [.. Enumerable.Range(1, 64).Select(i => (byte)i)];
    private static readonly byte[] PrivKey = [.. Enumerable.Range(101, 64).Select(i => (byte)i)];

    /// <param name="input">Owned by the call: decoded values are slices of it.</param>
    public static void Run(byte[] input)
    {
        Expect(input, SnmpMessageDecoder.TryDecodeFrame(input, Tight, out _, out _, out var tightError), tightError);
        Expect(input, SnmpMessageDecoder.TryDecodeScopedPdu(input, DecodeLimits.Default, out _, out var scopedError), scopedError);

        var decoded = SnmpMessageDecoder.TryDecode(input, DecodeLimits.Default, out var message, out var error);
        Expect(input, decoded, error);
        if (!decoded)
            return;
        CheckRoundTrip(message!);
        if (message is V3Message v3)
            ExerciseUsm(v3, input.Length);
    }

    /// <summary>A failed decode names a real error at an offset inside the input; a successful one names none.</summary>
    private static void Expect(byte[] input, bool decoded, DecodeError error)
    {
        if (decoded)
        {
            Check(error == DecodeError.None, $"decoded but reported {error}");
            return;
        }
        Check(error.IsError, "failed without an error code");
        if (error.Code != SnmpDecodeError.DatagramTooLarge)
            Check(error.Offset >= 0 && error.Offset <= input.Length, $"error offset outside the input of {input.Length} bytes: {error}");
    }

    private static void CheckRoundTrip(SnmpMessage message)
    {
        var encoded = message switch
        {
            CommunityMessage c => SnmpMessageEncoder.Encode(c),
            V3Message v3 => SnmpMessageEncoder.Encode(v3, out _),
            _ => throw new InvalidOperationException($"unknown message type {message.GetType()}"),
        };
        Check(SnmpMessageDecoder.TryDecode(encoded, Unbounded, out var again, out var error), $"re-encoded message does not decode: {error}");
        var before = MessageText.Describe(message);
        var after = MessageText.Describe(again!);
        Check(before == after, $"round trip changed the message:\n  decoded:    {before}\n  re-decoded: {after}");
    }

    private static void ExerciseUsm(V3Message v3, int inputLength)
    {
        if (v3.Usm is not { } usm)
            return;
        // The input length picks the protocols, so the fuzzer can reach each of them deterministically.
        var auth = AuthProtocols[inputLength % AuthProtocols.Length];
        UsmAuthentication.Verify(auth, AuthKey.AsSpan(0, Math.Max(auth.KeyLength(), 1)), v3.WholeMessage.Span, v3.AuthParametersOffset, usm.AuthParameters.Span);

        if (!v3.IsEncrypted)
            return;
        // The encrypted bytes as if they were plaintext: lets the fuzzer steer the scoped-PDU decoder through this path.
        Expect(v3.EncryptedPdu.ToArray(), SnmpMessageDecoder.TryDecodeScopedPdu(v3.EncryptedPdu, DecodeLimits.Default, out _, out var plainError), plainError);
        var priv = PrivProtocols[inputLength / 7 % PrivProtocols.Length];
        if (UsmPrivacy.TryDecrypt(priv, PrivKey, usm.EngineBoots, usm.EngineTime, usm.PrivParameters.Span, v3.EncryptedPdu.Span, out var plain))
        {
            Check(plain.Length == v3.EncryptedPdu.Length, $"{priv} decryption changed the length");
            Expect(plain, SnmpMessageDecoder.TryDecodeScopedPdu(plain, DecodeLimits.Default, out _, out var decryptedError), decryptedError);
        }
    }

    private static void Check(bool condition, string what)
    {
        if (!condition)
            throw new FuzzFindingException(what);
    }
}

/// <summary>An input broke one of the target's invariants (as opposed to an exception escaping the code under test).</summary>
internal sealed class FuzzFindingException(string message) : Exception(message);
