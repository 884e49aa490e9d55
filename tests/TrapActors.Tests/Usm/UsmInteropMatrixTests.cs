using System.Collections.Immutable;
using Akka.TestKit;
using TrapActors.Snmp.Messages;
using TrapActors.Testing;
using Xunit;

namespace TrapActors.Tests.Usm;

/// <summary>
/// The one receiver (one ActorSystem) of the interop matrix: one user for any engine per combination of
/// authentication and privacy protocol, all derived once at start. xunit builds a test class per theory row,
/// so the receiver lives in this class fixture instead.
/// </summary>
public sealed class UsmMatrixReceiver() : UsmSpec("", new TrapReceiverSetup { Users = [.. Combinations.Select(c => c.User.ToUsmUser())] })
{
    public static readonly ImmutableArray<string> AuthProtocols = ["MD5", "SHA", "SHA-224", "SHA-256", "SHA-384", "SHA-512"];

    public static readonly ImmutableArray<string> PrivProtocols = ["none", "DES", "AES", "AES-192", "AES-256", "AES-192-C", "AES-256-C"];

    /// <summary>noAuthNoPriv, then every authentication protocol with every privacy protocol (and none).</summary>
    public static readonly ImmutableArray<Combination> Combinations = BuildCombinations();

    public sealed record Combination(int Index, string Auth, string Priv, V3User User);

    private static ImmutableArray<Combination> BuildCombinations()
    {
        var list = new List<Combination> { new(0, "none", "none", new V3User("u-noauth")) };
        foreach (var auth in AuthProtocols)
        {
            foreach (var priv in PrivProtocols)
            {
                var name = "u-" + Short(auth) + (priv == "none" ? "" : "-" + Short(priv));
                var user = priv == "none"
                    ? new V3User(name, auth, "auth-" + name)
                    : new V3User(name, auth, "auth-" + name, priv, "priv-" + name);
                list.Add(new Combination(list.Count, auth, priv, user));
            }
        }
        return [.. list];
    }

    private static string Short(string protocol) => protocol.ToLowerInvariant().Replace("-", "", StringComparison.Ordinal);

    public static Combination Find(string auth, string priv) => Combinations.Single(c => c.Auth == auth && c.Priv == priv);

    /// <summary>A subscriber for the notifications whose trap OID lies under <paramref name="trapOidPrefix"/>.</summary>
    public async Task<TestProbe> SubscriberAsync(string trapOidPrefix)
    {
        var probe = CreateTestProbe();
        await SubscribeAsync(probe, TrapFilter.ByTrapOid(trapOidPrefix));
        return probe;
    }

    public Task UnsubscribeAsync(TestProbe probe) => Receiver.Ask<Unsubscribed>(new Unsubscribe(probe.Ref), AskTimeout);

    public new Task<string> TargetAsync() => base.TargetAsync();

    /// <summary>The receiver's counters, for failure messages.</summary>
    public async Task<string> DescribeAsync()
    {
        var stats = await StatsAsync();
        return $"{stats} dropped [{string.Join(", ", stats.Dropped.Where(d => d.Value > 0).Select(d => $"{d.Key}={d.Value}"))}] {stats.Usm}";
    }
}

