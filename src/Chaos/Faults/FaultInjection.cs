namespace Chaos.Faults;

/// <summary>A fault in effect: who was hit, whether the effect was observed, and how to undo it.</summary>
public sealed class FaultInjection
{
    private readonly Func<CancellationToken, Task<bool>> _revert;

    public FaultInjection(string kind, IReadOnlyList<string> targets, bool verified, string observation, Func<CancellationToken, Task<bool>> revert)
    {
        Kind = kind;
        Targets = targets;
        Verified = verified;
        Observation = observation;
        _revert = revert;
    }

    public string Kind { get; }
    public IReadOnlyList<string> Targets { get; }
    /// <summary>True only when the effect was observed (e.g. the engine reports the container stopped), not assumed.</summary>
    public bool Verified { get; }
    public string Observation { get; }

    /// <summary>How long after the injection began the fault took effect (region.loss publishes versions first); zero for most.</summary>
    public TimeSpan EffectDelay { get; init; }

    /// <summary>How long its revert may take before it is given up as not confirmed; most faults undo in seconds.</summary>
    public TimeSpan RevertBudget { get; init; } = DefaultRevertBudget;

    public static readonly TimeSpan DefaultRevertBudget = TimeSpan.FromSeconds(30);

    /// <summary>Undoes the fault where it can be undone; true when the revert was confirmed.</summary>
    public Task<bool> RevertAsync(CancellationToken cancellationToken) => _revert(cancellationToken);
}
