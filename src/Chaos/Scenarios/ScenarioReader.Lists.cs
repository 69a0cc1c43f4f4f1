using YamlDotNet.RepresentationModel;

namespace Chaos.Scenarios;

/// <summary>The list and SLO sections of a scenario.</summary>
internal sealed partial class ScenarioReader
{
    private List<ProbeSpec> ReadProbes(YamlNode node)
    {
        var probes = new List<ProbeSpec>();
        var items = values.Sequence(node, "steadyState", $"probes with keys: {string.Join(", ", ProbeKeys)}");
        for (var i = 0; i < items.Count; i++)
        {
            var path = $"steadyState[{i}]";
            var section = values.Section(items[i], path, ProbeKeys);
            if (section is null)
            {
                continue;
            }
            var kind = section["probe"] is { } k ? values.OneOf(k, section.PathOf("probe"), KnownProbeKinds.All) : KnownProbeKinds.Http;
            var pathNode = values.Required(section, "path", "an HTTP path starting with /");
            var probePath = pathNode is null ? null : values.Check(pathNode, section.PathOf("path"), "an HTTP path starting with /",
                t => t.StartsWith('/') && !t.Any(char.IsWhiteSpace) ? t : null);
            var expect = section["expect"] is { } e ? values.Integer(e, section.PathOf("expect"), 100, 599) : 200;
            if (kind is not null && probePath is not null && expect is not null)
            {
                probes.Add(new ProbeSpec { Kind = kind, Path = probePath, Expect = expect.Value });
            }
        }
        return probes;
    }

    private List<FaultSpec> ReadFaults(YamlNode node, TimeSpan? loadDuration)
    {
        var faults = new List<FaultSpec>();
        var items = values.Sequence(node, "faults", $"faults with keys: {string.Join(", ", FaultKeys)}");
        for (var i = 0; i < items.Count; i++)
        {
            var section = values.Section(items[i], $"faults[{i}]", FaultKeys);
            if (section is null)
            {
                continue;
            }
            var atNode = values.Required(section, "at", $"{ScenarioSyntax.DurationForm} within the load duration");
            var at = atNode is null ? null : values.Duration(atNode, section.PathOf("at"), allowZero: true, MaxDuration);
            if (at is { } start && atNode is not null && loadDuration is { } duration && start >= duration)
            {
                values.Error(atNode.Start, $"{section.PathOf("at")} is {start.TotalSeconds:0.###}s, after the load ends; expected a time before the load duration ({duration.TotalSeconds:0.###}s)");
            }
            var kindNode = values.Required(section, "kind", $"one of: {string.Join(", ", KnownFaultKinds.All)}");
            var kind = kindNode is null ? null : values.OneOf(kindNode, section.PathOf("kind"), KnownFaultKinds.All);
            var targetNode = values.Required(section, "target", "a mapping like { role: inference, pick: one }");
            var target = targetNode is null ? null : ReadTarget(targetNode, section.PathOf("target"));
            if (at is not null && kind is not null && target is not null)
            {
                faults.Add(new FaultSpec
                {
                    At = at.Value, Kind = kind, Target = target,
                    Line = (int)items[i].Start.Line, Column = (int)items[i].Start.Column,
                });
            }
        }
        return faults;
    }

    private TargetSelector? ReadTarget(YamlNode node, string path)
    {
        var section = values.Section(node, path, TargetKeys);
        if (section is null)
        {
            return null;
        }
        var roleNode = values.Required(section, "role", $"one of: {string.Join(", ", KnownTargets.Roles)}");
        var role = roleNode is null ? null : values.OneOf(roleNode, section.PathOf("role"), KnownTargets.Roles);
        var pick = section["pick"] is { } p ? values.OneOf(p, section.PathOf("pick"), KnownTargets.Picks) : "one";
        return role is null || pick is null ? null : new TargetSelector { Role = role, Pick = pick };
    }

    private SloSpec? ReadSlos(YamlNode node)
    {
        var section = values.Section(node, "slos", SloKeys);
        if (section is null)
        {
            return null;
        }
        if (section.Values.Count == 0)
        {
            values.Error(node.Start, $"slos has no objective; expected at least one of: {string.Join(", ", SloKeys)}");
            return null;
        }
        var availability = section["availability"] is { } a ? PercentThreshold(a, "slos.availability") : null;
        var latency = section["latency"] is { } l ? ReadLatency(l) : null;
        var timeToRecover = section["timeToRecover"] is { } t
            ? values.Check(t, "slos.timeToRecover", ScenarioSyntax.DurationThresholdForm,
                text => ScenarioSyntax.TryParseDurationThreshold(text, out var threshold) ? threshold : null)
            : null;
        return new SloSpec { Availability = availability, Latency = latency, TimeToRecover = timeToRecover };
    }

    private LatencySlo? ReadLatency(YamlNode node)
    {
        var section = values.Section(node, "slos.latency", LatencyKeys);
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

    private Threshold? PercentThreshold(YamlNode node, string path) =>
        values.Check(node, path, $"{ScenarioSyntax.PercentThresholdForm}, from 0% to 100%",
            text => ScenarioSyntax.TryParsePercentThreshold(text, out var threshold) ? threshold : null);
}
