using System.Collections.Immutable;
using TrapActors.Snmp.Messages;
using TrapActors.Snmp.Security;
using Xunit;
using Xunit.Sdk;

namespace TrapActors.Snmp.Tests;

/// <summary>
/// Property-based tests with a seeded <see cref="Random"/>: random valid messages round-trip through the encoder
/// and the decoder, and random mutations of the captured net-snmp vectors never make the decoder or the USM
/// primitives throw. Each property runs under a fixed seed and a fresh one; a failure names the seed, the case
/// and the input, and <c>TRAPACTORS_PROPERTY_SEED=N</c> replays a seed.
/// </summary>
public class PropertyTests
{
    private const int FixedSeed = 20261127;
    private const int ValidCasesPerSeed = 1500;
    private const int MutantsPerSeed = 6000;

    private static readonly DecodeLimits Tight = new() { MaxDatagramSize = 512, MaxNestingDepth = 4, MaxVarBinds = 3, MaxOidArcs = 8 };
    private static readonly DecodeLimits Unbounded = DecodeLimits.Default with { MaxDatagramSize = int.MaxValue };

    // The keys of the captured v3 vectors (Vectors/README.md): SHA-96 "authpass123", AES-128 "privpass123", engine 8000000001020304.
    private static readonly byte[] VectorEngineId = Convert.FromHexString("8000000001020304");
    private static readonly byte[] VectorAuthKey = UsmKeys.Localize(AuthProtocol.HmacSha1, UsmKeys.PasswordToKey(AuthProtocol.HmacSha1, "authpass123"), VectorEngineId);
    private static readonly byte[] VectorPrivKey = UsmKeys.PrivacyKey(AuthProtocol.HmacSha1, PrivProtocol.Aes128,
        UsmKeys.Localize(AuthProtocol.HmacSha1, UsmKeys.PasswordToKey(AuthProtocol.HmacSha1, "privpass123"), VectorEngineId), VectorEngineId);

    // Long enough for every protocol; the first bytes are the vectors' keys so that lightly mutated captures still verify and decrypt.
    private static readonly byte[] AuthKey = [.. VectorAuthKey, .. Enumerable.Range(1, 64 - VectorAuthKey.Length).Select(i => (byte)i)];
    private static readonly byte[] PrivKey = [.. VectorPrivKey, .. Enumerable.Range(1, 64 - VectorPrivKey.Length).Select(i => (byte)(i * 7))];

    private static IEnumerable<int> Seeds()
    {
        yield return FixedSeed;
        yield return int.TryParse(Environment.GetEnvironmentVariable("TRAPACTORS_PROPERTY_SEED"), out var chosen) ? chosen : Random.Shared.Next();
    }

    [Fact]
    public void Random_valid_messages_decode_back_to_equal_content()
    {
        var kinds = new Dictionary<string, int>();
        var types = new HashSet<SnmpType>();
        var longForms = 0;
        ForEachCase(ValidCasesPerSeed, (random, note) =>
        {
            var (kind, message) = new MessageGenerator(random).Message();
            kinds[kind] = kinds.GetValueOrDefault(kind) + 1;
            var encoded = Encode(message, out var authOffset);
            var hex = Convert.ToHexStringLower(encoded);
            note($"{kind} {hex}");
            longForms += encoded[1] >= 0x81 ? 1 : 0;
            foreach (var vb in PduOf(message)?.VarBinds ?? [])
                types.Add(vb.Value.Type);

            Assert.True(SnmpMessageDecoder.TryDecode(encoded, DecodeLimits.Default, out var decoded, out var error), $"{kind} does not decode ({error}): {hex}");
            Assert.Equal(DecodeError.None, error);
            MessageAssert.Equal(message, decoded!, rawSecurityParameters: false);
            if (decoded is V3Message v3)
            {
                Assert.Equal(authOffset, v3.AuthParametersOffset);
                Assert.Equal(hex, Convert.ToHexStringLower(v3.WholeMessage.Span));
                if (v3.ScopedPdu is { } scoped)
                {
                    Assert.True(SnmpMessageDecoder.TryDecodeScopedPdu(SnmpMessageEncoder.EncodeScopedPdu(scoped), DecodeLimits.Default, out var alone, out error), error.ToString());
                    MessageAssert.Equal(scoped, alone);
                }
            }
        });

        // The generator reached what the property is about (otherwise it would hold vacuously).
        Assert.Equal(["v1-trap", "v2c-inform", "v2c-trap", "v3-encrypted", "v3-scoped", "v3-tsm"], kinds.Keys.Order());
        Assert.Equal(Enum.GetValues<SnmpType>().Order(), types.Order());
        Assert.True(longForms > ValidCasesPerSeed, $"only {longForms} messages with a long-form outer length");
    }

