namespace TrapActors.Snmp.Messages;

/// <summary>A variable binding: an OID and its value.</summary>
public readonly record struct VarBind(Oid Oid, SnmpValue Value)
{
    public override string ToString() => $"{Oid} = {Value}";
}
