using Chaos.Stack.Ml;

namespace Chaos.Faults.DataDrift;

/// <summary>
/// <c>data.drift</c>: the applicants behind the load's requests change population, by <c>mode</c>:
/// <c>covariate</c> (the default): debt_ratio and log-income move by <c>shift</c> standard deviations, the ground truth P(y|x)
/// stays; <c>concept</c>: the ground truth changes (two of its coefficients by the factor <c>shift</c>), the inputs stay;
/// <c>label</c>: the odds of default multiply by 1 + <c>shift</c> (class-conditional resampling; P(x|y) stays). Sudden, or with
/// <c>ramp</c> growing linearly to full strength over that long (in <see cref="RampSteps"/> steps). Nothing fails; only a drift
/// monitor or live quality can notice. Verified when drifted requests went out; reverted by sending from the base population.
/// </summary>
public sealed class DataDriftFault : IFault
{
    public const string Name = "data.drift";

    /// <summary>Steps of a gradual drift: strength 1/steps, 2/steps, ... 1, evenly over the ramp.</summary>
    public const int RampSteps = 10;

    private static readonly TimeSpan VerifyWithin = TimeSpan.FromSeconds(10);

    public string Kind => Name;

    public string Description =>
        "Moves the load's applicants to another population: mode covariate (default; debt_ratio and log-income by shift standard deviations, same ground truth), concept (the ground truth's coefficients change by the factor shift, same inputs) or label (the odds of default times 1 + shift); sudden, or gradual over ramp; verified by drifted requests sent; reverted by sending the base population. Options: shift, mode, ramp, duration. Target: { role: gateway }.";

    /// <summary>The population of <paramref name="mode"/> at <paramref name="strength"/> (0..1] of <paramref name="shift"/>.</summary>
    public static CreditDrift Population(string mode, double shift, double strength) => mode switch
    {
        "concept" => new CreditDrift(ConceptDrift: shift * strength),
        "label" => new CreditDrift(LabelShiftOdds: 1 + shift * strength),
        _ => new CreditDrift(CovariateShift: shift * strength),
    };

    public async Task<FaultInjection> InjectAsync(FaultContext context, CancellationToken cancellationToken)
    {
        var drift = context.Drift ?? throw new FaultTargetException($"{Name} needs the run's load (it changes the population the load draws from)");
        var shift = context.Spec?.Shift ?? throw new FaultTargetException($"{Name} needs a shift (standard deviations)");
        var mode = context.Spec?.Mode ?? "covariate";
        var ramp = context.Spec?.Ramp;
        var targets = context.ResolveTargetsOf("gateway", Name, "changes the traffic the load sends to the front door");
        var before = drift.DriftedSent;
        // A gradual drift grows in the background until full strength or its revert, whichever comes first.
        var stop = new CancellationTokenSource();
        drift.Set(Population(mode, shift, ramp is null ? 1 : 1.0 / RampSteps));
        var grow = ramp is { } over ? GrowAsync(context, drift, mode, shift, over, stop.Token) : Task.CompletedTask;

        var verified = await context.ObserveAsync(() => Task.FromResult(drift.DriftedSent > before), VerifyWithin, cancellationToken);
        var what = mode switch
        {
            "concept" => $"concept drift: the ground truth's coefficients changed by {shift:0.###}",
            "label" => $"label shift: odds of default x{1 + shift:0.###}",
            _ => $"covariate shift {shift:0.###} sd of debt_ratio and log-income",
        };
        var onset = ramp is { } r ? $", growing to full strength over {r.TotalSeconds:0.###} s" : "";
        return new FaultInjection(Name, targets.Select(t => t.Alias).ToList(), verified,
            verified
                ? $"requests from the drifted population went out ({what}{onset})"
                : $"no drifted request went out within {VerifyWithin.TotalSeconds:0} s",
            async _ =>
            {
                await stop.CancelAsync();
                await Quietly(grow);
                stop.Dispose();
                drift.Set(CreditDrift.None);
                return drift.Current.IsNone;
            });
    }

    // Strength 2/steps ... 1, one step every ramp/steps, until full or stopped.
    private static async Task GrowAsync(FaultContext context, Load.DriftSwitch drift, string mode, double shift, TimeSpan ramp, CancellationToken stop)
    {
        for (var step = 2; step <= RampSteps; step++)
        {
            await Task.Delay(ramp / RampSteps, context.Time, stop);
            drift.Set(Population(mode, shift, step / (double)RampSteps));
        }
    }

    private static async Task Quietly(Task task)
    {
        try
        {
            await task;
        }
        catch (OperationCanceledException)
        {
        }
    }
}
