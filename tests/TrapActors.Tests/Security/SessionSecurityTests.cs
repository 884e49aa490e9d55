using System.Collections.Immutable;
using System.Net;
using System.Text;
using TrapActors.Security;
using TrapActors.Snmp;
using TrapActors.Snmp.Messages;
using TrapActors.Snmp.Security;
using TrapActors.Tests.Discovery;
using Xunit;

namespace TrapActors.Tests.Security;

/// <summary>
/// <see cref="SessionSecurity"/> on its own, with <see cref="SecurityServices"/> built the way the extension builds
/// them: the community check and its cached origin, the transport security model (RFC 5591) behind a DTLS
/// association, and a few USM outcomes. Messages are built with the codec's own records and encoder.
/// </summary>
public sealed class SessionSecurityTests
{
    private static readonly IPEndPoint Peer = new(IPAddress.Parse("192.0.2.10"), 50123);
    private static readonly IPEndPoint Local = new(IPAddress.Parse("192.0.2.1"), 162);
    private static readonly IPEndPoint OtherLocal = new(IPAddress.Parse("192.0.2.1"), 10162);
    private static readonly byte[] LocalEngineId = [0x80, 0x00, 0x1F, 0x88, 0x05, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08];
    private static readonly byte[] OtherEngineId = [0x80, 0x00, 0x1F, 0x88, 0x80, 0xAA, 0xBB, 0xCC, 0xDD];
    private static readonly Oid LinkDown = Oid.Parse("1.3.6.1.6.3.1.1.5.3");
    private const string CertSecurityName = "noc-cert";

    /// <summary>As TrapReceiverExtension builds them, from default settings, these communities and users.</summary>
    private static SecurityServices Services(IEnumerable<string> communities, bool acceptAny = false, UsmUser[]? users = null)
    {
        var settings = new TrapReceiverSettings();
        var time = TimeProvider.System;
        var local = new LocalEngine(LocalEngineId, 1, time.GetUtcNow().ToUnixTimeMilliseconds());
        var usm = new UsmRuntime(settings.Usm, local, time, UsmPolicies.Default);
        usm.Publish(new UsmTable((users ?? []).Select(usm.CreateEntry)));
        return new SecurityServices(new CommunityAuthorizer(communities, acceptAny), usm, new UsmProcessor(usm, settings.Codec),
            NotificationAccess.FromSettings(settings.Access));
    }

    private static SessionSecurity Udp(SecurityServices services) => new(services, Peer, "udp", null);

    private static SessionSecurity Dtls(string? tmSecurityName = CertSecurityName) =>
        new(Services(["public"]), Peer, "dtls", tmSecurityName);

    private static ReadOnlySpan<byte> Bytes(string community) => Encoding.UTF8.GetBytes(community);

    // ---------------------------------------------------------------- community

    [Fact]
    public void An_accepted_community_gives_its_origin()
    {
        var security = Udp(Services(["public"]));

        Assert.True(security.TryAcceptCommunity(SnmpVersion.V2c, Bytes("public"), Local, out var origin));

        Assert.Equal(Peer, origin.Source);
        Assert.Equal("udp", origin.Transport);
        Assert.Equal(SnmpVersion.V2c, origin.Version);
        Assert.Equal(SecurityLevel.NoAuthNoPriv, origin.SecurityLevel);
        Assert.Equal("public", origin.Community);
        Assert.Null(origin.User);
        Assert.Equal(Local, origin.LocalEndPoint);
    }

    [Theory]
    [InlineData("private")]
    [InlineData("Public")]
    [InlineData("publi")]
    [InlineData("public ")]
    [InlineData("")]
    public void Another_community_is_refused(string community)
    {
        var security = Udp(Services(["public", "monitor"]));

        Assert.False(security.TryAcceptCommunity(SnmpVersion.V2c, Bytes(community), Local, out _));
    }

