using Chaos.Stack.Hosting;

namespace Chaos.Stack.Gateway;

/// <summary>
/// The <c>gateway</c> role: <c>chaos-stack gateway --replicas URL[,URL] --model credit [--port 8080] [--retries 3]
/// [--circuit-breaker true|false] [--attempt-timeout 1s] [--seed 1]</c>.
/// </summary>
public static class GatewayCommand
{
    /// <summary>Parses the options, serves until stopped, and returns the process exit code.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var reader = new ArgumentReader(arguments);
        var replicas = ParseReplicas(reader.Required("replicas"), reader);
        var options = new GatewayOptions(
            replicas,
            reader.Required("model"),
            ListenAddress.AllInterfaces(reader.WholeNumber("port", ListenAddress.DefaultPort, 0, 65535)),
            reader.WholeNumber("retries", GatewayOptions.DefaultRetries, 0, 10),
            reader.Switch("circuit-breaker", true),
            reader.Duration("attempt-timeout", GatewayOptions.DefaultAttemptTimeout),
            reader.WholeNumber("seed", 1, int.MinValue, int.MaxValue));
        reader.Finish();
        if (reader.Errors.Count > 0)
        {
            await Console.Error.WriteLineAsync(string.Join(Environment.NewLine, reader.Errors));
            return ExitCodes.BadInput;
        }

        await using var server = GatewayNode.Create(options, TimeProvider.System);
        await server.RunAsync(cancellationToken);
        return ExitCodes.Success;
    }

    private static List<Uri> ParseReplicas(string text, ArgumentReader reader)
    {
        var replicas = new List<Uri>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Uri.TryCreate(part, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            {
                replicas.Add(uri);
            }
            else
            {
                reader.AddError($"Option --replicas: '{part}' is not an absolute http(s) URL.");
            }
        }

        if (replicas.Count == 0 && text.Length > 0)
        {
            reader.AddError("Option --replicas needs at least one URL.");
        }

        return replicas;
    }
}
