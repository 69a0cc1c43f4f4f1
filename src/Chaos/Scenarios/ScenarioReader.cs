using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Chaos.Scenarios;

/// <summary>Turns the YAML tree of one scenario into a <see cref="Scenario"/>, collecting every error on the way.</summary>
internal sealed partial class ScenarioReader(YamlValueReader values)
{
    private static readonly TimeSpan MaxDuration = TimeSpan.FromHours(1);
    private static readonly string[] RootKeys = ["name", "description", "seed", "stack", "load", "steadyState", "faults", "slos"];
    private static readonly string[] StackKeys = ["variant", "replicas"];
    private static readonly string[] LoadKeys = ["rate", "duration", "warmup", "maxInFlight", "timeout"];
    private static readonly string[] ProbeKeys = ["probe", "path", "expect"];
    private static readonly string[] FaultKeys = ["at", "kind", "target"];
    private static readonly string[] TargetKeys = ["role", "pick"];
    private static readonly string[] SloKeys = ["availability", "latency", "timeToRecover"];
    private static readonly string[] LatencyKeys = ["threshold", "fraction"];

    public Scenario? Read(YamlNode root)
    {
        var section = values.Section(root, "", RootKeys);
        if (section is null)
        {
            return null;
        }
        var name = ReadName(section);
        var description = section["description"] is { } d && !YamlValueReader.IsNull(d) ? values.Text(d, "description") : null;
        var seed = section["seed"] is { } s && !YamlValueReader.IsNull(s) ? values.Integer(s, "seed", int.MinValue, int.MaxValue) : null;
        var stack = Optional(section["stack"]) is { } stackNode ? ReadStack(stackNode) : new StackSpec();
        var load = values.Required(section, "load", $"a mapping with keys: {string.Join(", ", LoadKeys)}") is { } loadNode ? ReadLoad(loadNode) : null;
        var probes = Optional(section["steadyState"]) is { } probeNode ? ReadProbes(probeNode) : [];
        var faults = Optional(section["faults"]) is { } faultNode ? ReadFaults(faultNode, load?.Duration) : [];
        var slos = values.Required(section, "slos", $"a mapping with at least one of: {string.Join(", ", SloKeys)}") is { } sloNode ? ReadSlos(sloNode) : null;
        if (name is null || load is null || slos is null || stack is null || values.Errors.Count > 0)
        {
            return null;
        }
        return new Scenario
        {
            Name = name, Description = description ?? "", Seed = seed, Stack = stack, Load = load,
            SteadyState = probes, Faults = faults, Slos = slos,
        };
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
        var section = values.Section(node, "stack", StackKeys);
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
        return stack;
    }

    private LoadSpec? ReadLoad(YamlNode node)
    {
        var section = values.Section(node, "load", LoadKeys);
        if (section is null)
        {
            return null;
        }
        var rateNode = values.Required(section, "rate", ScenarioSyntax.RateForm);
        var rate = rateNode is null ? null : values.Check<double?>(rateNode, "load.rate", $"{ScenarioSyntax.RateForm}, > 0 and <= 50000",
            t => ScenarioSyntax.TryParseRate(t, out var r) && r > 0 && r <= 50_000 ? r : null);
        var durationNode = values.Required(section, "duration", ScenarioSyntax.DurationForm);
        var duration = durationNode is null ? null : values.Duration(durationNode, "load.duration", allowZero: false, MaxDuration);
        var warmup = section["warmup"] is { } w ? values.Duration(w, "load.warmup", allowZero: true, MaxDuration) : null;
        var maxInFlight = section["maxInFlight"] is { } m ? values.Integer(m, "load.maxInFlight", 1, 100_000) : null;
        var timeout = section["timeout"] is { } t ? values.Duration(t, "load.timeout", allowZero: false, MaxDuration) : null;
        if (rate is null || duration is null)
        {
            return null;
        }
        var load = new LoadSpec { RatePerSecond = rate.Value, Duration = duration.Value };
        return load with
        {
            Warmup = warmup ?? load.Warmup,
            MaxInFlight = maxInFlight ?? load.MaxInFlight,
            Timeout = timeout ?? load.Timeout,
        };
    }

    [GeneratedRegex("^[a-z0-9-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
