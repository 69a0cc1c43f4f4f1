using Chaos.Load;
using Chaos.Scenarios;

namespace Chaos.Slo;

/// <summary>Scores a run's load against the scenario's SLOs; an SLO without samples is <see cref="SloStatus.NoData"/>, never passed.</summary>
public static class SloEvaluator
{
    /// <summary>Scores every SLO the scenario asks for; fault starts are on the run clock (seconds since the start of the measured window).</summary>
    public static IReadOnlyList<SloResult> Evaluate(Scenario scenario, LoadResult load, IReadOnlyList<double> faultStartSeconds) =>
        Evaluate(scenario, load, faultStartSeconds, RunObservations.None);

    /// <summary>Scores every SLO with what was observed beside the load; an SLO without its observation has no data.</summary>
    public static IReadOnlyList<SloResult> Evaluate(Scenario scenario, LoadResult load, IReadOnlyList<double> faultStartSeconds, RunObservations observations)
    {
        var slos = scenario.Slos;
        var results = new List<SloResult>();
        double? firstFault = faultStartSeconds.Count == 0 ? null : faultStartSeconds.Min();
        if (slos.Availability is { } availability)
        {
            results.Add(AvailabilityEvaluation.Evaluate(availability, load.Intervals));
        }
        if (slos.FullService is { } fullService)
        {
            results.Add(AvailabilityEvaluation.EvaluateFullService(fullService, load.Intervals));
        }
        if (slos.InputValidation is { } validation)
        {
            results.Add(observations.CorruptAnswers is { } corrupt
                ? InputValidationEvaluation.Evaluate(validation, corrupt.Sent, corrupt.Rejected)
                : Missing(SloDefinitions.InputValidation, validation, SloDefinitions.FractionUnit, "no corrupt request was answered (no request.corrupt fault ran)"));
        }
        if (slos.Latency is { } latency)
        {
            results.Add(LatencyEvaluation.Evaluate(latency, load.Intervals));
        }
        if (slos.TimeToRecover is { } timeToRecover)
        {
            results.Add(RecoveryEvaluation.Evaluate(timeToRecover, slos, load, faultStartSeconds));
        }
        if (slos.ErrorBudgetBurn is { } burn)
        {
            results.Add(slos.Availability is { } availabilityTarget
                ? ErrorBudgetEvaluation.Evaluate(burn, availabilityTarget.Value, load)
                : Missing(SloDefinitions.ErrorBudgetBurn, burn, SloDefinitions.BurnRateUnit, "an error budget needs an availability SLO to derive it from"));
        }
        if (slos.TimeToDetect is { } detect)
        {
            results.Add(TimeToDetectEvaluation.Evaluate(detect, firstFault, observations.Signals));
        }
        if (slos.TimeToHeal is { } heal)
        {
            results.Add(TimeToHealEvaluation.Evaluate(heal, firstFault, observations.Signals));
        }
        if (slos.PredictionQuality is { } quality)
        {
            var metric = quality.Metric == KnownPredictionMetrics.Auc ? PredictionQualityMetric.Auc : PredictionQualityMetric.Accuracy;
            results.Add(PredictionQualityEvaluation.Evaluate(quality.Target, observations.Predictions, metric));
        }
        if (slos.DriftDetectionDelay is { } drift)
        {
            results.Add(DriftDetectionDelayEvaluation.Evaluate(drift, observations.DriftStartSeconds, observations.Signals));
        }
        if (slos.TimeToRetrain is { } retrain)
        {
            results.Add(DriftDetectionDelayEvaluation.EvaluateRetraining(retrain, observations.DriftStartSeconds, observations.Signals));
        }
        if (slos.RecoveryTimeObjective is { } rto)
        {
            results.Add(observations.RegionAnswers is { } answers
                ? RecoveryTimeEvaluation.Evaluate(rto, observations.RegionLossStartSeconds ?? firstFault, answers, observations.StandbyRegion)
                : Missing(SloDefinitions.RecoveryTime, rto, SloDefinitions.SecondsUnit, "no answers by region were observed (no region-loss fault ran)"));
        }
        if (slos.RecoveryPointObjective is { } rpo)
        {
            results.Add(observations.ReplicatedIds is { } ids
                ? RecoveryPointEvaluation.Evaluate(rpo, ids.Primary, ids.Standby)
                : Missing(SloDefinitions.RecoveryPoint, rpo, SloDefinitions.NumberUnit, "no replicated ids were compared (no region-loss fault ran)"));
        }
        if (slos.DataLoss is { } loss)
        {
            results.Add(observations.DataIds is { Readable: { } readable } data
                ? DataLossEvaluation.Evaluate(loss, data.Acknowledged, readable, data.PartialReads)
                : observations.DataIds is not null
                ? Missing(SloDefinitions.DataLoss, loss, SloDefinitions.NumberUnit, "the store could not be read after the fault, so what survived it is unknown")
                : Missing(SloDefinitions.DataLoss, loss, SloDefinitions.NumberUnit, "no acknowledged rows were tracked (no data fault ran)"));
        }
        if (slos.DataValidation is { } dataValidation)
        {
            results.Add(observations.BadRows is { } bad
                ? DataValidationEvaluation.Evaluate(dataValidation, bad.Delivered, bad.Admitted)
                : Missing(SloDefinitions.DataValidation, dataValidation, SloDefinitions.FractionUnit, "no bad row reached the pipeline (no data feed fault took effect)"));
        }
        if (slos.TrainingRework is { } rework)
        {
            results.Add(observations.TrainingResumes is { Count: > 0 } resumes
                ? TrainingReworkEvaluation.Evaluate(rework, resumes)
                : Missing(SloDefinitions.TrainingRework, rework, SloDefinitions.NumberUnit, "no training run was killed (no training.kill fault took effect)"));
        }
        return results;
    }

    private static SloResult Missing(string name, Threshold target, string unit, string why) =>
        new(name, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{target.Symbol} {target.Value:0.###}"), null, null, SloStatus.NoData, unit, SloDefinitions.DefinitionOf(name), 0) { Message = why };
}