/// <summary>
/// net-snmp 5.9.3's snmptrap and snmpinform against every authentication × privacy combination: each trap and
/// each inform arrives with the right user, level, engines, context, trap OID and varbind.
/// </summary>
public sealed class UsmInteropMatrixTests(UsmMatrixReceiver receiver) : IClassFixture<UsmMatrixReceiver>
{
    public static TheoryData<string, string> Matrix()
    {
        var data = new TheoryData<string, string>();
        foreach (var c in UsmMatrixReceiver.Combinations)
            data.Add(c.Auth, c.Priv);
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Snmptrap_is_delivered(string auth, string priv)
    {
        Assert.True(NetSnmpTools.Available, "net-snmp is not installed");
        var c = UsmMatrixReceiver.Find(auth, priv);
        var engine = $"8000000001020304{c.Index:x2}";
        var contextEngine = $"80000000aabbcc{c.Index:x2}";
        var contextName = c.Index % 2 == 1 ? "ctx1" : "";
        var trapOid = $"1.3.6.1.4.1.8072.9999.10.{c.Index}";
        var value = c.User.Name + "/trap";
        var probe = await receiver.SubscriberAsync(trapOid);
        try
        {
            var args = new List<string>(UsmTestData.NoPersistentState) { "-v", "3", "-e", "0x" + engine, "-E", "0x" + contextEngine };
            args.AddRange(c.User.Args());
            if (contextName != "")
                args.AddRange(["-n", contextName]);
            args.AddRange([await receiver.TargetAsync(), (100 + c.Index).ToString(), trapOid, UsmTestData.ValueOid, "s", value]);
            var result = await NetSnmpTools.SnmpTrapAsync([.. args]);
            Assert.True(result.ExitCode == 0, $"snmptrap: {result}");

            var n = (await probe.ExpectMsgAsync<TrapReceived>(TimeSpan.FromSeconds(5))).Notification;
            Assert.Equal(NotificationKind.Trap, n.Kind);
            Assert.Equal(SnmpVersion.V3, n.Origin.Version);
            Assert.Equal(c.User.Name, n.Origin.User);
            Assert.Equal(c.User.Level, n.Origin.SecurityLevel);
            Assert.Equal(engine, UsmTestData.Hex(n.Origin.EngineId));
            Assert.Equal(contextEngine, UsmTestData.Hex(n.Origin.ContextEngineId));
            Assert.Equal(contextName, n.Origin.ContextName);
            Assert.Equal(trapOid, n.TrapOid.ToString());
            Assert.Equal((uint)(100 + c.Index), n.Uptime);
            Assert.Equal(value, System.Text.Encoding.UTF8.GetString(n.ValueOf(UsmTestData.ValueOidParsed)!.Value.AsBytes().Span));
        }
        finally
        {
            await receiver.UnsubscribeAsync(probe);
        }
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Snmpinform_is_answered_and_delivered(string auth, string priv)
    {
        Assert.True(NetSnmpTools.Available, "net-snmp is not installed");
        var c = UsmMatrixReceiver.Find(auth, priv);
        var contextEngine = $"80000000ddeeff{c.Index:x2}";
        var contextName = c.Index % 2 == 0 ? "ctx1" : "";
        var trapOid = $"1.3.6.1.4.1.8072.9999.11.{c.Index}";
        var value = c.User.Name + "/inform";
        var probe = await receiver.SubscriberAsync(trapOid);
        try
        {
            // No -e: snmpinform discovers our engine (probe, Report) first. -E sets the context engine, which
            // net-snmp otherwise fills with its own engine ID.
            var args = new List<string>(UsmTestData.NoPersistentState) { "-v", "3", "-r", "1", "-t", "2", "-E", "0x" + contextEngine };
            args.AddRange(c.User.Args());
            if (contextName != "")
                args.AddRange(["-n", contextName]);
            args.AddRange([await receiver.TargetAsync(), (200 + c.Index).ToString(), trapOid, UsmTestData.ValueOid, "s", value]);
            var result = await NetSnmpTools.SnmpInformAsync([.. args]);
            if (result.ExitCode != 0)
                Assert.Fail($"snmpinform got no Response: {result}; receiver: {await receiver.DescribeAsync()}");

            var n = (await probe.ExpectMsgAsync<InformReceived>(TimeSpan.FromSeconds(5))).Notification;
            Assert.Equal(NotificationKind.Inform, n.Kind);
            Assert.Equal(SnmpVersion.V3, n.Origin.Version);
            Assert.Equal(c.User.Name, n.Origin.User);
            Assert.Equal(c.User.Level, n.Origin.SecurityLevel);
            Assert.Equal(UsmTestData.LocalEngineHex, UsmTestData.Hex(n.Origin.EngineId));
            Assert.Equal(contextEngine, UsmTestData.Hex(n.Origin.ContextEngineId));
            Assert.Equal(contextName, n.Origin.ContextName);
            Assert.Equal(trapOid, n.TrapOid.ToString());
            Assert.Equal((uint)(200 + c.Index), n.Uptime);
            Assert.Equal(value, System.Text.Encoding.UTF8.GetString(n.ValueOf(UsmTestData.ValueOidParsed)!.Value.AsBytes().Span));
        }
        finally
        {
            await receiver.UnsubscribeAsync(probe);
        }
    }
}
