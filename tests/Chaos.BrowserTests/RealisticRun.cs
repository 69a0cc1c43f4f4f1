using Chaos.Load;
using Chaos.Reporting;
using Chaos.Scenarios;
using Chaos.Slo;

namespace Chaos.BrowserTests;

/// <summary>
/// A 10-minute run recorded the way the engine records one: outcomes into the generator's one-second intervals
/// (<see cref="LoadRecording"/>), the scenario's SLOs scored by <see cref="SloEvaluator"/> on that load, the journal's events
/// as the engine, the observers and the data side write them, and the report assembled as <c>ScenarioRunner</c> does.
/// Seeded: the same seed gives the same run.
/// </summary>
internal static class RealisticRun
{
    public const int MeasuredSeconds = 600;
    public const double MeasuredStart = 20;
    public static readonly DateTimeOffset Start = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private const string Yaml = """
        name: replica-kill-long
        description: One of two inference replicas is killed under a ten-minute open-model load.
        seed: 7
        stack: { variant: full, replicas: 2 }
        load: { rate: 100/s, duration: 600s, warmup: 10s, maxInFlight: 256, timeout: 2s }
        faults:
          - at: 120s
            kind: container.kill
            target: { role: inference, pick: one }
        slos:
          availability: ">= 99.5%"
          latency: { threshold: 250ms, fraction: ">= 99%" }
          timeToRecover: "<= 30s"
          timeToDetect: "<= 10s"
          errorBudgetBurn: "<= 1"
          predictionQuality: { metric: accuracy, target: ">= 0.75" }
        """;

    /// <param name="seed">Seeds every random draw.</param>
    /// <param name="partition">Whether the run also had a network partition of inference-2 (seconds 420-450), with its errors and breaker.</param>
    public static RunReport Build(int seed, bool partition = true)
    {
        var scenario = ScenarioLoader.Parse(Yaml, "replica-kill-long.yaml").Scenario
            ?? throw new InvalidOperationException("the test scenario does not parse");
        var random = new Random(seed);
        var recording = new LoadRecording(MeasuredSeconds);
        for (var second = 0; second < MeasuredSeconds; second++)
        {
            var interval = recording.Intervals[second];
            for (var i = 0; i < 100; i++)
            {
                var (outcome, micros) = Request(second, random, partition);
                LoadRecording.Record(interval, outcome, micros);
            }
        }
        var load = new LoadResult
        {
            TargetRatePerSecond = 100,
            AchievedRatePerSecond = 100.02,
            Intervals = recording.Intervals,
            SchedulingLagP99Micros = 3_900,
            MeasuredDuration = TimeSpan.FromSeconds(MeasuredSeconds),
            MeasuredStartSeconds = MeasuredStart,
        };
        var runId = $"20261125-120000-{seed:x6}";
        var events = Events(random, partition, runId);
        var signals = events.Where(e => e.Type == "stack.signal")
            .Select(e => new StackSignal(e.Seconds - MeasuredStart, (string)e.Data["kind"]!, (string)e.Data["source"]!)).ToList();
        var predictions = Enumerable.Range(0, 3000).Select(i =>
        {
            var label = random.NextDouble() < 0.3;
            var score = Math.Clamp((label ? 0.68 : 0.32) + ((random.NextDouble() - 0.5) * 0.7), 0, 1);
            return new LabelledPrediction(score, label, i % 3 == 0 ? "group-1" : "group-0");
        }).ToList();
        var faultStarts = events.Where(e => e.Type == RunEvent.Types.FaultInjected).Select(e => e.Seconds - MeasuredStart).Take(1).ToList();
        var slos = SloEvaluator.Evaluate(scenario, load, faultStarts, new RunObservations { Signals = signals, Predictions = predictions });
        var verdict = VerdictCalculator.Decide(slos, allFaultsVerified: true, cleanupSucceeded: true, runValid: RunValidity.Check(load).IsValid);
        return new RunReport
        {
            RunId = runId,
            ScenarioName = scenario.Name,
            Variant = "full",
            Seed = seed,
            StartedAt = Start,
            FinishedAt = Start.AddSeconds(MeasuredStart + MeasuredSeconds + 4),
            Outcome = verdict.Outcome,
            Reason = verdict.Reason,
            Slos = slos,
            Load = LoadSummary.From(load),
            Events = events,
            Environment = new RunEnvironment("ci-runner", ".NET 10.0.1", "CPUExecutionProvider") { HarnessVersion = "0.1.0-test", OperatingSystem = "Debian GNU/Linux 12 (X64)" },
        };
    }

    // Healthy: 5-40 ms. The kill at 120 s: 4 s of errors and slow retries. The partition: errors and slow answers until the breaker opens.
    private static (Outcome, long) Request(int second, Random random, bool partition)
    {
        var micros = (long)(5_000 + (random.NextDouble() * random.NextDouble() * 35_000));
        if (second is >= 120 and < 124)
        {
            return random.NextDouble() < 0.25 ? (Outcome.ServerError, 0) : (Outcome.Ok, micros + random.Next(50_000, 240_000));
        }
        if (partition && second is >= 420 and < 425)
        {
            return random.NextDouble() < 0.4 ? (Outcome.Timeout, 0) : (Outcome.Degraded, micros + random.Next(20_000, 90_000));
        }
        return random.NextDouble() < 0.0005 ? (Outcome.ConnectionError, 0) : (Outcome.Ok, micros);
    }

