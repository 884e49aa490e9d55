using TrapActors.Security;
using Xunit;

namespace TrapActors.Tests.Security;

/// <summary>(Unix) The engine state file is written without following a symlink planted in the state directory.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class EngineStateFileTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"trapactors-state-{Guid.NewGuid():N}");

    public EngineStateFileTests() => Directory.CreateDirectory(_root);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void A_symlink_at_the_old_temporary_name_is_not_followed()
    {
        var directory = Path.Combine(_root, "state");
        Directory.CreateDirectory(directory);
        var victim = Path.Combine(_root, "victim");
        File.WriteAllText(victim, "precious");
        File.CreateSymbolicLink(Path.Combine(directory, EngineStateStore.FileName + ".tmp"), victim);

        var (_, boots) = EngineStateStore.LoadAndIncrement(directory, [0x80, 0, 0, 0, 1], () => throw new InvalidOperationException());

        Assert.Equal(1, boots);
        Assert.Equal("precious", File.ReadAllText(victim));
        Assert.Contains("engine-boots 1", File.ReadAllText(Path.Combine(directory, EngineStateStore.FileName)));
        Assert.Single(Directory.GetFiles(directory, "*.tmp")); // only the planted link: no temporary file left behind
    }

    [Fact]
    public void The_state_directory_is_created_readable_by_the_owner_only()
    {
        var directory = Path.Combine(_root, "new-state");

        EngineStateStore.LoadAndIncrement(directory, [0x80, 0, 0, 0, 1], () => throw new InvalidOperationException());

        var mode = File.GetUnixFileMode(directory);
        Assert.Equal(UnixFileMode.None, mode & (UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
            | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute));
        var file = File.GetUnixFileMode(Path.Combine(directory, EngineStateStore.FileName));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, file);
    }
}
