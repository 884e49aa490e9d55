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
}

/// <summary>No bound: for callers that ask the processor directly (tests).</summary>
internal sealed class UnboundedPolicyWaits : IPolicyWaitGate
{
    public static readonly UnboundedPolicyWaits Instance = new();

    public bool TryEnter() => true;

    public void Exit()
    {
    }
}
