using System.Text.Json;
using Chaos.Reporting;
using Chaos.Scenarios;
using Chaos.Slo;

namespace Chaos.Engine;

/// <summary>
/// Runs a set of scenarios, each repeated, one run at a time, and writes one JUnit file, one summary and
/// <c>gate.json</c> for all of them into <c>reports/gate-&lt;id&gt;/</c> (each run's own folder sits beside them).
/// </summary>
public sealed class GateRunner
{
    private readonly TimeProvider _time;

    public GateRunner(TimeProvider time) => _time = time;

    /// <summary>Seconds a gate is expected to take: load plus warm-up plus a fixed bring-up and teardown allowance per run.</summary>
    public static TimeSpan Budget(IReadOnlyList<Scenario> scenarios, int? repeat) => TimeSpan.FromSeconds(
        scenarios.Sum(s => (repeat ?? s.Repeat) * ((s.Load.Warmup + s.Load.Duration).TotalSeconds + 15)));

    public async Task<GateResult> RunAsync(IReadOnlyList<Scenario> scenarios, GateOptions options, CancellationToken cancellationToken)
    {
        var start = _time.GetTimestamp();
        var limitFrom = options.StartedAt ?? start;
        var gateId = $"gate-{RunIds.New(_time)}";
        var directory = Path.GetFullPath(Path.Combine(options.ReportsRoot, gateId));
        Directory.CreateDirectory(directory);
        var runner = new ScenarioRunner(_time);
        var runs = new List<RunReport>();
        var results = new List<GateScenarioResult>();
        var total = scenarios.Sum(s => options.Repeat ?? s.Repeat);
        var done = 0;
        var outOfTime = false;
        foreach (var scenario in scenarios)
        {
            var repeat = options.Repeat ?? scenario.Repeat;
            var scenarioRuns = new List<RunSummary>();
            for (var i = 0; i < repeat && !cancellationToken.IsCancellationRequested; i++)
            {
                if (options.TimeLimit is { } limit && _time.GetElapsedTime(limitFrom) >= limit)
                {
                    outOfTime = true;
                    options.Progress?.Report($"== time limit of {limit.TotalMinutes:F0} min reached: {scenario.Name} ({i + 1}/{repeat}) and later runs not started");
                    break;
                }
                done++;
                options.Progress?.Report($"== {scenario.Name} ({i + 1}/{repeat}), run {done} of {total}");
                var seed = (options.Seed ?? scenario.Seed) is { } baseSeed ? unchecked(baseSeed + i) : (int?)null;
                var summary = await runner.RunAsync(scenario, new RunOptions
                {
                    ReportsRoot = directory,
                    Variant = options.Variant,
                    Seed = seed,
                    Image = options.Image,
                    Progress = options.Progress,
                    Status = options.Status,
                }, cancellationToken);
                scenarioRuns.Add(summary);
                runs.Add(summary.Report);
                options.Progress?.Report($"== {scenario.Name} ({i + 1}/{repeat}): {ReportFormatOutcome(summary.Report.Outcome)}");
            }
            var repeatSummary = RepeatSummary.From(scenarioRuns.Select(r => new ScoredRun(r.Report.Outcome, r.Report.Slos)).ToList());
            results.Add(new GateScenarioResult(scenario.Name, scenarioRuns.FirstOrDefault()?.Report.Variant ?? options.Variant ?? scenario.Stack.Variant,
                repeatSummary, scenarioRuns.Select(r => r.Report.RunId).ToList()));
        }
        var score = ResilienceScore.Compute(runs.SelectMany(r => r.Slos), options.Weights);
        var exitCode = ExitCodeOf(runs, cancellationToken.IsCancellationRequested || outOfTime);
        var result = new GateResult(gateId, directory, runs, results, score, _time.GetElapsedTime(start), exitCode);
        await WriteAsync(result, options.Weights, options.GithubStepSummary, CancellationToken.None);
        return result;
    }

    // Any failed run fails the gate; otherwise any run without a verdict makes the gate say nothing (3).
    private static int ExitCodeOf(List<RunReport> runs, bool cancelled)
    {
        if (runs.Any(r => r.Outcome == RunOutcome.Failed))
        {
            return ExitCodes.Failed;
        }
        return cancelled || runs.Count == 0 || runs.Any(r => r.Outcome != RunOutcome.Passed) ? ExitCodes.NoVerdict : ExitCodes.Passed;
    }

    private static async Task WriteAsync(
        GateResult result, IReadOnlyDictionary<string, double>? weights, string? githubStepSummary, CancellationToken cancellationToken)
    {
        await using (var junit = File.Create(Path.Combine(result.Directory, JUnitWriter.FileName)))
        {
            await JUnitWriter.Build(result.Runs).SaveAsync(junit, System.Xml.Linq.SaveOptions.None, cancellationToken);
        }
        await File.WriteAllTextAsync(Path.Combine(result.Directory, HtmlReportWriter.FileName), HtmlGateReportWriter.Render(result.Runs, weights: weights), cancellationToken);
        var markdown = GateSummaryWriter.Render(result.Scenarios.Select(s => (s.Scenario, s.Variant, s.Summary)).ToList(), result.Score, result.Runs);
        await File.WriteAllTextAsync(Path.Combine(result.Directory, "summary.md"), markdown, cancellationToken);
        if (!string.IsNullOrEmpty(githubStepSummary))
        {
            await File.AppendAllTextAsync(githubStepSummary, markdown + Environment.NewLine, cancellationToken);
        }
        var json = JsonSerializer.Serialize(new
        {
            result.GateId,
            wallTimeSeconds = Math.Round(result.WallTime.TotalSeconds, 1),
            result.ExitCode,
            score = result.Score,
            scenarios = result.Scenarios,
        }, GateJson.Options);
        await File.WriteAllTextAsync(Path.Combine(result.Directory, "gate.json"), json, cancellationToken);
    }

    private static string ReportFormatOutcome(RunOutcome outcome) => JsonNamingPolicy.KebabCaseLower.ConvertName(outcome.ToString());
}
