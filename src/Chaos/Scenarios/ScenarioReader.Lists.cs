using YamlDotNet.RepresentationModel;

namespace Chaos.Scenarios;

/// <summary>The fault timeline of a scenario.</summary>
internal sealed partial class ScenarioReader
{
    private List<FaultSpec> ReadFaults(YamlNode node, TimeSpan? loadDuration)
    {
        var faults = new List<FaultSpec>();
        var items = values.Sequence(node, "faults", $"faults with keys: {string.Join(", ", ScenarioKeys.Fault)}");
        for (var i = 0; i < items.Count; i++)
        {
            var section = values.Section(items[i], $"faults[{i}]", ScenarioKeys.Fault);
            if (section is null)
            {
                continue;
            }
            var atNode = values.Required(section, "at", $"{ScenarioSyntax.DurationForm} within the load duration");
            var at = atNode is null ? null : WithinLoad(atNode, section.PathOf("at"), loadDuration);
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
        var section = values.Section(node, path, ScenarioKeys.Target);
        if (section is null)
        {
            return null;
        }
        var roleNode = values.Required(section, "role", $"one of: {string.Join(", ", KnownTargets.Roles)}");
        var role = roleNode is null ? null : values.OneOf(roleNode, section.PathOf("role"), KnownTargets.Roles);
        var pick = section["pick"] is { } p ? values.OneOf(p, section.PathOf("pick"), KnownTargets.Picks) : "one";
        return role is null || pick is null ? null : new TargetSelector { Role = role, Pick = pick };
    }
}
