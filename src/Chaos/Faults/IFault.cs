namespace Chaos.Faults;

/// <summary>A fault kind of the catalogue: injects itself into the run's own resources and proves it took effect.</summary>
public interface IFault
{
    /// <summary>The name used in scenarios, e.g. <c>container.kill</c>.</summary>
    string Kind { get; }

    /// <summary>One sentence for <c>chaos faults</c>: what happens, how it is verified, how it is reverted.</summary>
    string Description { get; }

    /// <summary>Injects the fault and observes its effect; the returned injection reverts it.</summary>
    Task<FaultInjection> InjectAsync(FaultContext context, CancellationToken cancellationToken);
}
