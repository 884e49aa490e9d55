namespace TrapActors.Snmp;

/// <summary>Bounds the decoder enforces so that hostile input cannot cost unbounded time or memory.</summary>
public sealed record DecodeLimits
{
    /// <summary>The largest UDP payload there is (65535 bytes), and so the highest <see cref="MaxDatagramSize"/>.</summary>
    public const int AbsoluteMaxDatagramSize = 65535;

    /// <summary>The defaults: 65535-byte datagrams, nesting 16 deep, 1024 varbinds, 128 OID arcs (the defaults of trap-actors.listener.max-packet-size and trap-actors.codec).</summary>
    public static readonly DecodeLimits Default = new();

    /// <summary>Largest datagram accepted (trap-actors.listener.max-packet-size); at most 65535.</summary>
    public int MaxDatagramSize { get; init; } = AbsoluteMaxDatagramSize;

    /// <summary>Deepest nesting of constructed BER values (trap-actors.codec.max-nesting-depth).</summary>
    public int MaxNestingDepth { get; init; } = 16;

    /// <summary>Most variable bindings in one PDU (trap-actors.codec.max-var-binds).</summary>
    public int MaxVarBinds { get; init; } = 1024;

    /// <summary>Most sub-identifiers in one OBJECT IDENTIFIER (RFC 2578 allows 128; trap-actors.codec.max-oid-arcs).</summary>
    public int MaxOidArcs { get; init; } = 128;
}
