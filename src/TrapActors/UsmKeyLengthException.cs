namespace TrapActors;

/// <summary>
/// A <see cref="UsmUser"/> was given a master key (Ku) or a localized key (Kul) whose length does not fit its protocols:
/// error <see cref="TrapReceiverErrorCodes.IncorrectKeyLength"/> (329). Thrown when the user is made, so a user of the
/// wrong key length never reaches the receiver. The message names the user and the length expected, never the key.
/// </summary>
public sealed class UsmKeyLengthException : ArgumentException
{
    internal UsmKeyLengthException(string userName, string message, string paramName)
        : base(message, paramName) => UserName = userName;

    /// <summary>The user whose key was refused.</summary>
    public string UserName { get; }

    /// <summary><see cref="TrapReceiverErrorCodes.IncorrectKeyLength"/>.</summary>
    public int ErrorCode => TrapReceiverErrorCodes.IncorrectKeyLength;
}
