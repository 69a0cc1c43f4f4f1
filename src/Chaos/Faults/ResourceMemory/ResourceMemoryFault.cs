using System.Globalization;
using Chaos.Faults.ResourcePressure;

namespace Chaos.Faults.ResourceMemory;

/// <summary>
/// <c>resource.memory</c>: allocates and touches <c>memory</c> megabytes inside each target, through the stack executable's
/// <c>stress</c> role started with docker exec. Verified when the container's memory use rose by half of it; reverted by
/// killing the stress process (its memory goes with it).
/// </summary>
public sealed class ResourceMemoryFault : IFault
{
    public const string Name = "resource.memory";

    public string Kind => Name;

    public string Description =>
        "Allocates and touches memory MB inside the targets (stress role via docker exec, bounded); verified by container memory stats; reverted by killing the process. Options: memory, duration.";

    public Task<FaultInjection> InjectAsync(FaultContext context, CancellationToken cancellationToken)
    {
        var megabytes = context.Spec?.MemoryMegabytes ?? throw new FaultTargetException($"{Name} needs memory (megabytes)");
        var wanted = megabytes / 2.0;
        return StressInjection.InjectAsync(context, Name, ["--memory", megabytes.ToString(CultureInfo.InvariantCulture)],
            pressure => pressure.AddedMegabytes >= wanted,
            pressure => $"memory +{pressure.AddedMegabytes:0} MB, {wanted:0} MB wanted",
            cancellationToken);
    }
}
