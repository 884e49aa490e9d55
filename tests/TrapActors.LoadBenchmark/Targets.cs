using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Akka.Actor;
using Akka.Configuration;
using TrapActors.Snmp.Security;

namespace TrapActors.LoadBenchmark;

/// <summary>Resource figures of a target at one moment.</summary>
public sealed record TargetSnapshot(double? CpuSeconds, long? AllocatedBytes, int[]? GcCounts);

/// <summary>What a target said about itself when stopped.</summary>
public sealed record TargetFinal(long? Received, long? Delivered, long? Dropped, string? Note)
{
    /// <summary>The receiver's own count of kernel drops (socketBufferDrops), when it reports one.</summary>
    public long? SocketBufferDrops { get; init; }
}

/// <summary>One started receiver: where it listens and how many notifications it has delivered.</summary>
public interface ITargetInstance : IAsyncDisposable
{
    TargetKind Kind { get; }
    int Port { get; }
    /// <summary>True when the receiver runs in this process (its CPU figure must leave out the load generator).</summary>
    bool InProcess { get; }
    long Delivered();
    TargetSnapshot Snapshot();
    /// <summary>Peak resident set in kB (VmHWM) of the receiver's process.</summary>
    long? PeakRssKb();
    /// <summary>Resident set now in kB (VmRSS) of the receiver's process; null when unknown.</summary>
    long? RssKb() => null;
    LatencyHistogram? Latency { get; }
    Task<TargetFinal> StopAsync();
}

/// <summary>Where the targets find their files and settings.</summary>
public sealed record TargetEnvironment(string WorkDirectory, string DaemonDll, int ReceiveBufferSize, int Subscribers = 1, string DaemonHocon = "")
{
    /// <summary>The daemon's --users-file; null: the two senders of <see cref="PacketCapture.CreateUserLines"/>.</summary>
    public string? UsersFile { get; init; }

    /// <summary>The receivers' own SNMPv3 engine (authoritative for informs only; the traps carry the sender's).</summary>
    public const string ReceiverEngineId = "800000000501020304050607";

    /// <summary>trap-actors.session.max-sessions for the run (0: the default).</summary>
    public int MaxSessions { get; init; }

    /// <summary>More daemon options (--daemon-args), after the benchmark's own.</summary>
    public string[] DaemonArgs { get; init; } = [];

    public static Task<ITargetInstance> StartAsync(TargetKind kind, TargetEnvironment env) => kind switch
    {
        TargetKind.TrapActors => DaemonTarget.StartAsync(env),
        TargetKind.Embedded => EmbeddedTarget.StartAsync(env),
        TargetKind.Cluster => ClusterTarget.StartAsync(env),
        _ => SnmptrapdTarget.StartAsync(env),
    };
}

/// <summary>A child process whose stderr is collected line by line.</summary>
internal abstract class ChildProcessTarget : ITargetInstance
{
    protected readonly ConcurrentQueue<string> StderrLines = new();
    protected Process Process = null!;
    private bool _stopped;

    public abstract TargetKind Kind { get; }
    public int Port { get; protected set; }
    public bool InProcess => false;
    public LatencyHistogram? Latency => null;
    public abstract long Delivered();

    public TargetSnapshot Snapshot() => new(ProcFs.CpuSeconds(Process.Id), null, null);

    public long? PeakRssKb() => ProcFs.StatusKb(Process.Id, "VmHWM");
    public long? RssKb() => ProcFs.StatusKb(Process.Id, "VmRSS");

    protected void Start(ProcessStartInfo psi)
    {
        psi.UseShellExecute = false;
        psi.RedirectStandardError = true;
        psi.RedirectStandardInput = true;
        Process = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {psi.FileName}");
        Process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
                StderrLines.Enqueue(e.Data);
        };
        Process.BeginErrorReadLine();
        if (psi.RedirectStandardOutput)
        {
            Process.OutputDataReceived += (_, _) => { };
            Process.BeginOutputReadLine();
        }
    }

    /// <summary>SIGTERM, then wait for the exit (killed after <paramref name="timeout"/>).</summary>
    protected async Task TerminateAsync(TimeSpan timeout)
    {
        if (_stopped)
            return;
        _stopped = true;
        if (Process.HasExited)
            return;
        ProcFs.Terminate(Process.Id);
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await Process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            Process.Kill(entireProcessTree: true);
            await Process.WaitForExitAsync();
            StderrLines.Enqueue($"(killed: no exit within {timeout.TotalSeconds:0} s of SIGTERM)");
        }
    }

    public abstract Task<TargetFinal> StopAsync();

    public virtual async ValueTask DisposeAsync()
    {
        await TerminateAsync(TimeSpan.FromSeconds(30));
        Process.Dispose();
    }
}

