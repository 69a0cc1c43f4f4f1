using System.Globalization;
using Chaos.Faults.ResourcePressure;

namespace Chaos.Faults.ResourceCpu;

/// <summary>
/// <c>resource.cpu</c>: keeps <c>cores</c> cores busy inside each target (a noisy neighbour), through the stack executable's
/// <c>stress</c> role started with docker exec. Verified when the container's CPU use since the injection exceeds its use
/// before by a quarter of the burned cores; reverted by killing the stress process.
/// </summary>
public sealed class ResourceCpuFault : IFault
{
    public const string Name = "resource.cpu";

    public string Kind => Name;

    public string Description =>
        "Busy-loops cores cores inside the targets (stress role via docker exec, bounded); verified by container CPU stats; reverted by killing the process. Options: cores (default 1), duration.";

    public Task<FaultInjection> InjectAsync(FaultContext context, CancellationToken cancellationToken)
    {
        var cores = context.Spec?.Cores ?? 1;
        // On a shared machine a burner gets less than a whole core: a quarter of each is the evidence asked for.
        var wanted = 0.25 * cores;
        return StressInjection.InjectAsync(context, Name, ["--cpu", cores.ToString(CultureInfo.InvariantCulture)],
            (before, now) => CoresUsed(before, now, context.Time) >= wanted,
            (before, now) => $"{CoresUsed(before, now, context.Time):0.00} cores used since the injection, {wanted:0.00} wanted",
            cancellationToken);
    }

    // Average cores used between the two samples. The sample before the injection is the baseline of the whole stretch,
    // so the stack's own work counts too; the burner is what lifts it past the bar.
    private static double CoresUsed(StressInjection.Usage before, StressInjection.Usage now, TimeProvider time)
    {
        var seconds = time.GetElapsedTime(before.Timestamp, now.Timestamp).TotalSeconds;
        return seconds <= 0.2 ? 0 : (now.CpuNanoseconds - before.CpuNanoseconds) / 1e9 / seconds;
    }
}
