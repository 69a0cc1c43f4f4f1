using Chaos.Stack.Ml;

namespace Chaos.Faults.DataDrift;

/// <summary>
/// <c>data.drift</c>: the applicants behind the load's requests change population: debt_ratio and log-income move by
/// <c>shift</c> standard deviations (covariate shift; the ground truth P(y|x) stays). Nothing fails; only a drift monitor can
/// notice. Verified when drifted requests went out; reverted by sending from the base population again.
/// </summary>
public sealed class DataDriftFault : IFault
{
    public const string Name = "data.drift";
    private static readonly TimeSpan VerifyWithin = TimeSpan.FromSeconds(10);

    public string Kind => Name;

    public string Description =>
        "Moves the load's applicants to a shifted population (debt_ratio and log-income by shift standard deviations; labels follow the same ground truth); verified by drifted requests sent; reverted by sending the base population. Options: shift, duration. Target: { role: gateway }.";

    public async Task<FaultInjection> InjectAsync(FaultContext context, CancellationToken cancellationToken)
    {
        var drift = context.Drift ?? throw new FaultTargetException($"{Name} needs the run's load (it changes the population the load draws from)");
        var shift = context.Spec?.Shift ?? throw new FaultTargetException($"{Name} needs a shift (standard deviations)");
        var targets = context.ResolveTargetsOf("gateway", Name, "changes the traffic the load sends to the front door");
        var before = drift.DriftedSent;
        drift.Set(new CreditDrift(CovariateShift: shift));
        var verified = await context.ObserveAsync(() => Task.FromResult(drift.DriftedSent > before), VerifyWithin, cancellationToken);
        return new FaultInjection(Name, targets.Select(t => t.Alias).ToList(), verified,
            verified
                ? $"requests from the shifted population went out (covariate shift {shift:0.###} sd of debt_ratio and log-income)"
                : $"no drifted request went out within {VerifyWithin.TotalSeconds:0} s",
            _ =>
            {
                drift.Set(CreditDrift.None);
                return Task.FromResult(drift.Current.IsNone);
            });
    }
}