    [Fact]
    public void The_harness_keys_open_the_captured_v3_vectors()
    {
        // Precondition of the mutation property: unmodified captures verify and decrypt, so mutants reach the decrypted PDU.
        foreach (var name in new[] { "v3-sha", "v3-sha-aes" })
        {
            var v3 = Vectors.DecodeV3(Vectors.Load(name));
            Assert.True(UsmAuthentication.Verify(AuthProtocol.HmacSha1, VectorAuthKey, v3.WholeMessage.Span, v3.AuthParametersOffset, v3.Usm!.AuthParameters.Span), name);
        }
        var encrypted = Vectors.DecodeV3(Vectors.Load("v3-sha-aes"));
        Assert.True(UsmPrivacy.TryDecrypt(PrivProtocol.Aes128, PrivKey, encrypted.Usm!.EngineBoots, encrypted.Usm.EngineTime,
            encrypted.Usm.PrivParameters.Span, encrypted.EncryptedPdu.Span, out var plain));
        Assert.True(SnmpMessageDecoder.TryDecodeScopedPdu(plain, DecodeLimits.Default, out var scoped, out var error), error.ToString());
        Assert.Equal(PduType.TrapV2, scoped.Pdu.Type);
    }

    [Fact]
    public void Mutated_captures_never_make_the_decoder_or_the_USM_primitives_throw()
    {
        var corpus = Vectors.All.Select(Vectors.Load).ToArray();
        var outcomes = new Dictionary<SnmpDecodeError, int>();
        var decryptedAndDecoded = 0;
        ForEachCase(MutantsPerSeed, (random, note) =>
        {
            var mutant = Mutator.Mutate(random, corpus);
            note(Convert.ToHexStringLower(mutant));
            var code = Probe(mutant, random, ref decryptedAndDecoded);
            outcomes[code] = outcomes.GetValueOrDefault(code) + 1;
        });

        // The mutants reached both sides: rejected ones of many kinds, and accepted ones (which must round-trip).
        Assert.True(outcomes.GetValueOrDefault(SnmpDecodeError.None) > 100, $"too few mutants decode: {Show(outcomes)}");
        Assert.True(outcomes.Count >= 8, $"mutants hit too few error kinds: {Show(outcomes)}");
        Assert.True(decryptedAndDecoded > 10, $"only {decryptedAndDecoded} decrypted mutants decoded as a scoped PDU");
    }

