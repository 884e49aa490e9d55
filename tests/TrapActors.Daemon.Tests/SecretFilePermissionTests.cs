using System.Text.RegularExpressions;
using TrapActors.Daemon;
using TrapActors.Daemon.Tests.Infrastructure;
using Xunit;

namespace TrapActors.Daemon.Tests;

/// <summary>(Unix) Files holding plaintext secrets that the group or others can read are warned about, as OpenSSH does.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
[Collection(DaemonCollection.Name)]
public sealed class SecretFilePermissionTests : IDisposable
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode WorldReadable = OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    private readonly string _dir = Directory.CreateTempSubdirectory("trapactors-secrets-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Secret(string name, string text, UnixFileMode mode)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        File.SetUnixFileMode(path, mode);
        return path;
    }

    private static IReadOnlyList<string> Warnings(DaemonOptions options)
    {
        Assert.True(DaemonConfig.TryBuild(options, out _, out var settings, out var error), error);
        return [.. SecretFilePermissions.Warnings(options, settings)];
    }

    [Fact]
    public void A_users_file_readable_by_others_is_named_with_the_fix()
    {
        var path = Secret("users.conf", "createUser bob MD5 bobpassword\n", WorldReadable);
        var warning = Assert.Single(Warnings(new DaemonOptions { UsersFile = path }));
        Assert.Contains($"'{path}': the users file", warning);
        Assert.Contains("its group and others (mode 0644)", warning);
        Assert.EndsWith($"chmod 600 '{path}'", warning);
        Assert.DoesNotContain("bobpassword", warning);

        File.SetUnixFileMode(path, OwnerOnly);
        Assert.Empty(Warnings(new DaemonOptions { UsersFile = path }));
    }

    [Fact]
    public void A_key_and_a_password_file_readable_by_the_group_are_warned_about()
    {
        var key = Secret("server.key", "-----BEGIN PRIVATE KEY-----\n", OwnerOnly | UnixFileMode.GroupRead);
        var password = Secret("pfx.pass", "hunter2\n", OwnerOnly | UnixFileMode.OtherRead);
        var options = new DaemonOptions
        {
            DtlsFiles = System.Collections.Immutable.ImmutableDictionary<string, string>.Empty
                .Add("key-file", key).Add("pkcs12-password-file", password),
        };

        var warnings = Warnings(options);

        Assert.Equal(2, warnings.Count);
        Assert.Contains(warnings, w => w.StartsWith($"'{key}': the DTLS private key", StringComparison.Ordinal) && w.Contains("by its group (mode 0640)"));
        Assert.Contains(warnings, w => w.StartsWith($"'{password}': the PKCS#12 password file", StringComparison.Ordinal) && w.Contains("by others (mode 0604)"));
        Assert.DoesNotContain(warnings, w => w.Contains("hunter2"));
    }

    [Fact]
    public async Task The_daemon_warns_on_stderr_about_a_users_file_readable_by_others()
    {
        var path = Secret("users.conf", "createUser bob MD5 bobpassword\n", WorldReadable);
        await using (var daemon = DaemonProcess.Start("--listen", "udp:127.0.0.1:0", "--users-file", path, "--state-dir", Path.Combine(_dir, "state")))
        {
            // Logged before the listening lines.
            var match = await daemon.WaitForStderrAsync(new Regex(@"WRN\].*users\.conf.*chmod 600"));
            Assert.Contains(path, match.Value);
            await daemon.WaitForPortAsync();
            Assert.Equal(0, await daemon.StopAsync(DaemonProcess.SigTerm));
        }

        File.SetUnixFileMode(path, OwnerOnly);
        await using (var daemon = DaemonProcess.Start("--listen", "udp:127.0.0.1:0", "--users-file", path, "--state-dir", Path.Combine(_dir, "state")))
        {
            await daemon.WaitForPortAsync();
            Assert.Equal(0, await daemon.StopAsync(DaemonProcess.SigTerm));
            Assert.DoesNotContain(daemon.StderrLines, l => l.Contains("chmod", StringComparison.Ordinal));
        }
    }
}
