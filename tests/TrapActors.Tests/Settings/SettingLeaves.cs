using Akka.Configuration.Hocon;

namespace TrapActors.Tests.Settings;

/// <summary>
/// One row per leaf of reference.conf: a value different from the default and how to read it back from the settings.
/// Shared (linked) by the hosting tests, which prove every leaf reachable through TrapReceiverOptions.
/// </summary>
internal static class SettingLeaves
{
    /// <summary>Leaf path under trap-actors → a HOCON value different from the default, and how to read it back.</summary>
    public static readonly Dictionary<string, (string Value, Func<TrapReceiverSettings, object> Read, object Expected)> All = new()
    {
        ["guardian-name"] = ("\"traps\"", s => s.GuardianName, "traps"),
        ["auto-activate"] = ("off", s => s.AutoActivate, false),
        ["listener.endpoints"] = ("""["udp:127.0.0.1:1162", "udp:[::1]:0"]""", s => string.Join(",", s.Listener.Endpoints), "udp:127.0.0.1:1162,udp:[::1]:0"),
        ["listener.dual-stack"] = ("off", s => s.Listener.DualStack, false),
        ["listener.share-local-port"] = ("on", s => s.Listener.ShareLocalPort, true),
        ["listener.force-local-port"] = ("off", s => s.Listener.ForceLocalPort, false),
        ["listener.receive-buffer-size"] = ("100000", s => s.Listener.ReceiveBufferSize, 100000),
        ["listener.send-buffer-size"] = ("200000", s => s.Listener.SendBufferSize, 200000),
        ["listener.max-packet-size"] = ("1500", s => (s.Listener.MaxPacketSize, s.Codec.MaxDatagramSize), (1500, 1500)),
        ["listener.accept-data"] = ("off", s => s.Listener.AcceptData, false),
        ["listener.max-in-flight"] = ("50", s => s.Listener.MaxInFlight, 50),
        ["listener.warm-up"] = ("off", s => s.Listener.WarmUp, false),
        ["session.idle-timeout"] = ("90s", s => s.Session.IdleTimeout, TimeSpan.FromSeconds(90)),
        ["session.max-sessions"] = ("7", s => s.Session.MaxSessions, 7),
        ["session.max-pending-per-source"] = ("9", s => s.Session.MaxPendingPerSource, 9),
        ["codec.max-var-binds"] = ("11", s => s.Codec.MaxVarBinds, 11),
        ["codec.max-nesting-depth"] = ("12", s => s.Codec.MaxNestingDepth, 12),
        ["codec.max-oid-arcs"] = ("64", s => s.Codec.MaxOidArcs, 64),
        ["community.accepted"] = ("""["a", "b"]""", s => string.Join(",", s.Community.Accepted), "a,b"),
        ["community.accept-any"] = ("on", s => s.Community.AcceptAny, true),
        ["v1.trap-oid-rule"] = ("enterprise-generic-specific", s => s.V1TrapOidRule, V1TrapOidRule.EnterpriseGenericSpecific),
        ["inform.acknowledge"] = ("by-subscriber", s => s.Inform.Acknowledge, InformAcknowledgeMode.BySubscriber),
        ["inform.decision-timeout"] = ("750ms", s => s.Inform.DecisionTimeout, TimeSpan.FromMilliseconds(750)),
        ["inform.on-timeout"] = ("suppress", s => s.Inform.OnTimeout, InformTimeoutAction.Suppress),
        ["inform.max-response-size"] = ("1400", s => s.Inform.MaxResponseSize, 1400),
        ["inform.duplicate-window"] = ("15s", s => s.Inform.DuplicateWindow, TimeSpan.FromSeconds(15)),
        ["subscribers.queue-capacity"] = ("64", s => s.Subscribers.Capacity, 64),
        ["subscribers.overflow"] = ("back-pressure", s => s.Subscribers.Overflow, SubscriberOverflow.BackPressure),
        ["dtls.certificate-file"] = ("\"/etc/trapactors/server.crt\"", s => s.Dtls.CertificateFile, "/etc/trapactors/server.crt"),
        ["dtls.key-file"] = ("\"/etc/trapactors/server.key\"", s => s.Dtls.KeyFile, "/etc/trapactors/server.key"),
        ["dtls.pkcs12-file"] = ("\"/etc/trapactors/server.p12\"", s => s.Dtls.Pkcs12File, "/etc/trapactors/server.p12"),
        ["dtls.pkcs12-password-file"] = ("\"/etc/trapactors/p12.pass\"", s => s.Dtls.Pkcs12PasswordFile, "/etc/trapactors/p12.pass"),
        ["dtls.trust-anchors-file"] = ("\"/etc/trapactors/ca.crt\"", s => s.Dtls.TrustAnchorsFile, "/etc/trapactors/ca.crt"),
        ["dtls.cert-map-file"] = ("\"/etc/trapactors/certmap\"", s => s.Dtls.CertMapFile, "/etc/trapactors/certmap"),
        ["dtls.cert-map"] = ("""["certSecName 10 --sha256 aa --cn"]""", s => s.Dtls.CertMap.Length, 1),
        ["dtls.security-name-prefix"] = ("on", s => s.Dtls.SecurityNamePrefix, true),
        ["dtls.handshake-timeout"] = ("3s", s => s.Dtls.HandshakeTimeout, TimeSpan.FromSeconds(3)),
        ["dtls.idle-timeout"] = ("70s", s => s.Dtls.IdleTimeout, TimeSpan.FromSeconds(70)),
        ["dtls.max-associations"] = ("12", s => s.Dtls.MaxAssociations, 12),
        ["dtls.max-handshakes"] = ("13", s => s.Dtls.MaxHandshakes, 13),
        ["dtls.max-handshakes-per-address"] = ("4", s => s.Dtls.MaxHandshakesPerAddress, 4),
        ["dtls.max-send-size"] = ("1200", s => s.Dtls.MaxSendSize, 1200),
        ["access.rules"] = ("""[ { trap-oid = "1.3.6.1.4.1.9", minimum-security-level = authPriv } ]""", s => s.Access.Rules.Length, 1),
        ["access.user-minimum-levels"] = ("""[ { user = "noc", minimum-security-level = authNoPriv } ]""", s => s.Access.UserMinimumLevels.Length, 1),
        ["events.packet-trace"] = ("on", s => s.Events.PacketTrace, true),
        ["events.bad-packet"] = ("off", s => s.Events.BadPacket, false),
        ["events.max-per-second"] = ("17", s => s.Events.MaxPerSecond, 17),
        ["events.max-log-lines-per-second"] = ("3", s => s.Events.MaxLogLinesPerSecond, 3),
        ["usm.max-reports-per-second"] = ("8", s => s.Usm.MaxReportsPerSecond, 8),
        ["usm.local-engine-id"] = ("\"80001F8804AABBCCDD\"", s => Convert.ToHexString(s.Usm.LocalEngineId ?? []), "80001F8804AABBCCDD"),
        ["usm.engine-enterprise-number"] = ("8072", s => s.Usm.EngineEnterpriseNumber, 8072),
        ["usm.state-directory"] = ("\"/var/lib/trap-actors\"", s => s.Usm.StateDirectory ?? "", "/var/lib/trap-actors"),
        ["usm.time-window"] = ("30s", s => s.Usm.TimeWindow, TimeSpan.FromSeconds(30)),
        ["usm.accept-outside-time-window"] = ("on", s => s.Usm.AcceptOutsideTimeWindow, true),
        ["usm.max-remote-engines"] = ("5", s => s.Usm.MaxRemoteEngines, 5),
        ["usm.max-remote-engines-per-user"] = ("4", s => s.Usm.MaxRemoteEnginesPerUser, 4),
        ["usm.remote-engines-save-interval"] = ("20s", s => s.Usm.RemoteEnginesSaveInterval, TimeSpan.FromSeconds(20)),
        ["usm.max-recent-informs"] = ("9", s => s.Usm.MaxRecentInforms, 9),
        ["usm.max-localized-keys"] = ("6", s => s.Usm.MaxLocalizedKeys, 6),
        ["usm.aes-key-extension"] = ("detect", s => s.Usm.AesKeyExtension, AesKeyExtensionMode.Detect),
        ["usm.report-errors"] = ("off", s => s.Usm.ReportErrors, false),
        ["usm.respond-to-discovery"] = ("off", s => s.Usm.RespondToDiscovery, false),
        ["usm.show-passwords"] = ("on", s => s.Usm.ShowPasswords, true),
        ["usm.decrypt-log-packets"] = ("on", s => s.Usm.DecryptLogPackets, true),
        ["usm.policy-timeout"] = ("2s", s => s.Usm.PolicyTimeout, TimeSpan.FromSeconds(2)),
        ["usm.max-pending-policy-decisions-per-session"] = ("3", s => s.Usm.MaxPendingPolicyDecisionsPerSession, 3),
        ["usm.max-pending-policy-decisions"] = ("30", s => s.Usm.MaxPendingPolicyDecisions, 30),
        ["usm.unknown-user-cache-time"] = ("0s", s => s.Usm.UnknownUserCacheTime, TimeSpan.Zero),
        ["usm.hash-before-binding"] = ("0s", s => s.Usm.HashBeforeBinding, TimeSpan.Zero),
    };

    public static IEnumerable<string> LeavesOf(HoconObject obj, string prefix)
    {
        foreach (var (key, value) in obj.Items)
        {
            var path = prefix.Length == 0 ? key : $"{prefix}.{key}";
            if (value.IsObject())
            {
                foreach (var leaf in LeavesOf(value.GetObject(), path))
                    yield return leaf;
            }
            else
            {
                yield return path;
            }
        }
    }
}
