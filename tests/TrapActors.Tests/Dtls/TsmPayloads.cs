namespace TrapActors.Tests.Dtls;

/// <summary>SNMP messages as net-snmp sends them inside DTLS, for peers that are not net-snmp (openssl s_client).</summary>
public static class TsmPayloads
{
    /// <summary>
    /// The plaintext snmptrap 5.9.3 sent over DTLS (captured through openssl s_server): SNMPv3, msgFlags authPriv (0x03),
    /// msgSecurityModel 4 (TSM), msgSecurityParameters an empty OCTET STRING, a plaintext scopedPDU with net-snmp's engine ID
    /// as contextEngineID, and an SNMPv2-Trap: sysUpTime.0, snmpTrapOID.0 = coldStart, sysName.0 = "hello".
    /// </summary>
    public static readonly byte[] NetSnmpTrap = Convert.FromHexString(
        "307c0201033011020475599d50020300ffe304010302010404003062041180001f88809060c851d06f096b000000000400a74b020428bd88d4" +
        "020100020100303d300f06082b060102010103004303119c183017060a2b06010603010104010006092b0601060301010501301106082b06010201010500040568656c6c6f");

    public const string NetSnmpTrapOid = "1.3.6.1.6.3.1.1.5.1";
}
