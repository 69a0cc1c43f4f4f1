using Chaos.Stack.Hosting;

namespace Chaos.Stack.Pipeline;

/// <summary>
/// The <c>pipeline</c> role: <c>chaos-stack pipeline --data DIR [--port 8080] [--registry URL --admin-token TOKEN]
/// [--validation|--transactional-store|--drift-monitor|--retraining|--checkpoints true|false] [--model credit]
/// [--drift-window 200] [--retrain-after-rows 5000] [--min-training-rows 0] [--retrain-cooldown 0s] [--check-interval 1s] [--seed 42]</c>.
/// </summary>
public static class PipelineCommand
{
    /// <summary>Parses the options, serves until stopped, and returns the process exit code.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var (options, errors) = Parse(arguments);
        if (errors.Count > 0)
        {
            await Console.Error.WriteLineAsync(string.Join(Environment.NewLine, errors));
            return ExitCodes.BadInput;
        }

        try
        {
            await using var server = await PipelineNode.CreateAsync(options!, TimeProvider.System, cancellationToken);
            await server.RunAsync(cancellationToken);
            return ExitCodes.Success;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or InvalidDataException or System.Text.Json.JsonException)
        {
            await Console.Error.WriteLineAsync($"pipeline cannot start with data folder {options!.DataFolder}: {exception.Message}");
            return ExitCodes.Failure;
        }
    }

    /// <summary>The options, or every problem found in the arguments.</summary>
    public static (PipelineOptions? Options, IReadOnlyList<string> Errors) Parse(IReadOnlyList<string> arguments)
    {
        var reader = new ArgumentReader(arguments);
        var registryText = reader.Optional("registry", string.Empty);
        var options = new PipelineOptions(reader.Required("data"), ListenAddress.AllInterfaces(reader.WholeNumber("port", ListenAddress.DefaultPort, 0, 65535)))
        {
            Validation = reader.Switch("validation", true),
            TransactionalStore = reader.Switch("transactional-store", true),
            DriftMonitor = reader.Switch("drift-monitor", true),
            Retraining = reader.Switch("retraining", true),
            Checkpoints = reader.Switch("checkpoints", true),
            AdminToken = reader.Optional("admin-token", string.Empty) is { Length: > 0 } token ? token : null,
            ModelName = reader.Optional("model", "credit"),
            DriftWindow = reader.WholeNumber("drift-window", 200, 20, 100_000),
            RetrainAfterNewRows = reader.WholeNumber("retrain-after-rows", 5000, 0, int.MaxValue),
            MinTrainingRows = reader.WholeNumber("min-training-rows", 0, 0, int.MaxValue),
            RetrainCooldown = reader.Duration("retrain-cooldown", TimeSpan.Zero),
            CheckInterval = reader.Duration("check-interval", TimeSpan.FromSeconds(1)),
            Seed = reader.WholeNumber("seed", 42, 0, int.MaxValue),
        };
        if (registryText.Length > 0)
        {
            if (Uri.TryCreate(registryText, UriKind.Absolute, out var registry) && registry.Scheme is "http" or "https")
            {
                options = options with { RegistryUrl = registry };
            }
            else
            {
                reader.AddError($"Option --registry must be an http(s) URL, got '{registryText}'.");
            }
        }

        if (options.Retraining && (options.RegistryUrl is null || options.AdminToken is null))
        {
            reader.AddError("Retraining publishes models: give --registry URL and --admin-token TOKEN, or --retraining false.");
        }

        reader.Finish();
        return reader.Errors.Count > 0 ? (null, reader.Errors) : (options, []);
    }
}
