namespace TrapActors.Snmp.Messages;

/// <summary>PDU kinds by their context-specific constructed BER tag (RFC 1157, RFC 3416).</summary>
public enum PduType : byte
{
    /// <summary>GetRequest-PDU [0] (RFC 3416 §4.2.1).</summary>
    GetRequest = 0xA0,
    /// <summary>GetNextRequest-PDU [1] (RFC 3416 §4.2.2).</summary>
    GetNextRequest = 0xA1,
    /// <summary>Response-PDU [2]: the answer to a request and to an InformRequest (RFC 3416 §4.2.4).</summary>
    Response = 0xA2,
    /// <summary>SetRequest-PDU [3] (RFC 3416 §4.2.5).</summary>
    SetRequest = 0xA3,
    /// <summary>The SNMPv1 Trap-PDU [4] (RFC 1157 §4.1.6); SNMPv1 messages only.</summary>
    TrapV1 = 0xA4,
    /// <summary>GetBulkRequest-PDU [5] (RFC 3416 §4.2.3); not in SNMPv1.</summary>
    GetBulkRequest = 0xA5,
    /// <summary>InformRequest-PDU [6]: a confirmed notification that the receiver answers with a Response (RFC 3416 §4.2.7).</summary>
    InformRequest = 0xA6,
    /// <summary>SNMPv2-Trap-PDU [7]: an unconfirmed notification (RFC 3416 §4.2.6).</summary>
    TrapV2 = 0xA7,
    /// <summary>Report-PDU [8]: SNMPv3 error reports, e.g. usmStatsUnknownEngineIDs for engine discovery (RFC 3412 §7.1).</summary>
    Report = 0xA8,
}
