namespace TrapActors.Snmp;

/// <summary>
/// The error-status field of a Response-PDU (RFC 3416 §3). SNMPv1 uses values 0 to 5 only; a Response to an
/// InformRequest normally carries <see cref="NoError"/>, or <see cref="TooBig"/> when it would not fit.
/// </summary>
public enum SnmpErrorStatus
{
    /// <summary>noError(0): the request was processed.</summary>
    NoError = 0,

    /// <summary>tooBig(1): the Response would exceed a local limit or the requester's maximum message size.</summary>
    TooBig = 1,

    /// <summary>noSuchName(2): SNMPv1 only, a variable does not exist.</summary>
    NoSuchName = 2,

    /// <summary>badValue(3): SNMPv1 only, a value is wrong for its variable.</summary>
    BadValue = 3,

    /// <summary>readOnly(4): SNMPv1 only, never sent by a conforming agent (RFC 3584 §4.4).</summary>
    ReadOnly = 4,

    /// <summary>genErr(5): the request failed for a reason no other value names.</summary>
    GenErr = 5,

    /// <summary>noAccess(6): the variable is not accessible for this operation.</summary>
    NoAccess = 6,

    /// <summary>wrongType(7): the value's type is wrong for the variable.</summary>
    WrongType = 7,

    /// <summary>wrongLength(8): the value's length is wrong for the variable.</summary>
    WrongLength = 8,

    /// <summary>wrongEncoding(9): the value's encoding is inconsistent.</summary>
    WrongEncoding = 9,

    /// <summary>wrongValue(10): the value can never be assigned to the variable.</summary>
    WrongValue = 10,

    /// <summary>noCreation(11): the variable does not exist and cannot be created.</summary>
    NoCreation = 11,

    /// <summary>inconsistentValue(12): the value cannot be assigned now.</summary>
    InconsistentValue = 12,

    /// <summary>resourceUnavailable(13): a resource needed for the assignment is not available.</summary>
    ResourceUnavailable = 13,

    /// <summary>commitFailed(14): the assignment failed and every change was undone.</summary>
    CommitFailed = 14,

    /// <summary>undoFailed(15): the assignment failed and not every change could be undone.</summary>
    UndoFailed = 15,

    /// <summary>authorizationError(16): access control refused the request.</summary>
    AuthorizationError = 16,

    /// <summary>notWritable(17): the variable cannot be written or created.</summary>
    NotWritable = 17,

    /// <summary>inconsistentName(18): the variable does not exist and cannot be created now.</summary>
    InconsistentName = 18,
}