    /// <summary>Every entry point on one input; returns the outcome of the plain decode.</summary>
    private static SnmpDecodeError Probe(byte[] input, Random random, ref int decryptedAndDecoded)
    {
        CheckOutcome(input, SnmpMessageDecoder.TryDecodeFrame(input, Tight, out _, out _, out var error), error);
        CheckOutcome(input, SnmpMessageDecoder.TryDecodeScopedPdu(input, DecodeLimits.Default, out _, out error), error);
        var from = random.Next(input.Length + 1);
        var tail = input[from..];
        CheckOutcome(tail, SnmpMessageDecoder.TryDecodeScopedPdu(tail, DecodeLimits.Default, out _, out error), error);

        // The USM primitives on arbitrary slices of the input, including offsets and lengths that make no sense.
        var offset = random.Next(-2, input.Length + 2);
        var mac = input.AsSpan(random.Next(input.Length + 1));
        mac = mac[..Math.Min(mac.Length, random.Next(50))];
        foreach (var auth in Enum.GetValues<AuthProtocol>())
            UsmAuthentication.Verify(auth, AuthKey.AsSpan(0, random.Next(AuthKey.Length + 1)), input, offset, mac);
        var salt = input.AsSpan(random.Next(input.Length + 1));
        salt = salt[..Math.Min(salt.Length, random.Next(12))];
        foreach (var priv in Enum.GetValues<PrivProtocol>())
            UsmPrivacy.TryDecrypt(priv, PrivKey.AsSpan(0, random.Next(PrivKey.Length + 1)), random.Next(), random.Next(), salt, tail, out _);

        var decoded = SnmpMessageDecoder.TryDecode(input, DecodeLimits.Default, out var message, out error);
        CheckOutcome(input, decoded, error);
        if (!decoded)
            return error.Code;

        var reEncoded = Encode(message!, out _);
        Assert.True(SnmpMessageDecoder.TryDecode(reEncoded, Unbounded, out var again, out error), $"the re-encoded message does not decode: {error}");
        MessageAssert.Equal(message!, again!, rawSecurityParameters: false);

        if (message is V3Message { Usm: { } usm } v3)
        {
            foreach (var auth in Enum.GetValues<AuthProtocol>())
                UsmAuthentication.Verify(auth, AuthKey.AsSpan(0, Math.Max(auth.KeyLength(), 1)), v3.WholeMessage.Span, v3.AuthParametersOffset, usm.AuthParameters.Span);
            if (v3.IsEncrypted)
            {
                foreach (var priv in Enum.GetValues<PrivProtocol>())
                {
                    if (!UsmPrivacy.TryDecrypt(priv, PrivKey, usm.EngineBoots, usm.EngineTime, usm.PrivParameters.Span, v3.EncryptedPdu.Span, out var plain))
                        continue;
                    Assert.Equal(v3.EncryptedPdu.Length, plain.Length);
                    var scopedDecoded = SnmpMessageDecoder.TryDecodeScopedPdu(plain, DecodeLimits.Default, out _, out error);
                    CheckOutcome(plain, scopedDecoded, error);
                    decryptedAndDecoded += scopedDecoded ? 1 : 0;
                }
            }
        }
        return SnmpDecodeError.None;
    }

    /// <summary>A decode either succeeds with no error, or fails with a real code at an offset inside the input.</summary>
    private static void CheckOutcome(byte[] input, bool decoded, DecodeError error)
    {
        if (decoded)
        {
            Assert.Equal(DecodeError.None, error);
            return;
        }
        Assert.True(error.IsError, "a failed decode without an error code");
        if (error.Code != SnmpDecodeError.DatagramTooLarge)
            Assert.InRange(error.Offset, 0, input.Length);
    }

    /// <summary>
    /// Runs <paramref name="count"/> cases per seed. Each case gets its own Random (seeded from the run's), and
    /// hands its input to the note callback as soon as it has built it, for the failure message.
    /// </summary>
    private static void ForEachCase(int count, Action<Random, Action<string>> body)
    {
        foreach (var seed in Seeds())
        {
            var random = new Random(seed);
            for (var i = 0; i < count; i++)
            {
                var input = "(none yet)";
                try
                {
                    body(new Random(random.Next()), hex => input = hex);
                }
                catch (Exception e)
                {
                    throw new XunitException($"seed {seed} (replay: TRAPACTORS_PROPERTY_SEED={seed}), case {i}: {e.GetType().Name}: {e.Message}\ninput: {input}\n{e.StackTrace}");
                }
            }
        }
    }

    private static byte[] Encode(SnmpMessage message, out int authOffset)
    {
        authOffset = -1;
        return message switch
        {
            CommunityMessage c => SnmpMessageEncoder.Encode(c),
            V3Message v3 => SnmpMessageEncoder.Encode(v3, out authOffset),
            _ => throw new InvalidOperationException(message.GetType().Name),
        };
    }

    private static Pdu? PduOf(SnmpMessage message) => message switch
    {
        CommunityMessage c => c.Pdu,
        V3Message v3 => v3.ScopedPdu?.Pdu,
        _ => null,
    };

    private static string Show(Dictionary<SnmpDecodeError, int> outcomes) => string.Join(", ", outcomes.OrderBy(o => o.Key).Select(o => $"{o.Key}={o.Value}"));

    /// <summary>Random valid messages of every kind the receiver handles.</summary>
    private sealed class MessageGenerator(Random random)
    {
        private static readonly uint[] EdgeArcs = [0, 1, 39, 40, 127, 128, 16383, 16384, 2097151, 2097152, 268435455, 268435456, int.MaxValue, uint.MaxValue - 80, uint.MaxValue];

