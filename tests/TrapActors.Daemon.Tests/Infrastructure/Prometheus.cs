using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using TrapActors.Testing;

namespace TrapActors.Daemon.Tests.Infrastructure;

/// <summary>
/// Debian's Prometheus (package prometheus): promtool to check an exposition, and a server on a free port of a loopback
/// address of its own (127.x.y.z at random, as SnmpTrapdProcess does: prometheus cannot listen on port 0), scraping one
/// target every second, with its storage in a temporary directory.
/// </summary>
internal sealed class Prometheus : IAsyncDisposable
{
    public const string PromtoolPath = "/usr/bin/promtool";
    public const string ServerPath = "/usr/bin/prometheus";

    public static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    private readonly Process _process;
    private readonly string _directory;

    private Prometheus(Process process, string directory, Uri api)
    {
        _process = process;
        _directory = directory;
        Api = api;
    }

    /// <summary>http://127.x.y.z:PORT/</summary>
    public Uri Api { get; }

    /// <summary>promtool check metrics on <paramref name="exposition"/>: its exit code and what it printed.</summary>
    public static async Task<(int ExitCode, string Output)> CheckMetricsAsync(string exposition, TimeSpan timeout)
    {
        var psi = new ProcessStartInfo(PromtoolPath, ["check", "metrics"])
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(exposition);
        process.StandardInput.Close();
        using var cts = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cts.Token);
        return (process.ExitCode, (await stdout) + (await stderr));
    }

    /// <summary>Starts the server scraping <paramref name="target"/> (HOST:PORT, path /metrics) and waits until it is ready.</summary>
    public static async Task<Prometheus> StartAsync(string target, TimeSpan timeout)
    {
        var free = FreeLoopbackEndPoint.Find(ProtocolType.Tcp);
        var (address, port) = (free.Address, free.Port);
        var directory = Directory.CreateTempSubdirectory("trapactors-prometheus-").FullName;
        var config = Path.Combine(directory, "prometheus.yml");
        await File.WriteAllTextAsync(config, $"""
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
            scrape_configs:
              - job_name: trapactors
                static_configs:
                  - targets: ['{target}']
            """);
        var psi = new ProcessStartInfo(ServerPath,
            [$"--config.file={config}", $"--storage.tsdb.path={Path.Combine(directory, "data")}", $"--web.listen-address={address}:{port}"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = directory,
        };
        var process = Process.Start(psi)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new Prometheus(process, directory, new Uri($"http://{address}:{port}/"));
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                using var ready = await Http.GetAsync(new Uri(server.Api, "-/ready"));
                if (ready.IsSuccessStatusCode)
                    return server;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                await server.DisposeAsync();
                throw new TimeoutException($"prometheus did not become ready (exited: {process.HasExited})");
            }
            await Task.Delay(200);
        }
    }

    /// <summary>The instant query's samples: each series' labels and value.</summary>
    public async Task<IReadOnlyList<(Dictionary<string, string> Labels, double Value)>> QueryAsync(string query)
    {
        var json = await Http.GetStringAsync(new Uri(Api, $"api/v1/query?query={Uri.EscapeDataString(query)}"));
        using var document = JsonDocument.Parse(json);
        var result = new List<(Dictionary<string, string>, double)>();
        foreach (var sample in document.RootElement.GetProperty("data").GetProperty("result").EnumerateArray())
        {
            var labels = sample.GetProperty("metric").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "");
            var value = double.Parse(sample.GetProperty("value")[1].GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            result.Add((labels, value));
        }
        return result;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await _process.WaitForExitAsync(cts.Token);
        }
        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // left in the temporary directory
        }
    }
}
