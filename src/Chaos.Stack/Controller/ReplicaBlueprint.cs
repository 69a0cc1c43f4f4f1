using System.Globalization;
using System.Text.Json.Nodes;

namespace Chaos.Stack.Controller;

/// <summary>
/// Reads replicas from inspect documents and turns an inspected replica into the create call of its exact copy: same image,
/// entrypoint, command, environment, labels, host config (DNS, port bindings, network mode) and network aliases; only the
/// alias (and the <c>--name</c> argument and container name that carry it) changes when the copy is a new replica.
/// </summary>
public static class ReplicaBlueprint
{
    private const int DefaultServicePort = 8080;

    /// <summary>The replica an inspect document describes; null when it is outside the scope or has no <c>{role}-{n}</c> alias.</summary>
    public static ReplicaContainer? Describe(JsonObject inspected, RunScope scope)
    {
        if (!scope.Owns(inspected["Config"]?["Labels"]) || FindAlias(inspected, scope.Role) is not { } alias)
        {
            return null;
        }

        ReplicaAlias.TryParse(scope.Role, alias, out var ordinal);
        var command = Strings(inspected["Config"]?["Cmd"]);
        var servicePort = OptionValue(command, "--port") is { } text && int.TryParse(text, CultureInfo.InvariantCulture, out var port) ? port : DefaultServicePort;
        var published = inspected["NetworkSettings"]?["Ports"]?[$"{servicePort}/tcp"] is JsonArray bindings
            ? bindings.Select(b => b?["HostPort"]?.GetValue<string>()).FirstOrDefault(p => !string.IsNullOrEmpty(p))
            : null;
        return new ReplicaContainer(
            inspected["Id"]!.GetValue<string>(),
            inspected["Name"]?.GetValue<string>().TrimStart('/') ?? string.Empty,
            alias,
            ordinal,
            inspected["State"]?["Running"]?.GetValue<bool>() ?? false,
            servicePort,
            published is null ? null : int.Parse(published, CultureInfo.InvariantCulture))
        {
            Paused = inspected["State"]?["Paused"]?.GetValue<bool>() ?? false,
        };
    }

    /// <summary>The container name and create body of a copy of <paramref name="inspected"/> answering to <paramref name="newAlias"/>.</summary>
    public static (string? Name, JsonObject Body) CopyAs(JsonObject inspected, string oldAlias, string newAlias)
    {
        var config = inspected["Config"]!.AsObject();
        var body = new JsonObject();
        foreach (var field in new[] { "Image", "Entrypoint", "Env", "Labels", "ExposedPorts", "WorkingDir", "User", "Healthcheck", "StopSignal", "StopTimeout", "Volumes", "Tty", "OpenStdin" })
        {
            if (config[field] is { } value)
            {
                body[field] = value.DeepClone();
            }
        }

        body["Cmd"] = new JsonArray(RenameOption(Strings(config["Cmd"]), "--name", oldAlias, newAlias).Select(a => (JsonNode?)JsonValue.Create(a)).ToArray());
        body["HostConfig"] = inspected["HostConfig"]?.DeepClone() ?? new JsonObject();
        var endpoints = new JsonObject();
        var id = inspected["Id"]?.GetValue<string>() ?? string.Empty;
        foreach (var (network, settings) in inspected["NetworkSettings"]?["Networks"]?.AsObject() ?? [])
        {
            var aliases = Strings(settings?["Aliases"])
                .Where(a => !(a.Length >= 12 && id.StartsWith(a, StringComparison.Ordinal)))
                .Select(a => a == oldAlias ? newAlias : a);
            endpoints[network] = new JsonObject { ["Aliases"] = new JsonArray(aliases.Select(a => (JsonNode?)JsonValue.Create(a)).ToArray()) };
        }

        body["NetworkingConfig"] = new JsonObject { ["EndpointsConfig"] = endpoints };
        var oldName = inspected["Name"]?.GetValue<string>().TrimStart('/');
        var name = oldName is null || !oldName.EndsWith(oldAlias, StringComparison.Ordinal) ? null : oldName[..^oldAlias.Length] + newAlias;
        return (name, body);
    }

    private static string? FindAlias(JsonObject inspected, string role)
    {
        var networkAliases = (inspected["NetworkSettings"]?["Networks"]?.AsObject() ?? [])
            .SelectMany(n => Strings(n.Value?["Aliases"]));
        var candidates = networkAliases.Append(OptionValue(Strings(inspected["Config"]?["Cmd"]), "--name") ?? string.Empty);
        return candidates.FirstOrDefault(a => ReplicaAlias.TryParse(role, a, out _));
    }

    private static string? OptionValue(List<string> command, string option)
    {
        var index = command.IndexOf(option);
        return index >= 0 && index + 1 < command.Count ? command[index + 1] : null;
    }

    private static IEnumerable<string> RenameOption(List<string> command, string option, string oldValue, string newValue) =>
        command.Select((argument, i) => i > 0 && command[i - 1] == option && argument == oldValue ? newValue : argument);

    private static List<string> Strings(JsonNode? node) =>
        node is JsonArray array ? array.Select(n => n?.GetValue<string>() ?? string.Empty).ToList() : [];
}
