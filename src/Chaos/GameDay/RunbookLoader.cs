using Chaos.Scenarios;
using YamlDotNet.RepresentationModel;

namespace Chaos.GameDay;

/// <summary>Loads a runbook YAML: a valid <see cref="Runbook"/> or every error with file, line and column; never throws for bad input.</summary>
public static class RunbookLoader
{
    public static readonly IReadOnlyList<string> RootKeys = ["name", "description", "steps"];
    public static readonly IReadOnlyList<string> StepKeys = ["title", "action", "inject", "revert", "check", "expect"];
    public static readonly IReadOnlyList<string> CheckKeys = ["slo", "probe", "expect"];
    /// <summary>The SLOs a check can look at while the game day runs.</summary>
    public static readonly IReadOnlySet<string> CheckableSlos = new SortedSet<string>(StringComparer.Ordinal) { "availability", "latency", "errorBudgetBurn" };
    private static readonly string[] Doing = ["action", "inject", "revert", "check"];

    public static (Runbook? Runbook, IReadOnlyList<ScenarioError> Errors) Load(string path)
    {
        string yaml;
        try
        {
            yaml = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            var what = e is FileNotFoundException or DirectoryNotFoundException ? "file not found" : $"cannot read the file ({e.Message})";
            return (null, [new ScenarioError(path, 1, 1, $"{what}; expected a readable runbook YAML file")]);
        }
        return Parse(yaml, path);
    }

    public static (Runbook? Runbook, IReadOnlyList<ScenarioError> Errors) Parse(string yaml, string sourcePath)
    {
        var (root, syntaxError) = YamlDocumentReader.Read(yaml, sourcePath);
        if (root is null)
        {
            var error = syntaxError ?? new ScenarioError(sourcePath, 1, 1, "expected a YAML document");
            return (null, [error with { Message = error.Message.Replace("name, load and slos", "name and steps", StringComparison.Ordinal) }]);
        }
        var values = new YamlValueReader(sourcePath);
        var runbook = Read(root, values, sourcePath);
        return values.Errors.Count == 0 && runbook is not null
            ? (runbook, [])
            : (null, values.Errors.Count > 0 ? [.. values.Errors.OrderBy(e => e.Line).ThenBy(e => e.Column)] : [new ScenarioError(sourcePath, 1, 1, "the runbook is incomplete; expected keys name and steps")]);
    }

    private static Runbook? Read(YamlNode root, YamlValueReader values, string sourcePath)
    {
        var section = values.Section(root, "", [.. RootKeys]);
        if (section is null)
        {
            return null;
        }
        var name = values.Required(section, "name", "the runbook's name") is { } n ? values.Text(n, "name") : null;
        var description = section["description"] is { } d ? values.Text(d, "description") ?? "" : "";
        var stepsNode = values.Required(section, "steps", "a list of steps, each with one of: action, inject, revert, check");
        var steps = new List<RunbookStep>();
        if (stepsNode is not null)
        {
            var items = values.Sequence(stepsNode, "steps", $"steps with keys: {string.Join(", ", StepKeys)}");
            if (items.Count == 0 && stepsNode is YamlSequenceNode)
            {
                values.Error(stepsNode.Start, "steps: expected at least one step");
            }
            for (var i = 0; i < items.Count; i++)
            {
                if (ReadStep(items[i], i, values) is { } step)
                {
                    steps.Add(step);
                }
            }
        }
        return name is null ? null : new Runbook(name, description, steps, sourcePath);
    }

    private static RunbookStep? ReadStep(YamlNode item, int index, YamlValueReader values)
    {
        var path = $"steps[{index}]";
        var section = values.Section(item, path, [.. StepKeys]);
        if (section is null)
        {
            return null;
        }
        var doing = Doing.Where(k => section[k] is not null).ToList();
        if (doing.Count != 1)
        {
            values.Error(item.Start, doing.Count == 0
                ? $"{path}: expected one of: {string.Join(", ", Doing)}; found none"
                : $"{path}: expected exactly one of: {string.Join(", ", Doing)}; found {string.Join(" and ", doing)}");
        }
        var fault = section["inject"] is { } inject ? new ScenarioReader(values).ReadFault(inject, section.PathOf("inject"), loadDuration: null, timed: false) : null;
        var revert = section["revert"] is { } r ? values.Check(r, section.PathOf("revert"), "a fault id like f1, last or all",
            text => text is "all" or "last" || (text.Length > 1 && text[0] == 'f' && text[1..].All(char.IsAsciiDigit)) ? text : null) : null;
        return new RunbookStep
        {
            Number = index + 1,
            Title = section["title"] is { } t ? values.Text(t, section.PathOf("title")) : null,
            Action = section["action"] is { } a ? values.Text(a, section.PathOf("action")) : null,
            Inject = fault,
            Revert = revert,
            Check = section["check"] is { } c ? ReadCheck(c, section.PathOf("check"), values) : null,
            Expect = section["expect"] is { } e ? values.Text(e, section.PathOf("expect")) : null,
            Line = (int)item.Start.Line,
            Column = (int)item.Start.Column,
        };
    }

    private static RunbookCheck? ReadCheck(YamlNode node, string path, YamlValueReader values)
    {
        var section = values.Section(node, path, [.. CheckKeys]);
        if (section is null)
        {
            return null;
        }
        if ((section["slo"] is null) == (section["probe"] is null))
        {
            values.Error(node.Start, $"{path}: expected exactly one of: slo (one of {string.Join(", ", CheckableSlos)}), probe (a path like /v2/health/ready)");
            return null;
        }
        if (section["slo"] is { } slo)
        {
            if (section["expect"] is { } extra)
            {
                values.Error(extra.Start, $"{section.PathOf("expect")}: an SLO check takes no expect; its target is the session's SLO");
            }
            return values.OneOf(slo, section.PathOf("slo"), CheckableSlos) is { } name ? new RunbookCheck(name, null, 0) : null;
        }
        var probe = values.Check(section["probe"]!, section.PathOf("probe"), "a path on the front door starting with /", text => text.StartsWith('/') ? text : null);
        var expect = section["expect"] is { } e ? values.Integer(e, section.PathOf("expect"), 100, 599) : 200;
        return probe is null || expect is null ? null : new RunbookCheck(null, probe, expect.Value);
    }
}