    [Fact]
    public void Every_accepted_community_is_accepted_and_with_accept_any_every_community()
    {
        var listed = Udp(Services(["public", "monitor"]));
        var any = Udp(Services([], acceptAny: true));

        Assert.True(listed.TryAcceptCommunity(SnmpVersion.V1, Bytes("monitor"), Local, out var monitor));
        Assert.Equal("monitor", monitor.Community);
        Assert.True(any.TryAcceptCommunity(SnmpVersion.V2c, Bytes("anything at all"), Local, out var anything));
        Assert.Equal("anything at all", anything.Community);
        Assert.False(Udp(Services([])).TryAcceptCommunity(SnmpVersion.V2c, Bytes("public"), Local, out _));
    }

    [Fact]
    public void The_origin_is_built_once_for_the_same_version_community_and_local_endpoint()
    {
        var security = Udp(Services(["public"]));
        Assert.True(security.TryAcceptCommunity(SnmpVersion.V2c, Bytes("public"), Local, out var first));

        Assert.True(security.TryAcceptCommunity(SnmpVersion.V2c, Bytes("public"), new IPEndPoint(Local.Address, Local.Port), out var second));

        Assert.Same(first, second);
    }

    [Fact]
    public void A_new_origin_when_the_version_differs()
    {
        var security = Udp(Services(["public"]));
        Assert.True(security.TryAcceptCommunity(SnmpVersion.V2c, Bytes("public"), Local, out var v2c));

        Assert.True(security.TryAcceptCommunity(SnmpVersion.V1, Bytes("public"), Local, out var v1));

        Assert.NotSame(v2c, v1);
        Assert.Equal(SnmpVersion.V1, v1.Version);
        Assert.Equal(SnmpVersion.V2c, v2c.Version);
    }

    [Fact]
    public void A_new_origin_when_the_community_differs()
    {
        var security = Udp(Services(["public", "monitor"]));
        Assert.True(security.TryAcceptCommunity(SnmpVersion.V2c, Bytes("public"), Local, out var publicOrigin));

        Assert.True(security.TryAcceptCommunity(SnmpVersion.V2c, Bytes("monitor"), Local, out var monitorOrigin));

        Assert.NotSame(publicOrigin, monitorOrigin);
        Assert.Equal("monitor", monitorOrigin.Community);
        Assert.Equal("public", publicOrigin.Community);
    }

    [Fact]
    public void A_new_origin_when_the_local_endpoint_differs()
    {
        var security = Udp(Services(["public"]));
        Assert.True(security.TryAcceptCommunity(SnmpVersion.V2c, Bytes("public"), Local, out var first));

        Assert.True(security.TryAcceptCommunity(SnmpVersion.V2c, Bytes("public"), OtherLocal, out var second));

        Assert.NotSame(first, second);
        Assert.Equal(OtherLocal, second.LocalEndPoint);
    }

    [Fact]
    public void The_cache_keeps_its_own_copy_of_the_community()
    {
        var security = Udp(Services(["public", "monitor"]));
        var buffer = Encoding.UTF8.GetBytes("public");   // a receive buffer the transport reuses
        Assert.True(security.TryAcceptCommunity(SnmpVersion.V2c, buffer, Local, out var first));

        Encoding.UTF8.GetBytes("monito").CopyTo(buffer, 0);
        Assert.False(security.TryAcceptCommunity(SnmpVersion.V2c, buffer, Local, out _));
        Assert.True(security.TryAcceptCommunity(SnmpVersion.V2c, Bytes("monitor"), Local, out var second));

        Assert.Equal("public", first.Community);
        Assert.Equal("monitor", second.Community);
    }

    [Fact]
    public void A_refused_community_does_not_replace_the_cached_origin()
    {
        var security = Udp(Services(["public"]));
        Assert.True(security.TryAcceptCommunity(SnmpVersion.V2c, Bytes("public"), Local, out var first));
        Assert.False(security.TryAcceptCommunity(SnmpVersion.V2c, Bytes("private"), Local, out _));

        Assert.True(security.TryAcceptCommunity(SnmpVersion.V2c, Bytes("public"), Local, out var again));

        Assert.Same(first, again);
    }

    // ---------------------------------------------------------------- TSM (RFC 5591)

    private static ScopedPdu Scoped(PduType type, byte[] contextEngineId, string contextName = "", int requestId = 4711) =>
        new(contextEngineId, Encoding.UTF8.GetBytes(contextName), new Pdu(type, requestId, 0, 0,
        [
            new VarBind(WellKnownOids.SysUpTime0, SnmpValue.TimeTicks(12345)),
            new VarBind(WellKnownOids.SnmpTrapOid0, SnmpValue.ObjectIdentifier(LinkDown)),
        ]));

