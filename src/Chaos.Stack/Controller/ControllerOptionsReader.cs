using System.Globalization;
using Chaos.Stack.Hosting;

namespace Chaos.Stack.Controller;

/// <summary>Reads <see cref="ControllerOptions"/> from the command line, collecting every error.</summary>
public static class ControllerOptionsReader
{
    /// <summary>The options, or null with every problem listed.</summary>
    public static (ControllerOptions? Options, IReadOnlyList<string> Errors) Read(IReadOnlyList<string> arguments)
    {
        var reader = new ArgumentReader(arguments);
        var defaults = new ControllerOptions { RunId = string.Empty };
        var scaleInLatency = reader.Optional("scale-in-latency", string.Empty);
        var reach = reader.Optional("reach", "alias");
        var options = defaults with
        {
            RunId = reader.Required("run"),
            Role = reader.Optional("role", defaults.Role),
            MinReplicas = reader.WholeNumber("min", defaults.MinReplicas, 0, 1000),
            ActivateMinReplicas = reader.Optional("activate-min", string.Empty) is { Length: > 0 } ? reader.WholeNumber("activate-min", 1, 1, 1000) : null,
            AdminToken = reader.Optional("admin-token", string.Empty) is { Length: > 0 } token ? token : null,
            MaxReplicas = reader.WholeNumber("max", defaults.MaxReplicas, 1, 1000),
            SelfHealing = reader.Switch("self-healing", defaults.SelfHealing),
            Autoscaling = reader.Switch("autoscaling", defaults.Autoscaling),
            Interval = reader.Duration("interval", defaults.Interval),
            Cooldown = reader.Duration("cooldown", defaults.Cooldown),
            ScaleOutQueue = Number(reader, "scale-out-queue", defaults.ScaleOutQueue),
            ScaleOutLatency = reader.Duration("scale-out-latency", defaults.ScaleOutLatency),
            ScaleInQueue = Number(reader, "scale-in-queue", defaults.ScaleInQueue),
            ScaleOutQueueDepth = Number(reader, "scale-out-queue-depth", defaults.ScaleOutQueueDepth),
            ScaleOutUtilization = Number(reader, "scale-out-utilization", defaults.ScaleOutUtilization),
            ScaleOutShed = Number(reader, "scale-out-shed", defaults.ScaleOutShed),
            GatewayUrl = reader.Optional("gateway", string.Empty) is { Length: > 0 } gateway ? GatewayUri(reader, gateway) : null,
            ScaleInUtilization = Number(reader, "scale-in-utilization", defaults.ScaleInUtilization),
            ScaleInLatency = scaleInLatency.Length == 0 ? null : reader.Duration("scale-in-latency", defaults.ScaleOutLatency / 2),
            ScaleOutIntervals = reader.WholeNumber("scale-out-intervals", defaults.ScaleOutIntervals, 1, 1000),
            ScaleInIntervals = reader.WholeNumber("scale-in-intervals", defaults.ScaleInIntervals, 1, 1000),
            UnreadyProbes = reader.WholeNumber("unready-probes", defaults.UnreadyProbes, 1, 1000),
            UnansweredProbes = reader.WholeNumber("unanswered-probes", defaults.UnansweredProbes, 1, 1000),
            ReplaceBackoff = reader.Duration("replace-backoff", defaults.ReplaceBackoff),
            ReadyTimeout = reader.Duration("ready-timeout", defaults.ReadyTimeout),
            ProbeTimeout = reader.Duration("probe-timeout", defaults.ProbeTimeout),
            Reach = reach switch
            {
                "alias" => ReachMode.Alias,
                "published" => ReachMode.Published,
                _ => Invalid(reader, $"Option --reach must be alias or published, got '{reach}'."),
            },
            DockerSocket = reader.Optional("docker-socket", defaults.DockerSocket),
            Listen = ListenAddress.AllInterfaces(reader.WholeNumber("port", ListenAddress.DefaultPort, 0, 65535)),
        };
        reader.Finish();
        var errors = reader.Errors.Concat(reader.Errors.Count == 0 ? options.Validate() : []).ToList();
        return (errors.Count == 0 ? options : null, errors);
    }

    private static double Number(ArgumentReader reader, string name, double fallback)
    {
        var text = reader.Optional(name, fallback.ToString(CultureInfo.InvariantCulture));
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) && value >= 0)
        {
            return value;
        }

        reader.AddError($"Option --{name} must be a non-negative number, got '{text}'.");
        return fallback;
    }

    // The gateway's base URL, ending in '/' so that "metrics" resolves below it.
    private static Uri? GatewayUri(ArgumentReader reader, string text)
    {
        if (Uri.TryCreate(text.EndsWith('/') ? text : text + "/", UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            return uri;
        }

        reader.AddError($"Option --gateway must be an absolute http(s) URL such as http://gateway:8080, got '{text}'.");
        return null;
    }

    private static ReachMode Invalid(ArgumentReader reader, string error)
    {
        reader.AddError(error);
        return ReachMode.Alias;
    }
}
