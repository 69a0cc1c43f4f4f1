using Chaos.Load;

namespace Chaos.Faults.RequestCorrupt;

/// <summary>
/// <c>request.corrupt</c>: a share of the load's requests goes to the front door malformed (broken JSON, a wrong shape, a
/// non-number, an unknown input). The stack should refuse them with 4xx; those answers are counted apart
/// (<see cref="Outcome.Rejected"/>), so the availability of the good requests stays meaningful. Verified when the stack
/// answered corrupt requests; reverted by sending good requests only again.
/// </summary>
public sealed class RequestCorruptFault : IFault
{
    public const string Name = "request.corrupt";
    private static readonly TimeSpan VerifyWithin = TimeSpan.FromSeconds(10);

    public string Kind => Name;

    public string Description =>
        "Sends rate of the load's requests malformed to the front door; 4xx answers to them are counted apart (rejected), not against availability; verified by the answers counted; reverted by sending good requests only. Options: rate, duration. Target: { role: gateway }.";

    public async Task<FaultInjection> InjectAsync(FaultContext context, CancellationToken cancellationToken)
    {
        var corruption = context.Corruption ?? throw new FaultTargetException($"{Name} needs the run's load (it corrupts the load's own requests)");
        var rate = context.Spec?.Rate ?? throw new FaultTargetException($"{Name} needs a rate");
        if (rate is <= 0 or > 1)
        {
            throw new FaultTargetException($"{Name} needs a rate above 0% and at most 100%, got {rate:P1}");
        }
        var targets = context.ResolveTargetsOf("gateway", Name, "corrupts the requests the load sends to the front door");
        var answeredBefore = corruption.Rejected + corruption.Accepted;
        corruption.Rate = rate;
        var verified = await context.ObserveAsync(() => Task.FromResult(corruption.Rejected + corruption.Accepted > answeredBefore), VerifyWithin, cancellationToken);
        return new FaultInjection(Name, targets.Select(t => t.Alias).ToList(), verified,
            verified
                ? $"the stack answered corrupt requests: {corruption.Rejected} rejected (4xx), {corruption.Accepted} accepted (2xx: validation let them through), {corruption.Other} otherwise, of {corruption.Sent}"
                : $"no corrupt request was answered within {VerifyWithin.TotalSeconds:0} s ({corruption.Sent} sent)",
            _ =>
            {
                corruption.Rate = 0;
                return Task.FromResult(corruption.Rate == 0);
            });
    }
}
