using TrapActors.Security;
using Xunit;

namespace TrapActors.Tests.Usm;

/// <summary>The remote-engines file: what is saved comes back, it is 0600, and a damaged file yields nothing and a reason.</summary>
public sealed class RemoteEngineStoreTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"trapactors-engines-{Environment.ProcessId}-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_directory))
            Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public void Saved_engines_come_back_most_recently_used_first_within_the_limit()
    {
        var added = new RemoteEngine(new byte[] { 0x80, 0, 0, 0, 1, 1 }, 4, 100, 1_000_000, explicitlyAdded: true);
        var learned = new RemoteEngine(new byte[] { 0x80, 0, 0, 0, 1, 2 }, 7, 5000, 2_000_000, learnedBy: "a b\u00e9");
        learned.Check(7, 5010, 2_005_000, TimeSpan.FromSeconds(150));
        var old = new RemoteEngine(new byte[] { 0x80, 0, 0, 0, 1, 3 }, 1, 1, 500);
        RemoteEngineStore.Save(_directory, [added, learned, old]);

        var loaded = RemoteEngineStore.Load(_directory, 2, out var problem);
        Assert.Null(problem);
        Assert.Equal(2, loaded.Count);
        Assert.Equal(learned.EngineId.ToArray(), loaded[0].EngineId.ToArray());
        Assert.Equal("a b\u00e9", loaded[0].LearnedBy);
        Assert.False(loaded[0].ExplicitlyAdded);
        Assert.Equal(learned.State(), loaded[0].State());
        Assert.Equal(learned.LastUsedMs, loaded[0].LastUsedMs);
        Assert.True(loaded[1].ExplicitlyAdded);
        Assert.Null(loaded[1].LearnedBy);
        Assert.Equal(added.State(), loaded[1].State());
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_directory, RemoteEngineStore.FileName)));
    }

    [Theory]
    [InlineData("trap-actors-remote-engines 1\n800000000101 1 1 1 1 1 learned\n", "truncated")]
    [InlineData("something else\nend 0\n", "first line")]
    [InlineData("trap-actors-remote-engines 1\n800000000101 x 1 1 1 1 learned\nend 1\n", "")]
    [InlineData("trap-actors-remote-engines 1\n80 1 1 1 1 1 learned\nend 1\n", "octets")]
    [InlineData("trap-actors-remote-engines 1\n800000000101 1 1 1 1 1 other\nend 1\n", "unknown kind")]
    public void A_damaged_file_yields_nothing_and_names_the_file_and_the_reason(string content, string reason)
    {
        Directory.CreateDirectory(_directory);
        var path = Path.Combine(_directory, RemoteEngineStore.FileName);
        File.WriteAllText(path, content);
        Assert.Empty(RemoteEngineStore.Load(_directory, 10, out var problem));
        Assert.NotNull(problem);
        Assert.Contains(path, problem, StringComparison.Ordinal);
        Assert.Contains(reason, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void No_directory_or_no_file_yields_nothing_without_a_problem()
    {
        Assert.Empty(RemoteEngineStore.Load(null, 10, out var none));
        Assert.Null(none);
        Assert.Empty(RemoteEngineStore.Load(_directory, 10, out var missing));
        Assert.Null(missing);
    }
}

/// <summary>A receiver whose state directory holds a truncated remote-engines file warns once and starts without it.</summary>
public sealed class UsmDamagedEngineFileTests() : UsmSpec($"trap-actors.usm.state-directory = \"{Dir}\"", new TrapReceiverSetup { Users = [User.ToUsmUser()] })
{
    private static readonly string Dir = Path.Combine(Path.GetTempPath(), $"trapactors-damaged-{Environment.ProcessId}-{Guid.NewGuid():N}");
    private static readonly V3User User = new("tess", "SHA", "tess-auth-1");

    [Fact]
    public async Task It_warns_once_with_the_file_and_the_reason_and_receives()
    {
        try
        {
            Directory.CreateDirectory(Dir);
            await File.WriteAllTextAsync(Path.Combine(Dir, RemoteEngineStore.FileName), "trap-actors-remote-engines 1\n8000000001020304ab01 3 100 100 1 1 learned\n");
            await EventFilter.Warning(contains: "truncated").ExpectOneAsync(async () => await ReceiverEndPointAsync());
            var subscriber = await SubscriberAsync();
            await SendTrapAsync(User, "0x8000000001020304ab01", "after", bootsTime: "1,1");
            await ExpectTrapAsync(subscriber, "tess", "after");
        }
        finally
        {
            await Sys.Terminate();
            Directory.Delete(Dir, recursive: true);
        }
    }
}

/// <summary>usm.remote-engines-save-interval: the running receiver writes the engines it learned, without waiting for shutdown.</summary>
public sealed class UsmRemoteEnginesSavedPeriodicallyTests() : UsmSpec(
    $"trap-actors.usm {{ state-directory = \"{Dir.Replace("\\", "\\\\", StringComparison.Ordinal)}\", remote-engines-save-interval = 200ms }}",
    new TrapReceiverSetup { Users = [User.ToUsmUser()] })
{
    private static readonly string Dir = Path.Combine(Path.GetTempPath(), $"trapactors-saved-{Environment.ProcessId}-{Guid.NewGuid():N}");
    private static readonly V3User User = new("sven", "SHA", "sven-auth-1");

    [Fact]
    public async Task A_learned_engine_is_in_the_file_while_the_receiver_runs()
    {
        try
        {
            var subscriber = await SubscriberAsync();
            await SendTrapAsync(User, "0x8000000001020304ab02", "saved", bootsTime: "9,900");
            await ExpectTrapAsync(subscriber, "sven", "saved");
            var path = Path.Combine(Dir, RemoteEngineStore.FileName);
            await AwaitConditionAsync(() => Task.FromResult(File.Exists(path) && File.ReadAllText(path).Contains("8000000001020304ab02 9 900", StringComparison.Ordinal)),
                TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(50), "the engine saved");
            var saved = Assert.Single(RemoteEngineStore.Load(Dir, 10, out var problem));
            Assert.Null(problem);
            Assert.Equal("sven", saved.LearnedBy);
        }
        finally
        {
            await Sys.Terminate();
            Directory.Delete(Dir, recursive: true);
        }
    }
}
