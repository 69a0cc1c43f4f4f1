using Chaos.Scenarios;

namespace Chaos.GameDay;

/// <summary>The scenario a game day runs: the stack, a steady load for at most the session's length, no timeline (faults come by hand).</summary>
public static class GameDayScenario
{
    public static Scenario Create(GameDayOptions options, Runbook? runbook) => new()
    {
        Name = runbook is null ? "gameday" : $"gameday: {runbook.Name}",
        Description = runbook?.Description is { Length: > 0 } d ? d : "A game day: faults injected by hand under a steady load.",
        Seed = options.Seed,
        Stack = new StackSpec { Variant = options.Variant, Replicas = options.Replicas, Regions = options.Regions, Pipeline = options.Pipeline },
        Load = new LoadSpec
        {
            RatePerSecond = options.RatePerSecond,
            Duration = options.MaxDuration,
            Warmup = TimeSpan.FromSeconds(3),
            MaxInFlight = 256,
            Timeout = TimeSpan.FromSeconds(2),
        },
        SteadyState = [new ProbeSpec { Path = "/v2/health/ready", Expect = 200 }],
        Slos = new SloSpec
        {
            Availability = new Threshold(Comparison.AtLeast, options.AvailabilityTarget),
            Latency = new LatencySlo(options.LatencyThreshold, new Threshold(Comparison.AtLeast, options.LatencyFraction)),
            ErrorBudgetBurn = new Threshold(Comparison.AtMost, 1),
        },
    };
}
