using System.Collections.Immutable;
using System.Text;
using TrapActors.Snmp;
using TrapActors.Snmp.Messages;
using TrapActors.Snmp.Security;

namespace TrapActors.Sessions;

/// <summary>
/// The synthetic notifications of the receive-path warm-up (<see cref="ReceivePathWarmUp"/>): a v1 trap, a v2c trap and
/// SNMPv3 authPriv traps (HMAC-SHA-1 and HMAC-SHA-256 with AES-128), encoded once per process, and the user and
/// community they are sent with. Their secrets are made up for this process and protect nothing.
/// </summary>
internal sealed class WarmUpDatagrams
{
    public const string Community = "trap-actors-warm-up";
    private const string AuthPassword = "trap-actors-warm-up-auth";
    private const string PrivPassword = "trap-actors-warm-up-priv";
    private static readonly Lazy<WarmUpDatagrams> Shared = new(() => new WarmUpDatagrams());

    private WarmUpDatagrams()
    {
        var varBinds = ImmutableArray.Create(
            new VarBind(WellKnownOids.SysUpTime0, SnmpValue.TimeTicks(4242)),
            new VarBind(WellKnownOids.SnmpTrapOid0, SnmpValue.ObjectIdentifier(Oid.Parse("1.3.6.1.6.3.1.1.5.3"))),
            new VarBind(Oid.Parse("1.3.6.1.2.1.2.2.1.1.1"), SnmpValue.Integer32(1)),
            new VarBind(Oid.Parse("1.3.6.1.2.1.2.2.1.2.1"), SnmpValue.OctetString("eth0")),
            new VarBind(Oid.Parse("1.3.6.1.2.1.2.2.1.7.1"), SnmpValue.Integer32(1)),
            new VarBind(Oid.Parse("1.3.6.1.2.1.2.2.1.8.1"), SnmpValue.Integer32(2)));
        var community = Encoding.UTF8.GetBytes(Community);
        var v2 = new Pdu(PduType.TrapV2, 1, 0, 0, varBinds);
        var v1 = new Pdu(PduType.TrapV1, 0, 0, 0, varBinds[2..])
        {
            TrapV1 = new TrapV1Header(Oid.Parse("1.3.6.1.4.1.8072.3.2.10"), new byte[] { 127, 0, 0, 1 }, 2, 0, 4242),
        };
        Users = [Sha1User, Sha256User];
        Datagrams =
        [
            SnmpMessageEncoder.Encode(new CommunityMessage(SnmpVersion.V2c, community, v2)),
            SnmpMessageEncoder.Encode(new CommunityMessage(SnmpVersion.V1, community, v1)),
            V3AuthPriv(Sha1User, AuthProtocol.HmacSha1, new ScopedPdu(EngineId, ReadOnlyMemory<byte>.Empty, v2)),
            V3AuthPriv(Sha256User, AuthProtocol.HmacSha256, new ScopedPdu(EngineId, ReadOnlyMemory<byte>.Empty, v2)),
        ];
    }

    public static WarmUpDatagrams Instance => Shared.Value;

    /// <summary>The sender's engine (a trap's authoritative engine); the warm-up's own receiver has another.</summary>
    public static byte[] EngineId { get; } = [0x80, 0x00, 0x1F, 0x88, 0x04, .. "warm-up"u8];

    /// <summary>The receiver engine of the warm-up's own USM (never the receiver's).</summary>
    public static byte[] ReceiverEngineId { get; } = [0x80, 0x00, 0x1F, 0x88, 0x04, .. "warm-up-rx"u8];

    private static UsmUser Sha1User => UsmUser.AuthPriv("warm-up-sha", AuthProtocol.HmacSha1, AuthPassword, PrivProtocol.Aes128, PrivPassword, [.. EngineId]);

    private static UsmUser Sha256User => UsmUser.AuthPriv("warm-up-sha256", AuthProtocol.HmacSha256, AuthPassword, PrivProtocol.Aes128, PrivPassword, [.. EngineId]);

    public ImmutableArray<UsmUser> Users { get; }

    public ImmutableArray<byte[]> Datagrams { get; }

    private static byte[] V3AuthPriv(UsmUser user, AuthProtocol auth, ScopedPdu scoped)
    {
        var authKey = UsmKeys.Localize(auth, UsmKeys.PasswordToKey(auth, AuthPassword), EngineId);
        var privLocalized = UsmKeys.Localize(auth, UsmKeys.PasswordToKey(auth, PrivPassword), EngineId);
        var privKey = UsmKeys.PrivacyKey(auth, PrivProtocol.Aes128, privLocalized, EngineId);
        const int boots = 1, time = 1000;
        var encrypted = UsmPrivacy.Encrypt(PrivProtocol.Aes128, privKey, boots, time, SnmpMessageEncoder.EncodeScopedPdu(scoped), out var salt);
        var usm = new UsmSecurityParameters(EngineId, boots, time, Encoding.UTF8.GetBytes(user.Name), new byte[auth.MacLength()], salt);
        var message = new V3Message(1, SnmpLimits.MaxUdpPayload, V3MessageFlags.Auth | V3MessageFlags.Priv, SecurityModels.Usm, default, usm, null, encrypted);
        var bytes = SnmpMessageEncoder.Encode(message, out var macOffset);
        UsmAuthentication.Sign(auth, authKey, bytes, macOffset);
        return bytes;
    }
}
