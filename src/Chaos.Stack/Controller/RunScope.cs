using System.Text.Json.Nodes;

namespace Chaos.Stack.Controller;

/// <summary>
/// The only containers the controller may touch: project chaos, this run, this role. The engine filters by these labels,
/// and every action checks them again on the freshly inspected container, so a filter bug or a reused id cannot reach
/// anyone else's container.
/// </summary>
public sealed class RunScope(string runId, string role)
{
    // Same values as Chaos.Targets.ChaosLabels in the harness; the stack image does not reference the harness.
    public const string ProjectLabel = "chaos.project";
    public const string ProjectValue = "chaos";
    public const string RunLabel = "chaos.run";
    public const string RoleLabel = "chaos.role";

    public string RunId => runId;

    public string Role => role;

    /// <summary>The label filter for the engine's list call.</summary>
    public IReadOnlyDictionary<string, string> Filter { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [ProjectLabel] = ProjectValue,
        [RunLabel] = runId,
        [RoleLabel] = role,
    };

    /// <summary>True when <paramref name="labels"/> (a container's Config.Labels) carry the project, run and role.</summary>
    public bool Owns(JsonNode? labels) =>
        labels is JsonObject map && Filter.All(l => map[l.Key] is JsonValue value && value.TryGetValue<string>(out var text) && text == l.Value);

    /// <summary>Throws unless the inspected container carries the project, run and role labels.</summary>
    public void EnsureOwns(JsonObject inspected)
    {
        if (!Owns(inspected["Config"]?["Labels"]))
        {
            throw new InvalidOperationException(
                $"Refusing to touch container {inspected["Name"]} ({inspected["Id"]}): it lacks the labels {string.Join(", ", Filter.Select(l => $"{l.Key}={l.Value}"))}.");
        }
    }
}
