using TrapActors.Snmp.Messages;

namespace TrapActors.Security;

/// <summary>What answers one InformRequest: its Response, encoded for the message's own security model.</summary>
internal abstract record InformReply
{
    public abstract byte[] Encode(int errorStatus, int errorIndex, int maxSize);
}

internal sealed record CommunityInformReply(CommunityMessage Request) : InformReply
{
    public override byte[] Encode(int errorStatus, int errorIndex, int maxSize) =>
        Sessions.InformResponder.Encode(Request, errorStatus, errorIndex, maxSize);
}

internal sealed record UsmInformReply(V3Message Request, UsmAccepted Accepted, UsmRuntime Usm) : InformReply
{
    public override byte[] Encode(int errorStatus, int errorIndex, int maxSize) =>
        UsmResponder.Encode(Request, Accepted, errorStatus, errorIndex, maxSize, Usm.Local, Usm.NowMs);
}

internal sealed record TsmInformReply(V3Message Request, ScopedPdu Scoped) : InformReply
{
    public override byte[] Encode(int errorStatus, int errorIndex, int maxSize) =>
        Sessions.TsmResponder.InformResponse(Request, Scoped, errorStatus, errorIndex, maxSize);
}
