using YamlDotNet.RepresentationModel;

namespace Chaos.Scenarios;

/// <summary>A mapping of the scenario whose keys were checked against the allowed ones; <see cref="Path"/> names it in messages.</summary>
internal sealed record YamlSection(string Path, YamlMappingNode Node, IReadOnlyDictionary<string, YamlNode> Values)
{
    public YamlNode? this[string key] => Values.GetValueOrDefault(key);

    public string PathOf(string key) => Path.Length == 0 ? key : $"{Path}.{key}";
}