    /// <summary>A TSM message as a DTLS association delivers it: encoded, then decoded by the codec.</summary>
    private static V3Message Tsm(ScopedPdu scoped, V3MessageFlags flags = V3MessageFlags.Auth | V3MessageFlags.Priv | V3MessageFlags.Reportable)
    {
        var bytes = SnmpMessageEncoder.Encode(new V3Message(31337, 65507, flags, SecurityModels.Tsm, ReadOnlyMemory<byte>.Empty, null, scoped, default), out _);
        Assert.True(SnmpMessageDecoder.TryDecode(bytes, DecodeLimits.Default, out var decoded, out var error), error.ToString());
        var message = Assert.IsType<V3Message>(decoded);
        Assert.Equal(SecurityModels.Tsm, message.SecurityModel);
        return message;
    }

    [Fact]
    public void Tsm_without_a_tm_security_name_is_refused_as_unsupported_security()
    {
        var security = Dtls(tmSecurityName: null);

        var verdict = security.Admit(Tsm(Scoped(PduType.TrapV2, OtherEngineId)), Local);

        var refused = Assert.IsType<V3Refused>(verdict);
        Assert.Equal(DropReason.UnsupportedSecurity, refused.Reason);
        Assert.Equal(TrapReceiverErrorCodes.SecurityModelNotSupported, refused.ErrorCode);
        Assert.Null(refused.Answer);
    }

    [Fact]
    public void Tsm_with_security_parameters_is_malformed()
    {
        var message = Tsm(Scoped(PduType.TrapV2, OtherEngineId)) with { SecurityParameters = new byte[] { 0x04, 0x00 } };

        var verdict = Dtls().Admit(message, Local);

        var refused = Assert.IsType<V3Refused>(verdict);
        Assert.Equal(DropReason.Malformed, refused.Reason);
        Assert.Equal(TrapReceiverErrorCodes.DefectivePacket, refused.ErrorCode);
        Assert.Null(refused.Answer);
    }

    [Fact]
    public void Tsm_without_a_plaintext_scoped_pdu_is_malformed()
    {
        var message = Tsm(Scoped(PduType.TrapV2, OtherEngineId)) with { ScopedPdu = null, EncryptedPdu = new byte[] { 1, 2, 3 } };

        var refused = Assert.IsType<V3Refused>(Dtls().Admit(message, Local));

        Assert.Equal(DropReason.Malformed, refused.Reason);
    }

    [Fact]
    public void A_tsm_trap_is_admitted_at_auth_priv_with_the_security_name_as_user()
    {
        var scoped = Scoped(PduType.TrapV2, OtherEngineId, contextName: "vrf-blue");

        // msgFlags noAuthNoPriv: the association protects the message whatever the flags ask for (RFC 5591 §4.2)
        var verdict = Dtls().Admit(Tsm(scoped, V3MessageFlags.None), Local);

        var admitted = Assert.IsType<V3Admitted>(verdict);
        Assert.Null(admitted.Reply);
        Assert.Equal(PduType.TrapV2, admitted.Pdu.Type);
        Assert.Equal(4711, admitted.Pdu.RequestId);
        Assert.Equal(2, admitted.Pdu.VarBinds.Length);
        var origin = admitted.Origin;
        Assert.Equal(SnmpVersion.V3, origin.Version);
        Assert.Equal(SecurityLevel.AuthPriv, origin.SecurityLevel);
        Assert.Equal(CertSecurityName, origin.User);
        Assert.Equal("dtls", origin.Transport);
        Assert.Equal(Peer, origin.Source);
        Assert.Equal(Local, origin.LocalEndPoint);
        Assert.Equal(OtherEngineId, origin.ContextEngineId.ToArray());
        Assert.Equal("vrf-blue", origin.ContextName);
        Assert.Null(origin.Community);
    }

