namespace TrapActors.Security;

/// <summary>
/// Room for one more USM policy decision that may wait (usm.max-pending-policy-decisions-per-session and
/// usm.max-pending-policy-decisions). The processor enters before it asks a policy and exits at once when the policy
/// answered synchronously; a decision that waits keeps its place until its session exits it (answered, timed out, or
/// the session stopped).
/// </summary>
internal interface IPolicyWaitGate
{
    /// <summary>Takes a place, or false when none is free: the policy is not asked.</summary>
    bool TryEnter();

    /// <summary>Gives back a place taken by <see cref="TryEnter"/>.</summary>
    void Exit();

    /// <summary>
    /// Takes a place for a message waiting for its user's keys (decision 0038): only the receiver-wide budget bounds
    /// these, as a device's first burst after a restart all waits for the same derivation; false when none is free.
    /// </summary>
    bool TryEnterKeyWait();

    /// <summary>Gives back a place taken by <see cref="TryEnterKeyWait"/>.</summary>
    void ExitKeyWait();
}

/// <summary>No bound: for callers that ask the processor directly (tests).</summary>
internal sealed class UnboundedPolicyWaits : IPolicyWaitGate
{
    public static readonly UnboundedPolicyWaits Instance = new();

    public bool TryEnter() => true;

    public void Exit()
    {
    }

    public bool TryEnterKeyWait() => true;

    public void ExitKeyWait()
    {
    }
}
