namespace TrapActors.Snmp;

/// <summary>Bounds the decoder enforces so that hostile input cannot cost unbounded time or memory.</summary>
public sealed record DecodeLimits
{
    public const int AbsoluteMaxDatagramSize = 65535;

    public static readonly DecodeLimits Default = new();

    /// <summary>Largest datagram accepted (the reference's MaxPacketSize); at most 65535.</summary>
    public int MaxDatagramSize { get; init; } = AbsoluteMaxDatagramSize;

    /// <summary>Deepest nesting of constructed BER values.</summary>
    public int MaxNestingDepth { get; init; } = 16;

    /// <summary>Most variable bindings in one PDU.</summary>
    public int MaxVarBinds { get; init; } = 1024;

    /// <summary>Most sub-identifiers in one OBJECT IDENTIFIER (RFC 2578 allows 128).</summary>
    public int MaxOidArcs { get; init; } = 128;
}