    [Fact]
    public void A_tsm_inform_to_another_context_engine_id_is_refused_as_unknown_engine()
    {
        var verdict = Dtls().Admit(Tsm(Scoped(PduType.InformRequest, OtherEngineId)), Local);

        var refused = Assert.IsType<V3Refused>(verdict);
        Assert.Equal(DropReason.UnknownEngine, refused.Reason);
        Assert.Equal(TrapReceiverErrorCodes.BadEngineId, refused.ErrorCode);
        Assert.Null(refused.Answer);
    }

    [Fact]
    public void A_tsm_inform_to_this_engine_is_admitted_with_a_reply()
    {
        var verdict = Dtls().Admit(Tsm(Scoped(PduType.InformRequest, LocalEngineId, contextName: "ctx")), Local);

        var admitted = Assert.IsType<V3Admitted>(verdict);
        Assert.Equal(PduType.InformRequest, admitted.Pdu.Type);
        Assert.Equal(SecurityLevel.AuthPriv, admitted.Origin.SecurityLevel);
        Assert.Equal(CertSecurityName, admitted.Origin.User);
        Assert.Equal(LocalEngineId, admitted.Origin.ContextEngineId.ToArray());
        Assert.NotNull(admitted.Reply);
    }

    [Fact]
    public void The_reply_to_a_tsm_inform_is_a_tsm_response_to_the_same_request()
    {
        var admitted = Assert.IsType<V3Admitted>(Dtls().Admit(Tsm(Scoped(PduType.InformRequest, LocalEngineId, contextName: "ctx")), Local));

        var bytes = admitted.Reply!.Encode(TrapActors.Snmp.SnmpErrorStatus.NoError, 0, TrapActors.Snmp.SnmpLimits.MaxUdpPayload);

        Assert.True(SnmpMessageDecoder.TryDecode(bytes, DecodeLimits.Default, out var decoded, out var error), error.ToString());
        var response = Assert.IsType<V3Message>(decoded);
        Assert.Equal(SecurityModels.Tsm, response.SecurityModel);
        Assert.Equal(31337, response.MessageId);
        Assert.True(response.SecurityParameters.IsEmpty);
        Assert.Equal(V3MessageFlags.None, response.Flags & V3MessageFlags.Reportable);
        var scoped = Assert.IsType<ScopedPdu>(response.ScopedPdu);
        Assert.Equal(PduType.Response, scoped.Pdu.Type);
        Assert.Equal(4711, scoped.Pdu.RequestId);
        Assert.Equal(0, scoped.Pdu.ErrorStatus);
        Assert.Equal(LocalEngineId, scoped.ContextEngineId.ToArray());
        Assert.Equal("ctx", Encoding.UTF8.GetString(scoped.ContextName.Span));
    }

    [Fact]
    public void A_tsm_context_engine_id_probe_is_answered_with_this_engine_id()
    {
        // RFC 5343: a GetRequest for snmpEngineID.0 with the contextEngineID "localEngineID" 80 00 00 00 06
        var probe = new ScopedPdu(new byte[] { 0x80, 0x00, 0x00, 0x00, 0x06 }, ReadOnlyMemory<byte>.Empty,
            new Pdu(PduType.GetRequest, 99, 0, 0, [new VarBind(WellKnownOids.SnmpEngineId0, SnmpValue.Null)]));

        var discovery = Assert.IsType<V3Discovery>(Dtls().Admit(Tsm(probe), Local));

        Assert.NotNull(discovery.Answer);
        Assert.True(SnmpMessageDecoder.TryDecode(discovery.Answer, DecodeLimits.Default, out var decoded, out var error), error.ToString());
        var scoped = Assert.IsType<ScopedPdu>(Assert.IsType<V3Message>(decoded).ScopedPdu);
        Assert.Equal(PduType.Response, scoped.Pdu.Type);
        var engineId = Assert.Single(scoped.Pdu.VarBinds);
        Assert.Equal(WellKnownOids.SnmpEngineId0, engineId.Oid);
        Assert.Equal(LocalEngineId, engineId.Value.AsBytes().ToArray());
    }

    // ---------------------------------------------------------------- USM (RFC 3414), the main outcomes

    private static readonly UsmUser Noc = UsmUser.AuthPriv("noc", AuthProtocol.HmacSha256, "auth-secret-1", PrivProtocol.Aes128, "priv-secret-1");