/// <summary>The trapactors daemon (dotnet TrapActors.Daemon.dll) with standard output redirected to a file.</summary>
internal sealed class DaemonTarget : ChildProcessTarget
{
    private LineCounter _lines = null!;
    private string _outputFile = "";

    public override TargetKind Kind => TargetKind.TrapActors;

    public static async Task<ITargetInstance> StartAsync(TargetEnvironment env)
    {
        var dir = Directory.CreateDirectory(Path.Combine(env.WorkDirectory, "trapactors-" + Guid.NewGuid().ToString("n")[..8])).FullName;
        var users = env.UsersFile ?? Path.Combine(dir, "users");
        if (env.UsersFile is null)
            await File.WriteAllTextAsync(users, PacketCapture.CreateUserLines);
        var target = new DaemonTarget { _outputFile = Path.Combine(dir, "out.jsonl") };
        target._lines = new LineCounter(target._outputFile, "{");

        // sh only sets up the redirection and execs: the PID is the daemon's.
        var psi = new ProcessStartInfo("/bin/sh");
        foreach (var arg in (string[])["-c", "exec \"$@\" > \"$TRAPACTORS_BENCH_OUT\"", "sh", "dotnet", env.DaemonDll,
                     "--listen", "udp:127.0.0.1:0", "--format", "json", "--users-file", users,
                     "--engine-id", TargetEnvironment.ReceiverEngineId, "--state-dir", Path.Combine(dir, "state")])
            psi.ArgumentList.Add(arg);
        // Always set: 0 is the OS default (net.core.rmem_default), as for the other two targets.
        var config = Path.Combine(dir, "receive-buffer.conf");
        await File.WriteAllTextAsync(config, $"trap-actors.listener.receive-buffer-size = {env.ReceiveBufferSize}\n" +
            (env.MaxSessions > 0 ? $"trap-actors.session.max-sessions = {env.MaxSessions}\n" : "") + env.DaemonHocon + "\n");
        psi.ArgumentList.Add("--config");
        psi.ArgumentList.Add(config);
        foreach (var arg in env.DaemonArgs)
            psi.ArgumentList.Add(arg);
        psi.Environment["TRAPACTORS_BENCH_OUT"] = target._outputFile;
        target.Start(psi);

        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            foreach (var line in target.StderrLines)
            {
                if (line.StartsWith("listening udp ", StringComparison.Ordinal))
                {
                    target.Port = IPEndPoint.Parse(line["listening udp ".Length..]).Port;
                    return target;
                }
            }
            if (target.Process.HasExited)
                break;
            await Task.Delay(20);
        }
        await target.DisposeAsync();
        throw new InvalidOperationException("trapactors did not start: " + string.Join(" | ", target.StderrLines));
    }

    public override long Delivered() => _lines.Count();

    public override async Task<TargetFinal> StopAsync()
    {
        await TerminateAsync(TimeSpan.FromSeconds(90));
        var last = StderrLines.LastOrDefault(l => l.StartsWith('{'));
        long? received = null, delivered = null, dropped = null, socketDrops = null;
        if (last is not null)
        {
            using var json = JsonDocument.Parse(last);
            var root = json.RootElement;
            if (root.TryGetProperty("socketBufferDrops", out var sd))
                socketDrops = sd.GetInt64();
            if (root.TryGetProperty("received", out var r))
                received = r.GetInt64();
            if (root.TryGetProperty("delivered", out var d))
                delivered = d.GetInt64();
            if (root.TryGetProperty("dropped", out var drops))
                dropped = drops.EnumerateObject().Sum(p => p.Value.GetInt64());
        }
        var warnings = StderrLines.Where(l => l.Contains(" WRN] ", StringComparison.Ordinal) || l.Contains(" ERR] ", StringComparison.Ordinal))
            .Where(l => !l.Contains("No state directory", StringComparison.Ordinal)).Take(3).ToList();
        return new TargetFinal(received, delivered, dropped,
            (Process.ExitCode != 0 ? $"exit {Process.ExitCode}; " : "") + (last is null ? "no stats line; " : "") + string.Join("; ", warnings))
        {
            SocketBufferDrops = socketDrops,
        };
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _lines.Dispose();
        File.Delete(_outputFile);   // can be hundreds of MB
    }
}