        public (string Kind, SnmpMessage Message) Message() => random.Next(6) switch
        {
            0 => ("v1-trap", new CommunityMessage(SnmpVersion.V1, Bytes(random.Next(40)), Pdu.V1Trap(
                new TrapV1Header(Oid(), Bytes(4), random.Next(2) == 0 ? random.Next(7) : Int(), Int(), UInt()), VarBinds()))),
            1 => ("v2c-trap", new CommunityMessage(SnmpVersion.V2c, Bytes(random.Next(40)), V2Pdu(PduType.TrapV2))),
            2 => ("v2c-inform", new CommunityMessage(SnmpVersion.V2c, Bytes(random.Next(40)), V2Pdu(PduType.InformRequest))),
            3 => ("v3-scoped", V3(new ScopedPdu(Bytes(random.Next(33)), Bytes(random.Next(20)), V2Pdu(random.Next(2) == 0 ? PduType.TrapV2 : PduType.InformRequest)), default)),
            4 => ("v3-encrypted", V3(null, Bytes(random.Next(1, 600)))),
            _ => ("v3-tsm", new V3Message(Int(), Int(), (V3MessageFlags)random.Next(256), SecurityModels.Tsm, Bytes(random.Next(50)), null,
                new ScopedPdu(Bytes(random.Next(33)), Bytes(random.Next(20)), V2Pdu(PduType.TrapV2)), default)),
        };

        private V3Message V3(ScopedPdu? scoped, ReadOnlyMemory<byte> encrypted)
        {
            var usm = new UsmSecurityParameters(Bytes(random.Next(33)), Int(), Int(), Bytes(random.Next(33)),
                Bytes(random.Next(3) == 0 ? 0 : new[] { 12, 16, 24, 32, 48 }[random.Next(5)]), Bytes(random.Next(2) == 0 ? 0 : 8));
            return new V3Message(Int(), Int(), (V3MessageFlags)random.Next(256), SecurityModels.Usm, default, usm, scoped, encrypted);
        }

        private Pdu V2Pdu(PduType type) => new(type, Int(), Int(), Int(), VarBinds());

        private ImmutableArray<VarBind> VarBinds()
        {
            var count = random.Next(10) switch
            {
                0 => 0,
                1 => random.Next(100, 400), // a long varbind list: three-byte lengths
                _ => random.Next(1, 12),
            };
            var small = count > 12;
            return [.. Enumerable.Range(0, count).Select(_ => new VarBind(Oid(), Value(small)))];
        }

        private SnmpValue Value(bool small) => random.Next(15) switch
        {
            0 => SnmpValue.Integer32(Int()),
            1 => SnmpValue.OctetString(Bytes(small ? random.Next(8) : Length())),
            2 => SnmpValue.Null,
            3 => SnmpValue.ObjectIdentifier(Oid()),
            4 => SnmpValue.IpAddress(Bytes(4)),
            5 => SnmpValue.Counter32(UInt()),
            6 => SnmpValue.Gauge32(UInt()),
            7 => SnmpValue.TimeTicks(UInt()),
            8 => SnmpValue.Opaque(Bytes(small ? random.Next(8) : Length())),
            9 => SnmpValue.NsapAddress(Bytes(random.Next(21))),
            10 => SnmpValue.Counter64(random.Next(4) == 0 ? ulong.MaxValue - (ulong)random.Next(3) : (ulong)random.NextInt64() << random.Next(2)),
            11 => SnmpValue.UInteger32(UInt()),
            12 => SnmpValue.NoSuchObject,
            13 => SnmpValue.NoSuchInstance,
            _ => SnmpValue.EndOfMibView,
        };

        /// <summary>Byte-string lengths around every length-form boundary (127/128, 255/256) and a few long ones.</summary>
        private int Length() => random.Next(6) switch
        {
            0 => random.Next(120, 136),
            1 => random.Next(250, 260),
            2 => random.Next(1000, 4000),
            _ => random.Next(40),
        };

