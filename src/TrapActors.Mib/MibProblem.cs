namespace TrapActors.Mib;

/// <summary>One problem met while loading MIB files, reported once; loading goes on after it.</summary>
/// <param name="File">The file the problem is in (as found in the directory), or the module name when no file is known.</param>
/// <param name="Line">The 1-based line, or 0 when the problem is not tied to a line.</param>
/// <param name="Message">What is wrong, for a human.</param>
public sealed record MibProblem(string File, int Line, string Message)
{
    /// <summary>
    /// The imported module that was not found, when the problem comes from its absence: the IMPORTS clause naming it,
    /// or (<see cref="FollowsFromMissingModule"/>) a name or type imported from it that is therefore unresolved.
    /// </summary>
    public string? MissingModule { get; init; }

    /// <summary>True when the problem is only a consequence of <see cref="MissingModule"/>'s absence.</summary>
    public bool FollowsFromMissingModule { get; init; }

    /// <summary>The problem as <c>FILE:LINE: message</c>.</summary>
    public override string ToString() => $"{File}:{Line}: {Message}";
}
