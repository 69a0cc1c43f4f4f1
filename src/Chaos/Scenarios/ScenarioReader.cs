using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Chaos.Scenarios;

/// <summary>Turns the YAML tree of one scenario into a <see cref="Scenario"/>, collecting every error on the way.</summary>
internal sealed partial class ScenarioReader(YamlValueReader values)
{
    private static readonly TimeSpan MaxDuration = TimeSpan.FromHours(1);
    private const double MaxRate = 50_000;

    public Scenario? Read(YamlNode root)
    {
        var section = values.Section(root, "", ScenarioKeys.Root);
        if (section is null)
        {
            return null;
        }
        var name = ReadName(section);
        var description = section["description"] is { } d && !YamlValueReader.IsNull(d) ? values.Text(d, "description") : null;
        var tags = Optional(section["tags"]) is { } tagNode ? ReadTags(tagNode) : [];
        var catches = Optional(section["catches"]) is { } catchNode ? ReadCatches(catchNode) : [];
        var seed = section["seed"] is { } s && !YamlValueReader.IsNull(s) ? values.Integer(s, "seed", int.MinValue, int.MaxValue) : null;
        var stack = Optional(section["stack"]) is { } stackNode ? ReadStack(stackNode) : new StackSpec();
        var load = values.Required(section, "load", $"a mapping with keys: {string.Join(", ", ScenarioKeys.Load)}") is { } loadNode ? ReadLoad(loadNode) : null;
        var probes = Optional(section["steadyState"]) is { } probeNode ? ReadProbes(probeNode) : [];
        var faults = Optional(section["faults"]) is { } faultNode ? ReadFaults(faultNode, load?.Duration) : [];
        var guardrails = Optional(section["guardrails"]) is { } guardrailNode ? ReadGuardrails(guardrailNode) : [];
        var slos = values.Required(section, "slos", $"a mapping with at least one of: {string.Join(", ", ScenarioKeys.Slo)}") is { } sloNode
            ? ReadSlos(sloNode)
            : null;
        var repeat = Optional(section["repeat"]) is { } r ? values.Integer(r, "repeat", 1, 100) : 1;
        if (stack is { HasStandbyRegion: false })
        {
            CheckRegionsUp(faults, section["stack"] ?? root);
        }
        if (name is null || load is null || slos is null || stack is null || repeat is null || values.Errors.Count > 0)
        {
            return null;
        }
        return new Scenario
        {
            Name = name, Description = description ?? "", Tags = tags, Catches = catches, Seed = seed, Stack = stack, Load = load,
            SteadyState = probes, Faults = faults, Guardrails = guardrails, Slos = slos, Repeat = repeat.Value,
        };
    }

    // A fault on region b, or a region's loss, needs the standby region up.
    private void CheckRegionsUp(IEnumerable<FaultSpec> faults, YamlNode stack)
    {
        foreach (var fault in faults.Where(f => f.Kind == Faults.RegionLoss.RegionLossFault.Name || f.Target.Region is { } r && r != KnownTargets.PrimaryRegion))
        {
            values.Error(new YamlDotNet.Core.Mark(0, fault.Line, fault.Column),
                $"{fault.Kind} on {(fault.Target.Region is { } region ? $"region {region}" : "a region")} needs the standby region up; expected stack.regions: [a, b]");
        }
    }

    // Labels like smoke or data: lowercase letters, digits and dashes, each once.
    private List<string> ReadTags(YamlNode node) => ReadDistinct(node, "tags", "tag names",
        (item, path) => values.Check(item, path, "a tag of lowercase letters, digits and dashes", text => ScenarioSyntax.IsTag(text) ? text : null));

    // Variants the scenario is written to catch: known single-practice variants, each once.
    private List<string> ReadCatches(YamlNode node) =>
        ReadDistinct(node, "catches", "variant names", (item, path) => values.OneOf(item, path, KnownVariants.SinglePractice));

    // A sequence of names, each checked by read (which reports its own error at the item), kept once each in order.
    private List<string> ReadDistinct(YamlNode node, string path, string itemForm, Func<YamlNode, string, string?> read)
    {
        var names = new List<string>();
        foreach (var (item, i) in values.Sequence(node, path, itemForm).Select((item, i) => (item, i)))
        {
            if (read(item, $"{path}[{i}]") is { } name && !names.Contains(name))
            {
                names.Add(name);
            }
        }
        return names;
    }

    private static YamlNode? Optional(YamlNode? node) => YamlValueReader.IsNull(node) ? null : node;

    private string? ReadName(YamlSection root)
    {
        var node = values.Required(root, "name", "a name of lowercase letters, digits and dashes");
        return node is null
            ? null
            : values.Check(node, "name", "a name of lowercase letters, digits and dashes ([a-z0-9-]+)", t => NamePattern().IsMatch(t) ? t : null);
    }

