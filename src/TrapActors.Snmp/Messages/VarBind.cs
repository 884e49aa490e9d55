namespace TrapActors.Snmp.Messages;

/// <summary>A variable binding: an OID and its value.</summary>
/// <param name="Oid">The object instance, e.g. ifIndex.3 (1.3.6.1.2.1.2.2.1.1.3).</param>
/// <param name="Value">Its value.</param>
public readonly record struct VarBind(Oid Oid, SnmpValue Value)
{
    /// <summary>"oid = value", e.g. "1.3.6.1.2.1.2.2.1.1.3 = Integer32: 3".</summary>
    public override string ToString() => $"{Oid} = {Value}";
}
