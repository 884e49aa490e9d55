using System.Net;
using System.Security.Cryptography;

namespace TrapActors.TestKit;

/// <summary>Settings of a <see cref="NotificationOriginator"/>; the defaults suit a test on a loaded machine.</summary>
public sealed record OriginatorOptions
{
    /// <summary>The originator's own snmpEngineID, authoritative for its SNMPv3 traps; default a random RFC 3411 engine ID (enterprise 8072, octets format).</summary>
    public ReadOnlyMemory<byte> EngineId { get; init; } = NewEngineId();

    /// <summary>The originator's snmpEngineBoots, carried by its SNMPv3 traps (its engine time counts from the originator's creation).</summary>
    public int EngineBoots { get; init; } = 5;

    /// <summary>How long an inform (and each discovery step) waits for an answer before it is sent again.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How many times an unanswered inform is sent again.</summary>
    public int Retries { get; init; } = 1;

    /// <summary>agent-addr of SNMPv1 traps.</summary>
    public IPAddress AgentAddress { get; init; } = IPAddress.Loopback;

    /// <summary>contextName of SNMPv3 scoped PDUs (default the empty, default context).</summary>
    public string ContextName { get; init; } = "";

    /// <summary>0x80001F88 (enterprise 8072, RFC 3411 format), 0x05 (octets), eight random bytes.</summary>
    public static byte[] NewEngineId() => [0x80, 0x00, 0x1F, 0x88, 0x05, .. RandomNumberGenerator.GetBytes(8)];
}
