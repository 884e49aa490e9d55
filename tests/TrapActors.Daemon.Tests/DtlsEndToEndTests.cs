using System.Text.Json;
using TrapActors.Daemon.Tests.Infrastructure;
using TrapActors.Tests.Dtls;
using Xunit;

namespace TrapActors.Daemon.Tests;

/// <summary>The real daemon listening on DTLS, with net-snmp's snmptrap and snmpinform over dtlsudp: as peers.</summary>
[Collection(DaemonCollection.Name)]
public sealed class DtlsEndToEndTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private readonly TestPki _pki = new();

    public void Dispose() => _pki.Dispose();

    private string[] DtlsArgs(string certificateFile, string keyFile) =>
    [
        "--listen", "dtls:127.0.0.1:0", "--format", "json",
        "--cert", certificateFile, "--key", keyFile, "--ca", _pki.Ca.CertificateFile,
        "--cert-map", _pki.WriteText("certmap", $"# test map\n{TestPki.CertSecName(10, _pki.Client, "--cn")}\n"),
    ];

    [Fact]
    public async Task Traps_and_informs_over_dtls_print_with_transport_dtls_and_the_mapped_user()
    {
        await using var daemon = DaemonProcess.Start(DtlsArgs(_pki.ServerChainFile, _pki.Server.KeyFile));
        var port = await daemon.WaitForPortAsync(Timeout);
        Assert.Contains($"listening dtls 127.0.0.1:{port}", daemon.StderrText);
        var store = _pki.NetSnmpStore(_pki.Client);

        // net-snmp's snmptrap may discard its own trap on a loaded machine (decision 0024): such a run is repeated.
        var (_, trapRuns) = await NetSnmpDtls.TrapSentAsync(store, port);
        var inform = await NetSnmpDtls.InformAsync(store, port);
        Assert.True(inform.ExitCode == 0, inform.ToString());

        var lines = await daemon.ReadStdoutLinesAsync(2, Timeout);
        var notifications = lines.Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
        Assert.Equal(["trap", "inform"], notifications.Select(n => n.GetProperty("pdu").GetString()));
        Assert.All(notifications, n =>
        {
            Assert.Equal("dtls", n.GetProperty("transport").GetString());
            Assert.Equal("v3", n.GetProperty("version").GetString());
            Assert.Equal("trapsender", n.GetProperty("user").GetString());
            Assert.Equal("authPriv", n.GetProperty("securityLevel").GetString());
        });

        Assert.Equal(0, await daemon.StopAsync());
        var stats = daemon.FinalStats();
        Assert.Equal(2, stats.GetProperty("delivered").GetInt64());
        Assert.Equal(1, stats.GetProperty("informsAnswered").GetInt64());
        var dtls = stats.GetProperty("dtls");
        Assert.InRange(dtls.GetProperty("established").GetInt64(), 2, trapRuns + 1);
        Assert.Equal(0, dtls.GetProperty("active").GetInt64());
    }

    [Fact]
    public async Task A_leaf_only_cert_whose_issuer_is_in_ca_works_with_net_snmp()
    {
        // Before, net-snmp failed with "unable to get local issuer certificate" and nothing was delivered.
        await using var daemon = DaemonProcess.Start(DtlsArgs(_pki.Server.CertificateFile, _pki.Server.KeyFile));
        var port = await daemon.WaitForPortAsync(Timeout);

        await NetSnmpDtls.TrapSentAsync(_pki.NetSnmpStore(_pki.Client), port);

        var line = Assert.Single(await daemon.ReadStdoutLinesAsync(1, Timeout));
        Assert.Equal("trapsender", JsonDocument.Parse(line).RootElement.GetProperty("user").GetString());
        Assert.Equal(0, await daemon.StopAsync());
    }

    [Fact]
    public async Task A_key_that_does_not_match_the_certificate_stops_the_start_with_a_clear_message()
    {
        var (exitCode, _, stderr) = await DaemonProcess.RunAsync(Timeout, DtlsArgs(_pki.ServerChainFile, _pki.Client.KeyFile));

        Assert.Equal(1, exitCode);
        var text = string.Join("\n", stderr);
        Assert.Contains("dtls:127.0.0.1:0", text);
        Assert.Contains(Path.GetFileName(_pki.Client.KeyFile), text);
        Assert.DoesNotContain("PRIVATE KEY", text);
    }
}
