using Chaos.Targets;

namespace Chaos.Scenarios;

/// <summary>The stack variants a scenario may ask for, as <see cref="StackVariant.All"/> defines them.</summary>
public static class KnownVariants
{
    public const string Full = "full";
    public const string SingleReplicaNoRetry = "single-replica-no-retry";

    public static readonly IReadOnlySet<string> All = new SortedSet<string>(StackVariant.All.Keys, StringComparer.Ordinal);

    /// <summary>The rows of the gate-fidelity matrix: variants that switch exactly one practice off.</summary>
    public static readonly IReadOnlySet<string> SinglePractice = new SortedSet<string>(StackVariant.SinglePractice.Select(v => v.Name), StringComparer.Ordinal);
}
