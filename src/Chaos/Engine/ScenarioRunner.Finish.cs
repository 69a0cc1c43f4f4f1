using Chaos.Observe;
using Chaos.Reporting;
using Chaos.Slo;

namespace Chaos.Engine;

public sealed partial class ScenarioRunner
{
    // When each fault took effect, in seconds of the measured window: what the recovery SLOs and the lag rule count from.
    private static List<double> FaultStarts(RunState run) => run.Faults.Select(f => f.StartSeconds).ToList();

    private async Task<RunSummary> FinishAsync(RunState run, RunOptions options)
    {
        var slos = run.Load is null ? [] : SloEvaluator.Evaluate(run.Scenario, run.Load, FaultStarts(run), Observations(run));
        foreach (var slo in slos)
        {
            run.Record(RunEvent.Types.SloEvaluated,
                $"SLO {slo.Name}: {slo.Status} (measured {Format(slo.Measured, slo.Unit)}, target {slo.Target})",
                ("name", slo.Name), ("status", slo.Status.ToString()), ("measured", slo.Measured), ("target", slo.Target), ("margin", slo.Margin));
        }
        RecordQualityWindows(run);
        RecordVersionsServed(run);
        var validity = run.Load is null ? null : RunValidity.Check(run.Load);
        var verdict = Decide(run, slos, validity);
        run.Record(RunEvent.Types.RunFinished, $"verdict: {verdict.Outcome} ({verdict.Reason})",
            ("outcome", verdict.Outcome.ToString()), ("reason", verdict.Reason), ("exitCode", ExitCodes.For(verdict.Outcome)));

        var report = new RunReport
        {
            RunId = run.RunId,
            ScenarioName = run.Scenario.Name,
            Variant = run.Variant.Name,
            Seed = run.Seed,
            StartedAt = run.Clock.StartedAt,
            FinishedAt = run.Clock.UtcNow,
            Outcome = verdict.Outcome,
            Reason = verdict.Reason,
            Slos = slos,
            Load = run.Load is null ? LoadSummary.Empty : LoadSummary.From(run.Load),
            Events = run.Events,
            Environment = RunEnvironment.Current(run.Provider),
        };
        using var writing = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await ReportSet.WriteAllAsync(report, run.Directory, options.GithubStepSummary, writing.Token);
        return new RunSummary(report, run.Directory, ExitCodes.For(verdict.Outcome));
    }

    // Prediction quality over time for the report's quality panel: about twelve windows of the measured window, at least 5 s each.
    private static void RecordQualityWindows(RunState run)
    {
        if (run.Predictions is not { } predictions || run.Load is null || run.Load.Intervals.Count == 0)
        {
            return;
        }
        var seconds = run.Load.Intervals.Count;
        foreach (var window in QualityWindows.From(predictions.InIntervals, seconds, windowSeconds: Math.Max(5, seconds / 12)))
        {
            run.RecordAt(run.MeasuredStartSeconds + window.MidSecond, DataModelEvents.QualityWindow,
                $"prediction quality around second {window.MidSecond:0.#}: accuracy {window.Data["accuracy"]}", [.. window.Data.Select(d => (d.Key, d.Value))]);
        }
    }

    // Which model versions answered the load, from when: a promotion that reached traffic shows as a second version.
    private static void RecordVersionsServed(RunState run)
    {
        if (run.Predictions is not { } predictions)
        {
            return;
        }
        foreach (var (version, (first, count)) in predictions.VersionsServed.OrderBy(v => v.Value.FirstInterval))
        {
            run.RecordAt(run.MeasuredStartSeconds + first, DataModelEvents.ModelServed,
                $"{version} answered from second {first} of the measured window ({count} answers)",
                ("version", version), ("fromSecond", first), ("answers", count));
        }
    }

