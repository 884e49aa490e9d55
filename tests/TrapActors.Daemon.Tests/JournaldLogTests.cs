using Serilog.Events;
using TrapActors.Daemon.Tests.Infrastructure;
using Xunit;

namespace TrapActors.Daemon.Tests;

/// <summary>
/// Log lines when standard error is journald's stream (JOURNAL_STREAM set, as systemd sets it): the journal stamps
/// each line, so the daemon does not; the "&lt;N&gt;" prefix gives journald the level (decision 0051).
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
[Collection(DaemonCollection.Name)]
public sealed class JournaldLogTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData("8:12345", "^<4>\\[WRN\\] '.*': the users file")]
    [InlineData(null, "^\\[\\d\\d:\\d\\d:\\d\\d\\.\\d{3} WRN\\] '.*': the users file")]
    public async Task A_warning_under_journald_has_no_timestamp_and_a_priority_prefix(string? journalStream, string expected)
    {
        // A users file the group may read: the daemon warns about it (a Warning, logged at the default level).
        var users = Path.Combine(Directory.CreateTempSubdirectory("trapactors-journald-").FullName, "users.conf");
        await File.WriteAllTextAsync(users, "createUser alice SHA-256 alicepass1 AES alicepriv1\n");
        File.SetUnixFileMode(users, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        try
        {
            await using var daemon = DaemonProcess.StartWithEnvironment(
                new Dictionary<string, string?> { ["JOURNAL_STREAM"] = journalStream, ["NOTIFY_SOCKET"] = null },
                "--listen", "udp:127.0.0.1:0", "--users-file", users);
            await daemon.WaitForPortAsync(Timeout);
            Assert.Equal(0, await daemon.StopAsync(DaemonProcess.SigTerm, Timeout));

            Assert.Single(daemon.StderrLines, l => System.Text.RegularExpressions.Regex.IsMatch(l, expected));
            if (journalStream is not null)
                Assert.DoesNotContain(daemon.StderrLines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\[\d\d:\d\d:\d\d"));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(users)!, recursive: true);
        }
    }

    [Theory]
    [InlineData(LogEventLevel.Debug, 7)]
    [InlineData(LogEventLevel.Information, 6)]
    [InlineData(LogEventLevel.Warning, 4)]
    [InlineData(LogEventLevel.Error, 3)]
    [InlineData(LogEventLevel.Fatal, 2)]
    public void Syslog_priorities(LogEventLevel level, int priority) => Assert.Equal(priority, JournaldLogging.Priority(level));

    [Theory]
    [InlineData("8:12345", true)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Journal_detected_by_journal_stream(string? value, bool journal) =>
        Assert.Equal(journal, JournaldLogging.StandardErrorIsJournal(name => name == "JOURNAL_STREAM" ? value : "set"));
}