/// <summary>net-snmp's snmptrapd in the foreground, logging one line per trap to a file.</summary>
internal sealed class SnmptrapdTarget : ChildProcessTarget
{
    public const string Prefix = "TRAP ";
    private LineCounter _lines = null!;

    public override TargetKind Kind => TargetKind.Snmptrapd;

    /// <summary>snmptrapd.conf: accepts the community and the v3 user, logs a line per trap: source and every varbind.</summary>
    public static string Config(int receiveBufferSize) =>
        $"""
        authCommunity log {PacketCapture.Community}
        {PacketCapture.CreateUserLines}authUser log {PacketCapture.User}
        authUser log {PacketCapture.UserSha256}
        format2 {Prefix}%b %v\n
        """ + (receiveBufferSize > 0 ? $"\n[snmp] serverRecvBuf {receiveBufferSize}\n" : "\n");

    public static string CommandLine => "snmptrapd -f -Lf LOG -C -c CONF -M /dev/null -m '' -n udp:127.0.0.1:PORT";

    public static async Task<ITargetInstance> StartAsync(TargetEnvironment env)
    {
        var dir = Directory.CreateDirectory(Path.Combine(env.WorkDirectory, "snmptrapd-" + Guid.NewGuid().ToString("n")[..8])).FullName;
        var conf = Path.Combine(dir, "snmptrapd.conf");
        await File.WriteAllTextAsync(conf, Config(env.ReceiveBufferSize));
        for (var attempt = 1; ; attempt++)
        {
            // A free port, released just before snmptrapd binds it (another program could take it meanwhile: retried).
            int port;
            using (var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp))
            {
                probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
                port = ((IPEndPoint)probe.LocalEndPoint!).Port;
            }
            var log = Path.Combine(dir, $"traps-{attempt}.log");
            var target = new SnmptrapdTarget { _lines = new LineCounter(log, Prefix) };
            var psi = new ProcessStartInfo("snmptrapd") { RedirectStandardOutput = true };
            foreach (var arg in (string[])["-f", "-Lf", log, "-C", "-c", conf, "-M", "/dev/null", "-m", "", "-n", $"udp:127.0.0.1:{port}"])
                psi.ArgumentList.Add(arg);
            psi.Environment["SNMPCONFPATH"] = dir;
            psi.Environment["SNMP_PERSISTENT_DIR"] = dir;
            psi.Environment["MIBS"] = "";
            target.Start(psi);
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < TimeSpan.FromSeconds(20) && !target.Process.HasExited)
            {
                if (ProcFs.UdpSocket(port) is not null && File.Exists(log))
                {
                    target.Port = port;
                    return target;
                }
                await Task.Delay(20);
            }
            await target.DisposeAsync();
            if (attempt == 3)
                throw new InvalidOperationException("snmptrapd did not start: " + string.Join(" | ", target.StderrLines));
        }
    }

    public override long Delivered() => _lines.Count();

    public override async Task<TargetFinal> StopAsync()
    {
        await TerminateAsync(TimeSpan.FromSeconds(30));
        return new TargetFinal(null, _lines.Count(), null, Process.ExitCode != 0 ? $"exit {Process.ExitCode}" : null);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _lines.Dispose();
        File.Delete(_lines.Path);
    }
}

/// <summary>The receiver in this process: ActorSystem + TrapReceiverExtension + a counting subscriber.</summary>
internal sealed class EmbeddedTarget : ITargetInstance
{
    private ActorSystem _system = null!;
    private IActorRef _receiver = null!;
    private readonly DeliveryCounter _counter = new();

    public TargetKind Kind => TargetKind.Embedded;
    public int Port { get; private set; }
    public bool InProcess => true;
    public LatencyHistogram? Latency => _counter.Latency;

    public static async Task<ITargetInstance> StartAsync(TargetEnvironment env)
    {
        var target = new EmbeddedTarget();
        var setup = BootstrapSetup.Create().WithConfig(ReceiverConfig(env)).And(ReceiverSetup());
        target._system = ActorSystem.Create("loadbench", setup);
        target._receiver = TrapReceiverExtension.Get(target._system).Receiver;
        var bound = await target._receiver.Ask<BoundEndpoints>(Activate.Instance, TimeSpan.FromSeconds(30));
        if (!bound.AllBound)
            throw new InvalidOperationException("embedded receiver: " + string.Join("; ", bound.Failures.Select(f => f.Reason)));
        target.Port = bound.Endpoints[0].LocalEndPoint.Port;
        var subscriber = target._system.ActorOf(Props.Create(() => new CountingSubscriber(target._counter)), "counting-subscriber");
        await target._receiver.Ask<Subscribed>(new Subscribe(subscriber), TimeSpan.FromSeconds(10));
        for (var i = 1; i < env.Subscribers; i++)
            await target._receiver.Ask<Subscribed>(new Subscribe(target._system.ActorOf(Props.Create(() => new CountingSubscriber(new DeliveryCounter()))), NeverSelected(i)), TimeSpan.FromSeconds(10));
        return target;
    }