    // Stack signals come from the journal (the observers wrote them there as they happened), moved to the measured-window clock.
    private static RunObservations Observations(RunState run)
    {
        var regionLoss = run.Faults.FirstOrDefault(f => f.Kind == Faults.RegionLoss.RegionLossFault.Name && f.Verified);
        return new RunObservations
        {
            Signals = run.Events
                .Where(e => e.Type == StackObserver.SignalEvent && e.Data.TryGetValue("kind", out var kind) && kind is string)
                .Select(e => new StackSignal(e.Seconds - run.MeasuredStartSeconds, (string)e.Data["kind"]!, e.Data.TryGetValue("source", out var source) ? source as string ?? "" : ""))
                .ToList(),
            Predictions = run.Predictions?.Predictions ?? [],
            CorruptAnswers = run.Corruption.Sent > 0 ? (run.Corruption.Sent, run.Corruption.Rejected) : null,
            DriftStartSeconds = run.Faults.FirstOrDefault(f => f.Kind == Faults.DataDrift.DataDriftFault.Name && f.Verified)?.StartSeconds,
            RegionAnswers = regionLoss is null ? null : run.RegionAnswers?.Answers,
            RegionLossStartSeconds = regionLoss?.StartSeconds,
            // The region that must take over: the one not lost.
            StandbyRegion = regionLoss?.TargetRegion == Scenarios.KnownTargets.StandbyRegion ? Scenarios.KnownTargets.PrimaryRegion : Scenarios.KnownTargets.StandbyRegion,
            ReplicatedIds = run.Replication.Used ? (run.Replication.Primary, run.Replication.Standby) : null,
            DataIds = run.Writes.Used ? (run.Writes.Acknowledged, run.Writes.Readable, run.Writes.PartialReads) : null,
            TrainingResumes = run.TrainingResumes.IsEmpty ? null : run.TrainingResumes.ToList(),
            BadRows = run.FeedTampering.Delivered > 0 ? (run.FeedTampering.Delivered, run.FeedTampering.Admitted) : null,
        };
    }

    // Outcomes the SLOs cannot see come first: a run that was cancelled, broke, or never reached its steady state.
    private static Verdict Decide(RunState run, IReadOnlyList<SloResult> slos, RunValidity? validity)
    {
        var cleanupSucceeded = run.Leftovers.Count == 0 && run.Faults.All(f => f.RevertConfirmed);
        if (cleanupSucceeded && run.Cancelled)
        {
            return new Verdict(RunOutcome.Inconclusive, "cancelled before the end of the run; faults reverted and the stack removed");
        }
        if (cleanupSucceeded && run.Error is not null)
        {
            return new Verdict(RunOutcome.Inconclusive, $"the run broke off: {run.Error}");
        }
        if (cleanupSucceeded && run.Trip is not null)
        {
            return new Verdict(RunOutcome.Failed, $"guardrail tripped: {run.Trip.Describe()}; the faults were aborted and reverted");
        }
        if (cleanupSucceeded && !run.SteadyBefore)
        {
            return new Verdict(RunOutcome.Failed, "steady-state hypothesis did not hold before the faults (see the steady-state events)");
        }
        var verdict = VerdictCalculator.Decide(slos, run.Faults.All(f => f.Verified), cleanupSucceeded, validity?.IsValid ?? false);
        if (verdict.Outcome == RunOutcome.Failed && run.Load is not null && GeneratorLag.Undermines(run.Scenario.Slos, run.Load, slos, FaultStarts(run)) is { } lagged)
        {
            verdict = new Verdict(RunOutcome.Inconclusive, lagged);
        }
        if (verdict.Outcome == RunOutcome.Inconclusive && validity is { IsValid: false })
        {
            verdict = verdict with { Reason = $"{verdict.Reason}: {string.Join("; ", validity.Reasons)}" };
        }
        if (verdict.Outcome == RunOutcome.Passed && !run.SteadyAfter)
        {
            return new Verdict(RunOutcome.Failed, "every SLO met, but the steady-state hypothesis did not hold after the faults");
        }
        return verdict;
    }

    private static string Format(double? value, string unit) => value switch
    {
        null => "nothing",
        { } v when unit == SloDefinitions.FractionUnit => $"{v * 100:F3}%",
        { } v => $"{v:F2} {unit}",
    };
}
