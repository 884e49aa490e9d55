namespace TrapActors.Mib;

/// <summary>The kind of definition a named OID comes from.</summary>
public enum MibObjectKind
{
    /// <summary>A plain <c>name OBJECT IDENTIFIER ::= { ... }</c>.</summary>
    ObjectIdentifier,
    /// <summary>MODULE-IDENTITY.</summary>
    ModuleIdentity,
    /// <summary>OBJECT-IDENTITY.</summary>
    ObjectIdentity,
    /// <summary>OBJECT-TYPE: a scalar, table, row or column.</summary>
    ObjectType,
    /// <summary>NOTIFICATION-TYPE (SMIv2).</summary>
    Notification,
    /// <summary>TRAP-TYPE (SMIv1), at enterprise.0.N.</summary>
    Trap,
    /// <summary>OBJECT-GROUP or NOTIFICATION-GROUP.</summary>
    Group,
    /// <summary>MODULE-COMPLIANCE.</summary>
    Compliance,
    /// <summary>AGENT-CAPABILITIES.</summary>
    Capabilities,
}
