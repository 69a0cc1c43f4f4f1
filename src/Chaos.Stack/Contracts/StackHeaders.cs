namespace Chaos.Stack.Contracts;

/// <summary>Headers the stack adds to its answers.</summary>
public static class StackHeaders
{
    /// <summary>The inference replica that produced the answer; the gateway passes it back.</summary>
    public const string Replica = "X-Chaos-Replica";

    /// <summary>How many attempts the gateway made for the answer.</summary>
    public const string Attempts = "X-Chaos-Attempts";

    /// <summary>The region whose gateway answered; a front door passes it back.</summary>
    public const string Region = "X-Chaos-Region";
}
