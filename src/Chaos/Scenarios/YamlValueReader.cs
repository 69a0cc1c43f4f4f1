using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Chaos.Scenarios;

/// <summary>Reads typed values out of YAML nodes, collecting every error with its location instead of stopping at the first.</summary>
internal sealed class YamlValueReader(string file)
{
    private readonly List<ScenarioError> _errors = [];

    public IReadOnlyList<ScenarioError> Errors => _errors;

    public void Error(Mark mark, string message) =>
        _errors.Add(new ScenarioError(file, (int)Math.Max(1, mark.Line), (int)Math.Max(1, mark.Column), message));

    public static bool IsNull(YamlNode? node) =>
        node is null || node is YamlScalarNode { Style: ScalarStyle.Plain, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    /// <summary>The text of <paramref name="key"/> in <paramref name="node"/> if it is a mapping holding that key as text, without reporting anything.</summary>
    public static string? Peek(YamlNode node, string key) =>
        node is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode scalar
            ? scalar.Value
            : null;

    public YamlSection? Section(YamlNode node, string path, IReadOnlyList<string> keys)
    {
        if (node is not YamlMappingNode map)
        {
            Error(node.Start, $"expected {Name(path)} to be a mapping with keys: {string.Join(", ", keys)}; found {Describe(node)}");
            return null;
        }
        var values = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in map.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { Length: > 0 } key })
            {
                Error(keyNode.Start, $"expected a key name in {Name(path)}; found {Describe(keyNode)}");
            }
            else if (!keys.Contains(key))
            {
                Error(keyNode.Start, $"unknown key '{key}' in {Name(path)}; expected one of: {string.Join(", ", keys)}");
            }
            else
            {
                values[key] = value;
            }
        }
        return new YamlSection(path, map, values);
    }

    public YamlNode? Required(YamlSection section, string key, string expected)
    {
        var node = section[key];
        if (IsNull(node))
        {
            Error(node?.Start ?? section.Node.Start, $"missing required key '{key}' in {Name(section.Path)}; expected {expected}");
            return null;
        }
        return node;
    }

    public IReadOnlyList<YamlNode> Sequence(YamlNode node, string path, string itemForm)
    {
        if (node is YamlSequenceNode sequence)
        {
            return sequence.Children.ToList();
        }
        Error(node.Start, $"expected {path} to be a list of {itemForm}; found {Describe(node)}");
        return [];
    }

    public string? Text(YamlNode node, string path)
    {
        if (node is YamlScalarNode scalar)
        {
            return scalar.Value ?? "";
        }
        Error(node.Start, $"expected {path} to be text; found {Describe(node)}");
        return null;
    }

    public string? OneOf(YamlNode node, string path, IReadOnlySet<string> allowed) =>
        Check(node, path, $"one of: {string.Join(", ", allowed)}", text => allowed.Contains(text) ? text : null);

    public int? Integer(YamlNode node, string path, int min, int max) =>
        Check<int?>(node, path, $"a whole number from {min} to {max}", text =>
            int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
                ? value
                : null);

    /// <summary>A plain or signed number from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public double? Number(YamlNode node, string path, double min, double max) =>
        Check<double?>(node, path, $"a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}", text =>
            ScenarioSyntax.TryParseSignedNumber(text, out var value) && value >= min && value <= max ? value : null);

    /// <summary>true or false (YAML 1.2 core schema spellings only: no yes/no/on/off).</summary>
    public bool? Flag(YamlNode node, string path) =>
        Check<bool?>(node, path, "true or false", text => text switch { "true" => true, "false" => false, _ => null });

    public TimeSpan? Duration(YamlNode node, string path, bool allowZero, TimeSpan max) =>
        Check<TimeSpan?>(node, path, $"{ScenarioSyntax.DurationForm}, {(allowZero ? ">= 0" : "> 0")} and <= {max.TotalMinutes:0}m", text =>
            ScenarioSyntax.TryParseDuration(text, out var value) && (allowZero ? value >= TimeSpan.Zero : value > TimeSpan.Zero) && value <= max
                ? value
                : null);

    public T? Check<T>(YamlNode node, string path, string expected, Func<string, T?> parse)
    {
        if (node is not YamlScalarNode scalar)
        {
            Error(node.Start, $"expected {path} to be {expected}; found {Describe(node)}");
            return default;
        }
        var result = parse(scalar.Value ?? "");
        if (result is null)
        {
            Error(node.Start, $"invalid value {Describe(node)} for {path}; expected {expected}");
        }
        return result;
    }

    public static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode { Value: null or "" } => "an empty value",
        YamlScalarNode scalar => $"'{scalar.Value}'",
        _ => "an unexpected node",
    };

    private static string Name(string path) => path.Length == 0 ? "the scenario" : path;
}
