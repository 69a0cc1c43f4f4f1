using Chaos.Stack.Hosting;

namespace Chaos.Stack.Inference;

/// <summary>
/// The <c>inference</c> role: <c>chaos-stack inference (--model-dir DIR | --registry URL) --model credit [--port 8080] [--name REPLICA]
/// [--admin-token TOKEN] [--integrity-check true|false] [--validation true|false] [--scoring-slots N]
/// [--follow-champion 0s]</c>.
/// </summary>
public static class InferenceCommand
{
    /// <summary>Parses the options, serves until stopped, and returns the process exit code.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var reader = new ArgumentReader(arguments);
        var registryText = reader.Optional("registry", string.Empty);
        var modelDirectory = registryText.Length == 0 ? reader.Required("model-dir") : reader.Optional("model-dir", string.Empty);
        var registry = ParseRegistry(registryText, modelDirectory, reader);
        var adminToken = reader.Optional("admin-token", string.Empty);
        var options = new InferenceOptions(
            modelDirectory,
            reader.Required("model"),
            ListenAddress.AllInterfaces(reader.WholeNumber("port", ListenAddress.DefaultPort, 0, 65535)),
            reader.Optional("name", Environment.MachineName),
            Environment.GetEnvironmentVariable(InferenceOptions.DisableCudaVariable) == "1")
        {
            RegistryUrl = registry,
            AdminToken = adminToken.Length == 0 ? null : adminToken,
            IntegrityCheck = reader.Switch("integrity-check", true),
            Validation = reader.Switch("validation", true),
            ScoringSlots = reader.WholeNumber("scoring-slots", Environment.ProcessorCount, 1, 256),
            FollowChampion = reader.Duration("follow-champion", TimeSpan.Zero),
        };
        reader.Finish();
        if (reader.Errors.Count > 0)
        {
            await Console.Error.WriteLineAsync(string.Join(Environment.NewLine, reader.Errors));
            return ExitCodes.BadInput;
        }

        await using var server = await InferenceNode.CreateAsync(options, TimeProvider.System, cancellationToken);
        await server.RunAsync(cancellationToken);
        return ExitCodes.Success;
    }

    private static Uri? ParseRegistry(string text, string modelDirectory, ArgumentReader reader)
    {
        if (text.Length == 0)
        {
            return null;
        }

        if (modelDirectory.Length > 0)
        {
            reader.AddError("Options --model-dir and --registry exclude each other: load from a folder or from the registry.");
        }

        if (!Uri.TryCreate(text.EndsWith('/') ? text : text + "/", UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            reader.AddError($"Option --registry must be an http(s) URL such as http://registry:8080, got '{text}'.");
            return null;
        }

        return uri;
    }
}
