using Chaos.Stack.Hosting;

namespace Chaos.Stack.Gateway;

/// <summary>
/// The <c>gateway</c> role: <c>chaos-stack gateway --replicas URL[,URL] --model credit [--port 8080] [--retries 3]
/// [--circuit-breaker true|false] [--attempt-timeout 1s] [--seed 1] [--fallback true|false] [--fallback-replicas URL[,URL]]
/// [--fallback-model credit-simple] [--fallback-cache-size 10000] [--hedging true|false] [--hedging-delay 100ms] [--max-outstanding 8] [--adaptive-bulkhead true|false]
/// [--admin-token TOKEN] [--controller URL] [--discovery-interval 1s] [--region NAME] [--routing round-robin|priority]
/// [--standby-activation URL]</c>. A front door is a gateway with <c>--routing priority</c> over the regions' gateways.
/// </summary>
public static class GatewayCommand
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

        await using var server = GatewayNode.Create(options, TimeProvider.System);
        await server.RunAsync(cancellationToken);
        return ExitCodes.Success;
    }

    /// <summary>The options the arguments describe, and every problem found in them.</summary>
    public static (GatewayOptions Options, IReadOnlyList<string> Errors) Parse(IReadOnlyList<string> arguments)
    {
        var reader = new ArgumentReader(arguments);
        var replicas = ParseReplicas("replicas", reader.Required("replicas"), reader);
        var fallbackReplicas = ParseReplicas("fallback-replicas", reader.Optional("fallback-replicas", string.Empty), reader);
        var adminToken = reader.Optional("admin-token", string.Empty);
        var controller = ParseReplicas("controller", reader.Optional("controller", string.Empty), reader);
        if (controller.Count > 1)
        {
            reader.AddError("Option --controller takes one URL, such as http://controller:8080.");
        }

        var options = new GatewayOptions(
            replicas,
            reader.Required("model"),
            ListenAddress.AllInterfaces(reader.WholeNumber("port", ListenAddress.DefaultPort, 0, 65535)),
            reader.WholeNumber("retries", GatewayOptions.DefaultRetries, 0, 10),
            reader.Switch("circuit-breaker", true),
            reader.Duration("attempt-timeout", GatewayOptions.DefaultAttemptTimeout),
            reader.WholeNumber("seed", 1, int.MinValue, int.MaxValue))
        {
            Fallback = reader.Switch("fallback", true),
            FallbackReplicas = fallbackReplicas,
            FallbackModel = reader.Optional("fallback-model", GatewayOptions.DefaultFallbackModel),
            FallbackCacheSize = reader.WholeNumber("fallback-cache-size", GatewayOptions.DefaultFallbackCacheSize, 0, 1_000_000),
            Hedging = reader.Switch("hedging", true),
            HedgingDelay = reader.Duration("hedging-delay", GatewayOptions.DefaultHedgingDelay),
            MaxOutstandingPerReplica = reader.WholeNumber("max-outstanding", GatewayOptions.DefaultMaxOutstandingPerReplica, 0, 100_000),
            AdaptiveBulkhead = reader.Switch("adaptive-bulkhead", true),
            AdminToken = adminToken.Length > 0 ? adminToken : null,
            ControllerUrl = controller.Count == 1 ? controller[0] : null,
            DiscoveryInterval = reader.Duration("discovery-interval", TimeSpan.FromSeconds(1)),
            Region = NullIfEmpty(reader.Optional("region", string.Empty)),
            Priority = reader.Optional("routing", "round-robin") switch
            {
                "priority" => true,
                "round-robin" => false,
                var other => Invalid(reader, $"Option --routing must be round-robin or priority, got '{other}'."),
            },
            StandbyActivation = ParseReplicas("standby-activation", reader.Optional("standby-activation", string.Empty), reader).FirstOrDefault(),
        };
        if (options.Priority && options.Hedging)
        {
            reader.AddError("Option --routing priority needs --hedging false: a hedge would send every slow request to the standby at once.");
        }

        if (options.FallbackModel.Length == 0)
        {
            reader.AddError("Option --fallback-model needs a model name such as credit-simple.");
        }

        reader.Finish();
        return (options, reader.Errors);
    }

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;

    private static bool Invalid(ArgumentReader reader, string error)
    {
        reader.AddError(error);
        return false;
    }

    private static List<Uri> ParseReplicas(string option, string text, ArgumentReader reader)
    {
        var replicas = new List<Uri>();
        var rejected = 0;
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Uri.TryCreate(part, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            {
                replicas.Add(uri);
            }
            else
            {
                reader.AddError($"Option --{option}: '{part}' is not an absolute http(s) URL.");
                rejected++;
            }
        }

        if (replicas.Count == 0 && rejected == 0 && text.Length > 0)
        {
            reader.AddError($"Option --{option} needs at least one URL.");
        }

        return replicas;
    }
}
