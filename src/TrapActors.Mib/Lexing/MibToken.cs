namespace TrapActors.Mib.Lexing;

/// <summary>The kinds of token a MIB file is made of.</summary>
internal enum MibTokenKind
{
    Identifier,
    Number,
    QuotedString,
    HexString,
    BinaryString,
    Assign,
    Range,
    Symbol,
    End,
}

/// <summary>One token with the line it starts on (1-based).</summary>
internal readonly record struct MibToken(MibTokenKind Kind, string Text, int Line)
{
    public bool Is(string text) => Kind is MibTokenKind.Identifier or MibTokenKind.Symbol && Text == text;

    public bool IsIdentifier => Kind == MibTokenKind.Identifier;

    /// <summary>ASN.1 type and module references start with an upper-case letter, values with a lower-case one.</summary>
    public bool IsUpperIdentifier => Kind == MibTokenKind.Identifier && char.IsUpper(Text[0]);

    public bool IsLowerIdentifier => Kind == MibTokenKind.Identifier && char.IsLower(Text[0]);

    public override string ToString() => Kind == MibTokenKind.End ? "end of file" : $"'{Text}'";
}
