namespace TrapActors.Mib.Parsing;

/// <summary>A construct the parser cannot make sense of; caught per definition, recorded, and skipped.</summary>
internal sealed class MibParseException(int line, string message) : Exception(message)
{
    public int Line { get; } = line;
}
