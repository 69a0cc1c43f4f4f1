using System.Globalization;
using Chaos.Faults.ResourcePressure;

namespace Chaos.Faults.ResourceCpu;

/// <summary>
/// <c>resource.cpu</c>: keeps <c>cores</c> cores busy inside each target (a noisy neighbour), through the stack executable's
/// <c>stress</c> role started with docker exec. Verified when the container's CPU use since the injection exceeds its use
/// before by a quarter of the burned cores' fair share of the machine (CPUs / load average, at most 1) in a one-second window; reverted by killing the stress process.
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
        // A burner gets at most its fair share of a busy machine (CPUs / runnable threads): a quarter of that share per
        // burned core, above the container's own use before, is the evidence asked for.
        var share = FairShare();
        var wanted = 0.25 * cores * share;
        return StressInjection.InjectAsync(context, Name, ["--cpu", cores.ToString(CultureInfo.InvariantCulture)],
            pressure => pressure.AddedCores >= wanted,
            pressure => $"{pressure.AddedCores:0.000} cores above the baseline of {pressure.BaselineCores:0.000} in the last second, {wanted:0.000} wanted (fair share of a core {share:0.000})",
            cancellationToken);
    }

    // min(1, CPUs / one-minute load average) from /proc/loadavg; 1 where it cannot be read.
    private static double FairShare()
    {
        try
        {
            var first = File.ReadAllText("/proc/loadavg").Split(' ')[0];
            return double.TryParse(first, NumberStyles.Float, CultureInfo.InvariantCulture, out var load) && load > 0
                ? Math.Min(1, Environment.ProcessorCount / load)
                : 1;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return 1;
        }
    }
}
