using Chaos.Load.Profiles;
using YamlDotNet.RepresentationModel;

namespace Chaos.Scenarios;

/// <summary>The arrival profile of the load: <c>load.profile</c>.</summary>
internal sealed partial class ScenarioReader
{
    private const string ProfilePath = "load.profile";

    /// <summary>The profile, or null for a constant one (the default) and for an invalid one (with its errors reported).</summary>
    private ArrivalProfile? ReadProfile(YamlNode node, double? rate, TimeSpan? duration)
    {
        var kindText = YamlValueReader.Peek(node, "kind");
        var keys = kindText is not null && ScenarioKeys.Profile.TryGetValue(kindText, out var k) ? k : ScenarioKeys.Union(ScenarioKeys.Profile);
        var section = values.Section(node, ProfilePath, keys);
        if (section is null)
        {
            return null;
        }
        var kindNode = values.Required(section, "kind", $"one of: {string.Join(", ", KnownProfileKinds.All)}");
        return (kindNode is null ? null : values.OneOf(kindNode, section.PathOf("kind"), KnownProfileKinds.All)) switch
        {
            RampArrivalProfile.Name => ReadRamp(section, rate, duration),
            StepArrivalProfile.Name => ReadSteps(section, rate, duration),
            SpikeArrivalProfile.Name => ReadSpike(section, rate, duration),
            _ => null,
        };
    }

    private RampArrivalProfile? ReadRamp(YamlSection section, double? rate, TimeSpan? duration)
    {
        var from = section["from"] is { } f ? Rate(f, section.PathOf("from")) : rate;
        var toNode = values.Required(section, "to", $"{ScenarioSyntax.RateForm}, > 0");
        var to = toNode is null ? null : Rate(toNode, section.PathOf("to"));
        return from is null || to is null || duration is null ? null : new RampArrivalProfile(from.Value, to.Value, duration.Value);
    }

    private SpikeArrivalProfile? ReadSpike(YamlSection section, double? rate, TimeSpan? duration)
    {
        var spikeNode = values.Required(section, "rate", $"{ScenarioSyntax.RateForm}, > 0");
        var spike = spikeNode is null ? null : Rate(spikeNode, section.PathOf("rate"));
        var atNode = values.Required(section, "at", $"{ScenarioSyntax.DurationForm} within the load duration");
        var at = atNode is null ? null : WithinLoad(atNode, section.PathOf("at"), duration);
        var lengthNode = values.Required(section, "length", ScenarioSyntax.DurationForm);
        var length = lengthNode is null ? null : values.Duration(lengthNode, section.PathOf("length"), allowZero: false, MaxDuration);
        if (at is { } start && length is { } span && duration is { } total && start + span > total && lengthNode is not null)
        {
            values.Error(lengthNode.Start, $"the spike ends at {Seconds(start + span)}, after the load ends; expected it to end by the load duration ({Seconds(total)})");
            return null;
        }
        return rate is null || spike is null || at is null || length is null ? null : new SpikeArrivalProfile(rate.Value, spike.Value, at.Value, length.Value);
    }

    private StepArrivalProfile? ReadSteps(YamlSection section, double? rate, TimeSpan? duration)
    {
        var stepsNode = values.Required(section, "steps", "a list of steps like [{ at: 10s, rate: 200/s }]");
        if (stepsNode is null)
        {
            return null;
        }
        var items = values.Sequence(stepsNode, section.PathOf("steps"), $"steps with keys: {string.Join(", ", ScenarioKeys.Step)}");
        if (stepsNode is YamlSequenceNode && items.Count == 0)
        {
            values.Error(stepsNode.Start, $"{section.PathOf("steps")} is empty; expected at least one step like {{ at: 10s, rate: 200/s }}");
        }
        var steps = new List<RateStep>();
        var valid = items.Count > 0;
        for (var i = 0; i < items.Count; i++)
        {
            var step = ReadStep(items[i], $"{section.PathOf("steps")}[{i}]", duration, steps.Count > 0 ? steps[^1].At : null);
            valid &= step is not null;
            if (step is not null)
            {
                steps.Add(step);
            }
        }
        return valid && rate is not null ? new StepArrivalProfile(rate.Value, steps) : null;
    }

    private RateStep? ReadStep(YamlNode node, string path, TimeSpan? duration, TimeSpan? previous)
    {
        var section = values.Section(node, path, ScenarioKeys.Step);
        if (section is null)
        {
            return null;
        }
        var atNode = values.Required(section, "at", $"{ScenarioSyntax.DurationForm} within the load duration");
        var at = atNode is null ? null : WithinLoad(atNode, section.PathOf("at"), duration);
        if (at is { } time && previous is { } before && time <= before && atNode is not null)
        {
            values.Error(atNode.Start, $"{section.PathOf("at")} is {Seconds(time)}, not after the previous step ({Seconds(before)}); expected steps in increasing order of at");
            at = null;
        }
        var rateNode = values.Required(section, "rate", $"{ScenarioSyntax.RateForm}, > 0");
        var rate = rateNode is null ? null : Rate(rateNode, section.PathOf("rate"));
        return at is null || rate is null ? null : new RateStep(at.Value, rate.Value);
    }

    /// <summary>A time from the start of the measured window that falls before its end.</summary>
    private TimeSpan? WithinLoad(YamlNode node, string path, TimeSpan? duration)
    {
        var at = values.Duration(node, path, allowZero: true, MaxDuration);
        if (at is { } start && duration is { } total && start >= total)
        {
            values.Error(node.Start, $"{path} is {Seconds(start)}, after the load ends; expected a time before the load duration ({Seconds(total)})");
            return null;
        }
        return at;
    }

    private static string Seconds(TimeSpan time) => $"{time.TotalSeconds:0.###}s";
}