    private static V3TestSender NocSender() => new("noc", AuthProtocol.HmacSha256, "auth-secret-1", PrivProtocol.Aes128, "priv-secret-1");

    private static V3Message Decode(byte[] datagram)
    {
        Assert.True(SnmpMessageDecoder.TryDecode(datagram, DecodeLimits.Default, out var decoded, out var error), error.ToString());
        return Assert.IsType<V3Message>(decoded);
    }

    private static Pdu Notification(PduType type) =>
        new(type, 555, 0, 0, [new VarBind(WellKnownOids.SysUpTime0, SnmpValue.TimeTicks(1)), new VarBind(WellKnownOids.SnmpTrapOid0, SnmpValue.ObjectIdentifier(LinkDown))]);

    [Fact]
    public void Usm_a_discovery_probe_is_answered_with_a_report()
    {
        var security = Udp(Services([], users: [Noc]));

        var verdict = security.Admit(Decode(NocSender().Probe(PduType.GetRequest, [])), Local);

        var discovery = Assert.IsType<V3Discovery>(verdict);
        Assert.NotNull(discovery.Answer);
        var report = Decode(discovery.Answer);
        Assert.Equal(LocalEngineId, report.Usm!.EngineId.ToArray());
    }

    [Fact]
    public void Usm_an_encrypted_trap_from_a_known_user_is_admitted_with_its_level_and_user()
    {
        var security = Udp(Services([], users: [Noc]));
        var datagram = NocSender().Message(OtherEngineId, 3, 1000, Notification(PduType.TrapV2), encrypt: true, reportable: false);

        var admitted = Assert.IsType<V3Admitted>(security.Admit(Decode(datagram), Local));

        Assert.Null(admitted.Reply);
        Assert.Equal(SecurityLevel.AuthPriv, admitted.Origin.SecurityLevel);
        Assert.Equal("noc", admitted.Origin.User);
        Assert.Equal(OtherEngineId, admitted.Origin.EngineId.ToArray());
        Assert.Equal("udp", admitted.Origin.Transport);
        Assert.Equal(555, admitted.Pdu.RequestId);
        Assert.NotEmpty(admitted.DecryptedPdu);
    }

    [Fact]
    public void Usm_an_unknown_user_is_refused()
    {
        var security = Udp(Services([]));
        var datagram = NocSender().Message(OtherEngineId, 3, 1000, Notification(PduType.TrapV2), encrypt: false, reportable: false);

        var refused = Assert.IsType<V3Refused>(security.Admit(Decode(datagram), Local));

        Assert.Equal(DropReason.UnknownUser, refused.Reason);
    }

    [Fact]
    public void Usm_an_inform_to_this_engine_is_admitted_with_a_reply()
    {
        var security = Udp(Services([], users: [Noc]));
        var datagram = NocSender().Message(LocalEngineId, 1, 0, Notification(PduType.InformRequest), encrypt: true);

        var admitted = Assert.IsType<V3Admitted>(security.Admit(Decode(datagram), Local));

        Assert.IsType<UsmInformReply>(admitted.Reply);
        Assert.Equal("noc", admitted.Origin.User);
    }

    [Fact]
    public void Usm_an_inform_authenticated_for_another_engine_is_refused_as_unknown_engine()
    {
        var services = Services([], users: [Noc]);
        var datagram = NocSender().Message(OtherEngineId, 3, 1000, Notification(PduType.InformRequest), encrypt: true, reportable: false);

        var refused = Assert.IsType<V3Refused>(Udp(services).Admit(Decode(datagram), Local));

        Assert.Equal(DropReason.UnknownEngine, refused.Reason);
        Assert.Same(SessionSecurity.NotAddressedHere, refused);
        Assert.Equal(1, services.Usm.Counters.UnknownEngineIds);   // usmStatsUnknownEngineIDs
    }

    [Fact]
    public void Tsm_over_udp_is_refused_as_unsupported_security()
    {
        var verdict = Udp(Services(["public"])).Admit(Tsm(Scoped(PduType.TrapV2, OtherEngineId)), Local);

        Assert.Equal(DropReason.UnsupportedSecurity, Assert.IsType<V3Refused>(verdict).Reason);
    }
}