    /// <summary>An NMS's per-rule subscription that the benchmark's traps never match: its own enterprise subtree and site address.</summary>
    private static TrapFilter NeverSelected(int i) =>
        TrapFilter.ByTrapOid($"1.3.6.1.4.1.{50000 + i}").AndSource(new System.Net.IPAddress([10, (byte)(i >> 16), (byte)(i >> 8), (byte)i]));

    /// <summary>The receiver's configuration (shared with the cluster target's receiver node).</summary>
    internal static Config ReceiverConfig(TargetEnvironment env) => ConfigurationFactory.ParseString($$"""
        akka.loglevel = WARNING
        akka.stdout-loglevel = WARNING
        akka.log-dead-letters-during-shutdown = off
        trap-actors {
          auto-activate = off
          listener.endpoints = ["udp:127.0.0.1:0"]
          listener.receive-buffer-size = {{env.ReceiveBufferSize}}
          usm.local-engine-id = "{{TargetEnvironment.ReceiverEngineId}}"
          {{(env.MaxSessions > 0 ? $"session.max-sessions = {env.MaxSessions}" : "")}}
        }
        """);

    /// <summary>The community and the USM users of the captured datagrams.</summary>
    internal static TrapReceiverSetup ReceiverSetup() => new()
    {
        Communities = [PacketCapture.Community],
        Users =
        [
            UsmUser.AuthPriv(PacketCapture.User, AuthProtocol.HmacSha1, PacketCapture.AuthPassword, PrivProtocol.Aes128,
                PacketCapture.PrivPassword, [.. Convert.FromHexString(PacketCapture.SenderEngineId[2..])]),
            UsmUser.AuthPriv(PacketCapture.UserSha256, AuthProtocol.HmacSha256, PacketCapture.AuthPassword, PrivProtocol.Aes128,
                PacketCapture.PrivPassword, [.. Convert.FromHexString(PacketCapture.SenderEngineId[2..])]),
        ],
    };

    public long Delivered() => _counter.Delivered;

    public TargetSnapshot Snapshot() =>
        new(ProcFs.CpuSeconds(Environment.ProcessId), GC.GetTotalAllocatedBytes(precise: true),
            [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)]);

    public long? PeakRssKb() => ProcFs.StatusKb(Environment.ProcessId, "VmHWM");
    public long? RssKb() => ProcFs.StatusKb(Environment.ProcessId, "VmRSS");

    public Task<TrapReceiverStats> StatsAsync() => _receiver.Ask<TrapReceiverStats>(GetTrapReceiverStats.Instance, TimeSpan.FromSeconds(10));

    public async Task<TargetFinal> StopAsync()
    {
        var stats = await _receiver.Ask<TrapReceiverStats>(GetTrapReceiverStats.Instance, TimeSpan.FromSeconds(10));
        var drops = stats.Dropped.Where(d => d.Value > 0).Select(d => $"{d.Key} {d.Value}").ToList();
        return new TargetFinal(stats.Received, stats.Delivered, stats.TotalDropped, drops.Count > 0 ? "dropped: " + string.Join(", ", drops) : null)
        {
            SocketBufferDrops = stats.SocketBufferDrops,
        };
    }

    public async ValueTask DisposeAsync()
    {
        await _system.Terminate();
    }

    private sealed class CountingSubscriber(DeliveryCounter counter) : UntypedActor
    {
        protected override void OnReceive(object message)
        {
            switch (message)
            {
                case TrapReceived t:
                    counter.Record(t.Notification.ReceivedAt);
                    break;
                case InformReceived i:
                    counter.Record(i.Notification.ReceivedAt);
                    break;
                default:
                    Unhandled(message);
                    break;
            }
        }
    }
}

/// <summary>Deliveries seen by the embedded subscriber, and their latency from socket read to subscriber.</summary>
internal sealed class DeliveryCounter
{
    private long _delivered;

    public LatencyHistogram Latency { get; } = new();

    public long Delivered => Interlocked.Read(ref _delivered);

    public void Record(DateTimeOffset receivedAt)
    {
        Latency.Record((DateTimeOffset.UtcNow - receivedAt).Ticks);
        Interlocked.Increment(ref _delivered);
    }
}
