using YamlDotNet.RepresentationModel;

namespace Chaos.Scenarios;

/// <summary>The guardrails of a scenario: per-second limits that abort the run.</summary>
internal sealed partial class ScenarioReader
{
    private List<GuardrailSpec> ReadGuardrails(YamlNode node)
    {
        var guardrails = new List<GuardrailSpec>();
        var items = values.Sequence(node, "guardrails", "guardrails like { metric: errorRate, above: 50%, for: 5s }");
        for (var i = 0; i < items.Count; i++)
        {
            var section = values.Section(items[i], $"guardrails[{i}]", ScenarioKeys.Guardrail);
            if (section is null)
            {
                continue;
            }
            var metricNode = values.Required(section, "metric", $"one of: {string.Join(", ", KnownGuardrailMetrics.All)}");
            var metric = metricNode is null ? null : values.OneOf(metricNode, section.PathOf("metric"), KnownGuardrailMetrics.All);
            var limit = metric is null ? null : ReadLimit(section, metric);
            var forNode = values.Required(section, "for", "a whole number of seconds like 5s");
            var span = forNode is null ? null : values.Check<TimeSpan?>(forNode, section.PathOf("for"), "a whole number of seconds like 5s, from 1s to 60m",
                text => ScenarioSyntax.TryParseDuration(text, out var d) && d >= TimeSpan.FromSeconds(1) && d <= MaxDuration && d.Ticks % TimeSpan.TicksPerSecond == 0
                    ? d
                    : null);
            if (metric is not null && limit is not null && span is not null)
            {
                guardrails.Add(new GuardrailSpec(metric, limit, span.Value, (int)items[i].Start.Line, (int)items[i].Start.Column));
            }
        }
        return guardrails;
    }

    private Threshold? ReadLimit(YamlSection section, string metric)
    {
        var key = KnownGuardrailMetrics.LimitKey(metric);
        var form = KnownGuardrailMetrics.IsDuration(metric) ? ScenarioSyntax.DurationForm : ScenarioSyntax.PercentForm;
        var wrongKey = key == "above" ? "below" : "above";
        if (section[wrongKey] is { } wrong)
        {
            values.Error(wrong.Start, $"{section.PathOf(wrongKey)} does not apply to metric {metric}, which trips {key} its limit; expected '{key}: ' with {form}");
            return null;
        }
        var node = values.Required(section, key, form);
        if (node is null)
        {
            return null;
        }
        var path = section.PathOf(key);
        double? value = KnownGuardrailMetrics.IsDuration(metric)
            ? values.Duration(node, path, allowZero: false, MaxDuration)?.TotalSeconds
            : values.Check<double?>(node, path, ScenarioSyntax.PercentForm, t => ScenarioSyntax.TryParsePercent(t, out var f) ? f : null);
        return value is null ? null : new Threshold(KnownGuardrailMetrics.TripsAbove(metric) ? Comparison.GreaterThan : Comparison.LessThan, value.Value);
    }
}
