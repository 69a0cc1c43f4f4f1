using Chaos.Load;

namespace Chaos.Faults.DataFeed;

/// <summary>
/// The data faults on the pipeline's label feed (<c>data.corrupt-batch</c>, <c>data.schema-change</c>, <c>data.stale</c>):
/// the run's feed sends bad rows while the fault lasts. Verified when the pipeline answered for a batch holding bad rows (the
/// bad data reached it, whatever it then did with them); reverted by sending good rows again.
/// </summary>
internal static class FeedFaultInjection
{
    private static readonly TimeSpan VerifyWithin = TimeSpan.FromSeconds(10);

    public static async Task<FaultInjection> InjectAsync(FaultContext context, string name, FeedFault fault, double rate, string what, CancellationToken cancellationToken)
    {
        var tampering = context.FeedTampering ?? throw new FaultTargetException($"{name} needs the run's pipeline feed (a scenario with load starts one)");
        var pipeline = context.ResolveTargetsOf("pipeline", name, "changes the rows the pipeline is fed")[0];
        var before = tampering.Delivered;
        tampering.Set(fault, rate);
        var verified = await context.ObserveAsync(() => Task.FromResult(tampering.Delivered > before), VerifyWithin, cancellationToken);
        return new FaultInjection(name, [pipeline.Alias], verified,
            verified
                ? $"{tampering.Delivered - before} bad rows ({what}) reached the pipeline"
                : $"no batch with bad rows ({what}) reached the pipeline within {VerifyWithin.TotalSeconds:0} s",
            _ =>
            {
                tampering.Set(FeedFault.None);
                return Task.FromResult(tampering.Fault == FeedFault.None);
            });
    }
}