    private static List<RunEvent> Events(Random random, bool partition, string runId)
    {
        var events = new List<RunEvent>
        {
            Event(0, RunEvent.Types.RunStarted, ("scenario", "replica-kill-long"), ("seed", 7), ("image", "chaos-stack:0123456789abcdef")),
            Event(6.1, RunEvent.Types.StackUp, ("members", new[] { "gateway", "inference-1", "inference-2", "inference-simple", "controller" })),
            Event(6.3, RunEvent.Types.SteadyStateChecked, ("phase", "before"), ("held", true)),
            Event(6.4, RunEvent.Types.LoadStarted, ("rate", 100)),
            Event(MeasuredStart + 120, RunEvent.Types.FaultInjected, ("kind", "container.kill"), ("targets", new[] { "inference-1" })),
            Event(MeasuredStart + 120.01, "docker.kill", ("container", $"chaos-{runId}-inference-1"), ("role", "inference"), ("action", "kill")),
            Event(MeasuredStart + 120.2, "docker.die", ("container", $"chaos-{runId}-inference-1"), ("role", "inference"), ("action", "die")),
            Event(MeasuredStart + 120.2, RunEvent.Types.FaultVerified, ("kind", "container.kill"), ("verified", true)),
            Event(MeasuredStart + 120.9, "stack.signal", ("kind", "replica-unready"), ("source", "controller"), ("replica", "inference-1")),
            Event(MeasuredStart + 121.0, "observe.health", ("member", "inference-1"), ("role", "inference"), ("ready", false)),
            Event(MeasuredStart + 121.4, "docker.start", ("container", $"chaos-{runId}-inference-1"), ("role", "inference"), ("action", "start")),
            Event(MeasuredStart + 124.2, "observe.health", ("member", "inference-1"), ("role", "inference"), ("ready", true)),
            Event(MeasuredStart + 124.3, "stack.signal", ("kind", "replica-ready"), ("source", "controller"), ("replica", "inference-1")),
            Event(MeasuredStart + 600.1, RunEvent.Types.LoadFinished, ("intended", 60000)),
            Event(MeasuredStart + 600.2, RunEvent.Types.FaultReverted, ("kind", "container.kill"), ("confirmed", true)),
        };
        if (partition)
        {
            events.AddRange(
            [
                Event(MeasuredStart + 420, RunEvent.Types.FaultInjected, ("kind", "network.partition"), ("targets", new[] { "inference-2" })),
                Event(MeasuredStart + 422.5, "stack.signal", ("kind", "breaker-open"), ("source", "gateway"), ("replica", "inference-2")),
                Event(MeasuredStart + 450, RunEvent.Types.FaultReverted, ("kind", "network.partition"), ("confirmed", true)),
                Event(MeasuredStart + 455.5, "stack.signal", ("kind", "breaker-closed"), ("source", "gateway"), ("replica", "inference-2")),
            ]);
        }
        // The data side: drift checked every 10 s (input shift from 400 s on), a batch every 30 s, quality per 30 s window, a promotion.
        for (var second = 5; second < MeasuredSeconds; second += 10)
        {
            var shift = second < 400 ? 0 : (second - 400) / 200.0;
            events.Add(Event(MeasuredStart + second, DataModelEvents.DriftChecked, ("statistic", "psi"), ("feature", "income"),
                ("value", Math.Round(0.02 + (random.NextDouble() * 0.03) + (shift * 0.3), 4)), ("threshold", 0.2)));
            events.Add(Event(MeasuredStart + second, DataModelEvents.DriftChecked, ("statistic", "ks"), ("feature", "income"),
                ("value", Math.Round(0.03 + (random.NextDouble() * 0.02) + (shift * 0.12), 4)), ("threshold", 0.1)));
        }
        events.Add(Event(MeasuredStart + 480, "stack.signal", ("kind", "drift-alarm"), ("source", "pipeline"), ("replica", "")));
        for (var second = 15; second < MeasuredSeconds; second += 30)
        {
            var quarantined = random.Next(0, 12);
            events.Add(Event(MeasuredStart + second, DataModelEvents.PipelineBatch, ("accepted", 500 - quarantined), ("quarantined", quarantined), ("committed", 500 - quarantined)));
            events.Add(Event(MeasuredStart + second, DataModelEvents.QualityWindow, ("accuracy", Math.Round(0.81 - (second > 400 ? 0.05 : 0) + (random.NextDouble() * 0.02), 4)),
                ("auc", Math.Round(0.86 + (random.NextDouble() * 0.02), 4)), ("gap", Math.Round(0.03 + (random.NextDouble() * 0.02), 4)), ("count", 150)));
        }
        events.Add(Event(MeasuredStart + 0.5, DataModelEvents.ModelServed, ("version", "credit-v1"), ("replica", "inference-1"), ("alias", "champion")));
        events.Add(Event(MeasuredStart + 0.5, DataModelEvents.ModelServed, ("version", "credit-v1"), ("replica", "inference-2"), ("alias", "champion")));
        events.Add(Event(MeasuredStart + 540, DataModelEvents.ModelServed, ("version", "credit-v2"), ("replica", "inference-1"), ("alias", "champion")));
        events.Add(Event(MeasuredStart + 541, DataModelEvents.ModelServed, ("version", "credit-v2"), ("replica", "inference-2"), ("alias", "champion")));
        events.Add(Event(MeasuredStart + 603, RunEvent.Types.StackDown, ("leftovers", Array.Empty<string>())));
        return events.OrderBy(e => e.Seconds).ToList();
    }

    private static RunEvent Event(double seconds, string type, params (string Key, object? Value)[] data) =>
        new(Start.AddSeconds(seconds), Math.Round(seconds, 3), type, data.ToDictionary(d => d.Key, d => d.Value, StringComparer.Ordinal));
}
