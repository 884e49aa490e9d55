namespace TrapActors.TestKit;

/// <summary>Deliberate mistakes a <see cref="NotificationOriginator"/> makes, to test how a receiver handles bad input.</summary>
[Flags]
public enum OriginatorFaults
{
    /// <summary>A correct message.</summary>
    None = 0,

    /// <summary>SNMPv3 with authentication: the HMAC is computed and then one of its bytes flipped (usmStatsWrongDigests).</summary>
    WrongDigest = 1,

    /// <summary>SNMPv3: msgUserName is replaced by a name no receiver knows, the keys staying the user's (usmStatsUnknownUserNames).</summary>
    UnknownUser = 2,

    /// <summary>
    /// SNMPv3 with authentication: an inform carries a time 1000 s ahead of the receiver's engine and is not resynchronised
    /// on the resulting usmStatsNotInTimeWindows Report; a trap carries the originator's engine boots minus one, which a
    /// receiver that has seen a trap from this engine refuses (RFC 3414 §3.2 step 7b).
    /// </summary>
    StaleEngineTime = 4,

    /// <summary>The encoded message loses its last byte, so its outer length no longer matches (a BER decoding error).</summary>
    MalformedBytes = 8,
}