        private Oid Oid()
        {
            var count = random.Next(8) == 0 ? DecodeLimits.Default.MaxOidArcs : random.Next(2, 16);
            var arcs = new uint[count];
            arcs[0] = (uint)random.Next(3);
            arcs[1] = arcs[0] < 2 ? (uint)random.Next(40) : Arc();
            for (var i = 2; i < count; i++)
                arcs[i] = Arc();
            return new Oid(arcs);
        }

        private uint Arc() => random.Next(4) switch
        {
            0 => (uint)random.Next(128),
            1 => (uint)random.Next(128, 1 << 21),
            2 => (uint)random.NextInt64(1L << 21, 1L << 32),
            _ => EdgeArcs[random.Next(EdgeArcs.Length)],
        };

        private int Int() => random.Next(4) switch
        {
            0 => random.Next(-200, 200),
            1 => new[] { int.MinValue, int.MaxValue, -1, 0, 127, 128, -128, -129, 32767, 32768, 8388607, 8388608 }[random.Next(12)],
            _ => (int)random.NextInt64(int.MinValue, (long)int.MaxValue + 1),
        };

        private uint UInt() => random.Next(3) == 0 ? new[] { 0u, 127u, 128u, 255u, 256u, 0x7FFFFFFFu, 0x80000000u, uint.MaxValue }[random.Next(8)] : (uint)random.NextInt64(1L << 32);

        private byte[] Bytes(int length)
        {
            var bytes = new byte[length];
            random.NextBytes(bytes);
            return bytes;
        }
    }

    /// <summary>Stacks one to four random mutations on a random captured datagram.</summary>
    private static class Mutator
    {
        private static readonly byte[] Tags = [0x02, 0x04, 0x05, 0x06, 0x30, 0x31, 0x40, 0x41, 0x42, 0x43, 0x44, 0x46, 0x47, 0x80, 0x81, 0x82,
            0xa0, 0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7, 0xa8, 0xa9, 0x1f, 0x3f, 0x9f, 0xff, 0x00];

        private static readonly byte[] Lengths = [0x00, 0x01, 0x7f, 0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0x88, 0xff];

        public static byte[] Mutate(Random random, byte[][] corpus)
        {
            var bytes = new List<byte>(corpus[random.Next(corpus.Length)]);
            var count = random.Next(1, 5);
            for (var i = 0; i < count && bytes.Count > 0; i++)
                MutateOnce(random, bytes, corpus);
            return [.. bytes];
        }

        private static void MutateOnce(Random random, List<byte> bytes, byte[][] corpus)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(9))
            {
                case 0: // bit flip
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1: // random byte
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 2: // insert
                    bytes.Insert(random.Next(bytes.Count + 1), (byte)random.Next(256));
                    break;
                case 3: // delete a run
                    bytes.RemoveRange(at, Math.Min(bytes.Count - at, random.Next(1, 4)));
                    break;
                case 4: // truncate
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                case 5: // corrupt a length byte: the byte after something that looks like a tag
                    var tagAt = FindTag(random, bytes);
                    if (tagAt + 1 < bytes.Count)
                        bytes[tagAt + 1] = random.Next(2) == 0 ? Lengths[random.Next(Lengths.Length)] : (byte)(bytes[tagAt + 1] + random.Next(-2, 3));
                    break;
                case 6: // swap a tag for another
                    bytes[FindTag(random, bytes)] = Tags[random.Next(Tags.Length)];
                    break;
                case 7: // long-form length inserted in front of a short one: 0x84 ffffffff and friends
                    var lengthAt = Math.Min(FindTag(random, bytes) + 1, bytes.Count);
                    bytes.InsertRange(lengthAt, random.Next(2) == 0 ? [0x84, 0xff, 0xff, 0xff] : [0x82, 0x00]);
                    break;
                default: // splice in a slice of another capture
                    var other = corpus[random.Next(corpus.Length)];
                    var from = random.Next(other.Length);
                    bytes.InsertRange(at, other.AsSpan(from, random.Next(other.Length - from)).ToArray());
                    break;
            }
        }

        private static int FindTag(Random random, List<byte> bytes)
        {
            for (var tries = 0; tries < 16; tries++)
            {
                var at = random.Next(bytes.Count);
                if (Array.IndexOf(Tags, bytes[at]) >= 0)
                    return at;
            }
            return random.Next(bytes.Count);
        }
    }
}