    private StackSpec? ReadStack(YamlNode node)
    {
        var section = values.Section(node, "stack", ScenarioKeys.Stack);
        if (section is null)
        {
            return null;
        }
        var stack = new StackSpec();
        if (section["variant"] is { } variant && values.OneOf(variant, "stack.variant", KnownVariants.All) is { } v)
        {
            stack = stack with { Variant = v };
        }
        if (section["replicas"] is { } replicas && values.Integer(replicas, "stack.replicas", 1, 8) is { } r)
        {
            stack = stack with { Replicas = r };
        }
        if (section["replicaCpus"] is { } cpus && values.Number(cpus, "stack.replicaCpus", 0.1, 16) is { } c)
        {
            stack = stack with { ReplicaCpus = c };
        }
        if (section["regions"] is { } regions && ReadRegions(regions) is { } read)
        {
            stack = stack with { Regions = read.Count == 1 ? StackSpec.OneRegion : StackSpec.TwoRegions };
        }
        if (section["pipeline"] is { } pipeline && values.Flag(pipeline, "stack.pipeline") is { } p)
        {
            stack = stack with { Pipeline = p };
        }
        return stack;
    }

    // [a] or [a, b]: the primary first, each region once.
    private List<string>? ReadRegions(YamlNode node)
    {
        const string expected = "[a] or [a, b] (the primary region a first, then its paired standby b)";
        var items = values.Sequence(node, "stack.regions", "region names");
        var names = items.Select((item, i) => values.OneOf(item, $"stack.regions[{i}]", KnownTargets.Regions)).ToList();
        if (items.Count == 0)
        {
            // Not a list at all was reported by Sequence; an empty one is reported here.
            if (node is YamlDotNet.RepresentationModel.YamlSequenceNode)
            {
                values.Error(node.Start, $"expected stack.regions to be {expected}; found an empty list");
            }
            return null;
        }
        if (names.Any(n => n is null))
        {
            return null;
        }
        if (names[0] != KnownTargets.PrimaryRegion || names.Distinct(StringComparer.Ordinal).Count() != names.Count)
        {
            values.Error(node.Start, $"expected stack.regions to be {expected}; found [{string.Join(", ", names)}]");
            return null;
        }
        return names.Select(n => n!).ToList();
    }

    private LoadSpec? ReadLoad(YamlNode node)
    {
        var section = values.Section(node, "load", ScenarioKeys.Load);
        if (section is null)
        {
            return null;
        }
        var rateNode = values.Required(section, "rate", ScenarioSyntax.RateForm);
        var rate = rateNode is null ? null : Rate(rateNode, "load.rate");
        var durationNode = values.Required(section, "duration", ScenarioSyntax.DurationForm);
        var duration = durationNode is null ? null : values.Duration(durationNode, "load.duration", allowZero: false, MaxDuration);
        var warmup = section["warmup"] is { } w ? values.Duration(w, "load.warmup", allowZero: true, MaxDuration) : null;
        var maxInFlight = section["maxInFlight"] is { } m ? values.Integer(m, "load.maxInFlight", 1, 100_000) : null;
        var timeout = section["timeout"] is { } t ? values.Duration(t, "load.timeout", allowZero: false, MaxDuration) : null;
        var rows = section["rows"] is { } r ? values.Integer(r, "load.rows", 1, LoadSpec.MaxRows) : null;
        var transport = section["transport"] is { } tr ? values.OneOf(tr, "load.transport", KnownLoadTransports.All) : null;
        if (transport == KnownLoadTransports.EventLoop && !Chaos.Load.LoadTransport.EventLoopSupported)
        {
            values.Error(section["transport"]!.Start, "load.transport event-loop needs x86-64 Linux; use dotnet here");
        }
        var profile = Optional(section["profile"]) is { } p ? ReadProfile(p, rate, duration) : null;
        if (rate is null || duration is null)
        {
            return null;
        }
        var load = new LoadSpec { RatePerSecond = rate.Value, Duration = duration.Value };
        load = load with
        {
            Warmup = warmup ?? load.Warmup,
            MaxInFlight = maxInFlight ?? load.MaxInFlight,
            Timeout = timeout ?? load.Timeout,
            Rows = rows ?? load.Rows,
            Transport = transport ?? load.Transport,
        };
        // A constant profile stays unset: LoadSpec derives it from the rate.
        return profile is null ? load : load with { Profile = profile };
    }

    private double? Rate(YamlNode node, string path) =>
        values.Check<double?>(node, path, $"{ScenarioSyntax.RateForm}, > 0 and <= {MaxRate:0}",
            t => ScenarioSyntax.TryParseRate(t, out var r) && r > 0 && r <= MaxRate ? r : null);

    [GeneratedRegex("^[a-z0-9-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
