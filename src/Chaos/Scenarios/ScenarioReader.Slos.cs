using YamlDotNet.RepresentationModel;

namespace Chaos.Scenarios;

/// <summary>The service-level objectives of a scenario: <c>slos</c>.</summary>
internal sealed partial class ScenarioReader
{
    private SloSpec? ReadSlos(YamlNode node)
    {
        var section = values.Section(node, "slos", ScenarioKeys.Slo);
        if (section is null)
        {
            return null;
        }
        if (section.Values.Count == 0)
        {
            values.Error(node.Start, $"slos has no objective; expected at least one of: {string.Join(", ", ScenarioKeys.Slo)}");
            return null;
        }
        return new SloSpec
        {
            Availability = section["availability"] is { } a ? PercentThreshold(a, "slos.availability") : null,
            FullService = section["fullService"] is { } f ? PercentThreshold(f, "slos.fullService") : null,
            InputValidation = section["inputValidation"] is { } iv ? PercentThreshold(iv, "slos.inputValidation") : null,
            Latency = section["latency"] is { } l ? ReadLatency(l) : null,
            TimeToRecover = DurationThreshold(section, "timeToRecover"),
            ErrorBudgetBurn = NumberThreshold(section, "errorBudgetBurn", wholeNumber: false),
            TimeToDetect = DurationThreshold(section, "timeToDetect"),
            TimeToHeal = DurationThreshold(section, "timeToHeal"),
            RecoveryTimeObjective = DurationThreshold(section, "rto"),
            RecoveryPointObjective = NumberThreshold(section, "rpo", wholeNumber: true),
            PredictionQuality = section["predictionQuality"] is { } q ? ReadPredictionQuality(q) : null,
            DataLoss = NumberThreshold(section, "dataLoss", wholeNumber: true),
            TrainingRework = NumberThreshold(section, "trainingRework", wholeNumber: true),
            DataValidation = section["dataValidation"] is { } dv ? PercentThreshold(dv, "slos.dataValidation") : null,
            DriftDetectionDelay = DurationThreshold(section, "driftDetectionDelay"),
            TimeToRetrain = DurationThreshold(section, "timeToRetrain"),
        };
    }

    private LatencySlo? ReadLatency(YamlNode node)
    {
        var section = values.Section(node, "slos.latency", ScenarioKeys.Latency);
        if (section is null)
        {
            return null;
        }
        var thresholdNode = values.Required(section, "threshold", ScenarioSyntax.DurationForm);
        var threshold = thresholdNode is null ? null : values.Duration(thresholdNode, "slos.latency.threshold", allowZero: false, MaxDuration);
        var fractionNode = values.Required(section, "fraction", ScenarioSyntax.PercentThresholdForm);
        var fraction = fractionNode is null ? null : PercentThreshold(fractionNode, "slos.latency.fraction");
        return threshold is null || fraction is null ? null : new LatencySlo(threshold.Value, fraction);
    }

    private PredictionQualitySlo? ReadPredictionQuality(YamlNode node)
    {
        var section = values.Section(node, "slos.predictionQuality", ScenarioKeys.PredictionQuality);
        if (section is null)
        {
            return null;
        }
        var metricNode = values.Required(section, "metric", $"one of: {string.Join(", ", KnownPredictionMetrics.All)}");
        var metric = metricNode is null ? null : values.OneOf(metricNode, section.PathOf("metric"), KnownPredictionMetrics.All);
        var targetNode = values.Required(section, "target", $"{ScenarioSyntax.NumberThresholdForm}, from 0 to 1");
        var target = targetNode is null ? null : values.Check(targetNode, section.PathOf("target"), $"{ScenarioSyntax.NumberThresholdForm}, from 0 to 1",
            text => ScenarioSyntax.TryParseNumberThreshold(text, wholeNumber: false, out var t) && t!.Value <= 1 ? t : null);
        return metric is null || target is null ? null : new PredictionQualitySlo(metric, target);
    }

    private Threshold? PercentThreshold(YamlNode node, string path) =>
        values.Check(node, path, $"{ScenarioSyntax.PercentThresholdForm}, from 0% to 100%",
            text => ScenarioSyntax.TryParsePercentThreshold(text, out var threshold) ? threshold : null);

    private Threshold? DurationThreshold(YamlSection section, string key) =>
        section[key] is { } node
            ? values.Check(node, section.PathOf(key), ScenarioSyntax.DurationThresholdForm,
                text => ScenarioSyntax.TryParseDurationThreshold(text, out var threshold) ? threshold : null)
            : null;

    private Threshold? NumberThreshold(YamlSection section, string key, bool wholeNumber) =>
        section[key] is { } node
            ? values.Check(node, section.PathOf(key), wholeNumber ? ScenarioSyntax.CountThresholdForm : ScenarioSyntax.NumberThresholdForm,
                text => ScenarioSyntax.TryParseNumberThreshold(text, wholeNumber, out var threshold) ? threshold : null)
            : null;
}
