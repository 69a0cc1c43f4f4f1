using Chaos.Stack.Hosting;

namespace Chaos.Stack.Registry;

/// <summary>
/// The <c>registry</c> role: <c>chaos-stack registry --store DIR [--port 8080] [--seed-from DIR] [--admin-token TOKEN]
/// [--replicate-from URL [--replicate-interval 1s]]</c>; with <c>--replicate-from</c> it is a read replica of that primary.
/// </summary>
public static class RegistryCommand
{
    /// <summary>Parses the options, serves until stopped, and returns the process exit code.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var reader = new ArgumentReader(arguments);
        var options = new RegistryOptions(
            reader.Required("store"),
            ListenAddress.AllInterfaces(reader.WholeNumber("port", ListenAddress.DefaultPort, 0, 65535)),
            NullIfEmpty(reader.Optional("seed-from", string.Empty)),
            NullIfEmpty(reader.Optional("admin-token", string.Empty)));
        var replicateFrom = reader.Optional("replicate-from", string.Empty);
        options = options with { ReplicateInterval = reader.Duration("replicate-interval", options.ReplicateInterval) };
        if (replicateFrom.Length > 0)
        {
            if (Uri.TryCreate(replicateFrom, UriKind.Absolute, out var primary) && primary.Scheme is "http" or "https")
            {
                options = options with { ReplicateFrom = primary };
                if (options.SeedFrom is not null)
                {
                    reader.AddError("Options --seed-from and --replicate-from exclude each other: a read replica holds only what it copies from its primary.");
                }
            }
            else
            {
                reader.AddError($"Option --replicate-from must be an http(s) URL of the primary registry, got '{replicateFrom}'.");
            }
        }

        reader.Finish();
        if (reader.Errors.Count > 0)
        {
            await Console.Error.WriteLineAsync(string.Join(Environment.NewLine, reader.Errors));
            return ExitCodes.BadInput;
        }

        try
        {
            await using var server = await RegistryNode.CreateAsync(options, TimeProvider.System, cancellationToken);
            await server.RunAsync(cancellationToken);
            return ExitCodes.Success;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or InvalidDataException or System.Text.Json.JsonException)
        {
            await Console.Error.WriteLineAsync($"registry cannot start with store {options.StoreDirectory}: {exception.Message}");
            return ExitCodes.Failure;
        }
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
