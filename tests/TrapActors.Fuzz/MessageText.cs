using System.Text;
using TrapActors.Snmp.Messages;

namespace TrapActors.Fuzz;

/// <summary>
/// Every decoded field of a message as one string, so that two decodes compare by content (the records compare
/// their byte slices and varbind arrays by reference).
/// </summary>
internal static class MessageText
{
    public static string Describe(SnmpMessage message) => message switch
    {
        CommunityMessage c => $"{c.Version} community={Hex(c.Community)} {Describe(c.Pdu)}",
        V3Message v3 => $"v3 id={v3.MessageId} max={v3.MaxSize} flags={v3.Flags} model={v3.SecurityModel} " +
            (v3.Usm is { } usm
                ? $"usm(engine={Hex(usm.EngineId)} boots={usm.EngineBoots} time={usm.EngineTime} user={Hex(usm.UserName)} auth={Hex(usm.AuthParameters)} priv={Hex(usm.PrivParameters)})"
                : $"params={Hex(v3.SecurityParameters)}") +
            (v3.ScopedPdu is { } scoped
                ? $" scoped(engine={Hex(scoped.ContextEngineId)} name={Hex(scoped.ContextName)} {Describe(scoped.Pdu)})"
                : $" encrypted={Hex(v3.EncryptedPdu)}"),
        _ => message.ToString(),
    };

    private static string Describe(Pdu pdu)
    {
        var text = new StringBuilder();
        text.Append($"{pdu.Type} id={pdu.RequestId} status={pdu.ErrorStatus} index={pdu.ErrorIndex}");
        if (pdu.TrapV1 is { } v1)
            text.Append($" v1(enterprise={v1.Enterprise} agent={Hex(v1.AgentAddress)} generic={v1.GenericTrap} specific={v1.SpecificTrap} time={v1.TimeStamp})");
        foreach (var vb in pdu.VarBinds)
            text.Append($" [{vb}]");
        return text.ToString();
    }

    private static string Hex(ReadOnlyMemory<byte> bytes) => Convert.ToHexStringLower(bytes.Span);
}
