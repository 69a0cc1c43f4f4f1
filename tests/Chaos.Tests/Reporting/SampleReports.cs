using Chaos.Reporting;
using Chaos.Slo;
using Chaos.Tests.Slo;

namespace Chaos.Tests.Reporting;

internal static class SampleReports
{
    public static readonly DateTimeOffset Start = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);

    public static RunReport Failed(string scenarioName = "replica-kill") => new()
    {
        RunId = "20250102-030405-abcd",
        ScenarioName = scenarioName,
        Variant = "full",
        Seed = 42,
        StartedAt = Start,
        FinishedAt = Start.AddSeconds(75.5),
        Outcome = RunOutcome.Inconclusive,
        Reason = "no data for: timeToRecover",
        Slos =
        [
            new SloResult("availability", ">= 99.5%", 0.982, -0.013, SloStatus.Failed, SloDefinitions.FractionUnit, SloDefinitions.AvailabilityDefinition, 4000),
            new SloResult("latency", ">= 99% within 250ms", 0.995, 0.005, SloStatus.Passed, SloDefinitions.FractionUnit, SloDefinitions.LatencyDefinition, 3900)
            {
                Percentiles = new LatencyPercentiles(12.5, 80, 240),
            },
            new SloResult("timeToRecover", "<= 10s", null, null, SloStatus.NoData, SloDefinitions.SecondsUnit, SloDefinitions.TimeToRecoverDefinition, 0)
            {
                Message = "no fault was injected",
            },
        ],
        Load = LoadSummary.From(Loads.Seconds(40, s => s is >= 15 and < 20 ? 30 : 0) with { MeasuredStartSeconds = 20 }),
        Events =
        [
            Event(0, RunEvent.Types.RunStarted, ("seed", 42)),
            Event(35, RunEvent.Types.FaultInjected, ("kind", "container.kill"), ("target", "inference-1")),
            Event(35.4, RunEvent.Types.FaultVerified, ("kind", "container.kill")),
            Event(41, RunEvent.Types.FaultReverted, ("kind", "container.kill")),
            Event(75, RunEvent.Types.RunFinished, ("outcome", "inconclusive")),
        ],
        Environment = new RunEnvironment("ci-runner", ".NET 10.0.0", "CPUExecutionProvider"),
    };

    public static RunEvent Event(double seconds, string type, params (string Key, object? Value)[] data) =>
        new(Start.AddSeconds(seconds), seconds, type, data.ToDictionary(d => d.Key, d => d.Value));

    public static string TempDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "chaos-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }
}
