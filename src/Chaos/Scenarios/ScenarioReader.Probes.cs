using System.Text.RegularExpressions;
using Chaos.Stack.Ml;
using YamlDotNet.RepresentationModel;

namespace Chaos.Scenarios;

/// <summary>The steady-state probes of a scenario: HTTP checks and inference correctness canaries.</summary>
internal sealed partial class ScenarioReader
{
    private const int MaxCanaryRows = 100;
    private const double DefaultTolerance = 0.01;
    private const double ConsistencyTolerance = 1e-6;
    private static readonly int FeatureCount = CreditTask.FeatureNames.Count;

    private List<ProbeSpec> ReadProbes(YamlNode node)
    {
        var probes = new List<ProbeSpec>();
        var items = values.Sequence(node, "steadyState", $"probes like {{ probe: http, path: /v2/health/ready }} or {{ probe: infer, model: credit, ... }}");
        for (var i = 0; i < items.Count; i++)
        {
            var kindText = YamlValueReader.Peek(items[i], "probe") ?? KnownProbeKinds.Http;
            var keys = ScenarioKeys.Probe.TryGetValue(kindText, out var k) ? k : ScenarioKeys.Union(ScenarioKeys.Probe);
            var section = values.Section(items[i], $"steadyState[{i}]", keys);
            if (section is null)
            {
                continue;
            }
            var kind = section["probe"] is { } p ? values.OneOf(p, section.PathOf("probe"), KnownProbeKinds.All) : KnownProbeKinds.Http;
            var probe = kind switch
            {
                KnownProbeKinds.Http => ReadHttpProbe(section),
                KnownProbeKinds.Infer => ReadInferProbe(section),
                KnownProbeKinds.Consistency => ReadConsistencyProbe(section),
                _ => null,
            };
            if (probe is not null)
            {
                probes.Add(probe);
            }
        }
        return probes;
    }

    private ProbeSpec? ReadHttpProbe(YamlSection section)
    {
        var pathNode = values.Required(section, "path", "an HTTP path starting with /");
        var probePath = pathNode is null ? null : values.Check(pathNode, section.PathOf("path"), "an HTTP path starting with /",
            t => t.StartsWith('/') && !t.Any(char.IsWhiteSpace) ? t : null);
        var expect = section["expect"] is { } e ? values.Integer(e, section.PathOf("expect"), 100, 599) : 200;
        return probePath is null || expect is null ? null : new ProbeSpec { Kind = KnownProbeKinds.Http, Path = probePath, Expect = expect.Value };
    }

    private ProbeSpec? ReadConsistencyProbe(YamlSection section)
    {
        var model = ReadModel(section);
        var tolerance = section["tolerance"] is { } t ? values.Number(t, section.PathOf("tolerance"), 0, 1) : ConsistencyTolerance;
        return model is null || tolerance is null
            ? null
            : new ProbeSpec { Kind = KnownProbeKinds.Consistency, Path = $"/v2/models/{model}/infer", Model = model, Tolerance = tolerance.Value };
    }

    private string? ReadModel(YamlSection section)
    {
        var modelNode = values.Required(section, "model", "a model name like credit");
        return modelNode is null ? null : values.Check(modelNode, section.PathOf("model"), "a model name of letters, digits, '.', '_' and '-'",
            t => ModelNamePattern().IsMatch(t) ? t : null);
    }

    private ProbeSpec? ReadInferProbe(YamlSection section)
    {
        var model = ReadModel(section);
        var inputsNode = values.Required(section, "inputs", $"a list of rows of {FeatureCount} numbers");
        var inputs = inputsNode is null ? null : ReadRows(inputsNode, section.PathOf("inputs"));
        var expectNode = values.Required(section, "expect", "a mapping like { outputs: [0.169], tolerance: 0.01 }");
        var (outputs, tolerance) = expectNode is null ? (null, null) : ReadExpectedOutputs(expectNode, section.PathOf("expect"), inputs?.Length);
        return model is null || inputs is null || outputs is null || tolerance is null
            ? null
            : new ProbeSpec
            {
                Kind = KnownProbeKinds.Infer, Path = $"/v2/models/{model}/infer", Model = model,
                Inputs = inputs, ExpectedOutputs = outputs, Tolerance = tolerance.Value,
            };
    }

    private float[][]? ReadRows(YamlNode node, string path)
    {
        var rows = values.Sequence(node, path, $"rows of {FeatureCount} numbers like [[50, 0.3, 40, 8, 0, 15, 5, 0]]");
        if (node is YamlSequenceNode && (rows.Count == 0 || rows.Count > MaxCanaryRows))
        {
            values.Error(node.Start, $"{path} has {rows.Count} rows; expected from 1 to {MaxCanaryRows} rows of {FeatureCount} numbers");
            return null;
        }
        var result = new float[rows.Count][];
        var valid = rows.Count > 0;
        for (var i = 0; i < rows.Count; i++)
        {
            var cells = ReadNumbers(rows[i], $"{path}[{i}]", $"{FeatureCount} numbers ({string.Join(", ", CreditTask.FeatureNames)})", float.MaxValue);
            if (cells is not null && cells.Length != FeatureCount)
            {
                values.Error(rows[i].Start, $"{path}[{i}] has {cells.Length} numbers; expected {FeatureCount} ({string.Join(", ", CreditTask.FeatureNames)})");
                cells = null;
            }
            valid &= cells is not null;
            result[i] = cells is null ? [] : [.. cells.Select(c => (float)c)];
        }
        return valid ? result : null;
    }

    private (double[]? Outputs, double? Tolerance) ReadExpectedOutputs(YamlNode node, string path, int? rowCount)
    {
        var section = values.Section(node, path, ScenarioKeys.InferExpect);
        if (section is null)
        {
            return (null, null);
        }
        var outputsNode = values.Required(section, "outputs", "a list of numbers, one per input row");
        var outputs = outputsNode is null ? null : ReadNumbers(outputsNode, section.PathOf("outputs"), "numbers, one per input row", double.MaxValue);
        if (outputs is not null && rowCount is { } rows && outputs.Length != rows && outputsNode is not null)
        {
            values.Error(outputsNode.Start, $"{section.PathOf("outputs")} has {outputs.Length} numbers; expected one per input row ({rows})");
            outputs = null;
        }
        var tolerance = section["tolerance"] is { } t ? values.Number(t, section.PathOf("tolerance"), 0, 1) : DefaultTolerance;
        return (outputs, tolerance);
    }

    /// <summary>A list of numbers, every one checked (so all bad cells are reported); null when any is bad.</summary>
    private double[]? ReadNumbers(YamlNode node, string path, string form, double limit)
    {
        if (node is not YamlSequenceNode)
        {
            values.Sequence(node, path, form);
            return null;
        }
        var cells = values.Sequence(node, path, form);
        var numbers = new double[cells.Count];
        var valid = true;
        for (var i = 0; i < cells.Count; i++)
        {
            var number = values.Number(cells[i], $"{path}[{i}]", -limit, limit);
            valid &= number is not null;
            numbers[i] = number ?? 0;
        }
        return valid ? numbers : null;
    }

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex ModelNamePattern();
}
