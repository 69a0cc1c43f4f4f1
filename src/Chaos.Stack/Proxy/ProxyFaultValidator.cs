namespace Chaos.Stack.Proxy;

/// <summary>Checks a proxy fault configuration and lists every problem in it.</summary>
public static class ProxyFaultValidator
{
    /// <summary>The largest delay the proxy accepts, so a typo cannot hang a run for hours.</summary>
    public const double MaxDelayMs = 60_000;

    /// <summary>Every problem of <paramref name="configuration"/>; empty when it is valid.</summary>
    public static IReadOnlyList<string> Validate(ProxyFaultConfiguration configuration)
    {
        var errors = new List<string>();
        if (!ProxyModes.TryParse(configuration.Mode, out var mode))
        {
            errors.Add($"mode must be one of {string.Join(", ", ProxyModes.Names)}, got '{configuration.Mode}'");
            return errors;
        }

        Delay(errors, "latency_ms", configuration.LatencyMs, required: mode == ProxyMode.Latency);
        Delay(errors, "jitter_ms", configuration.JitterMs, required: false);
        Delay(errors, "close_delay_ms", configuration.CloseDelayMs, required: mode == ProxyMode.SlowClose);
        if (configuration is { LatencyMs: { } latency, JitterMs: { } jitter } && jitter > latency)
        {
            errors.Add($"jitter_ms ({jitter}) must not exceed latency_ms ({latency}): a delay cannot be negative");
        }

        if (mode == ProxyMode.Bandwidth && configuration.BytesPerSecond is null)
        {
            errors.Add("bandwidth mode needs bytes_per_second");
        }
        else if (configuration.BytesPerSecond is { } rate && rate is < 1 or > 1_000_000_000)
        {
            errors.Add($"bytes_per_second must be from 1 to 1000000000, got {rate}");
        }

        return errors;
    }

    private static void Delay(List<string> errors, string name, double? value, bool required)
    {
        if (value is null)
        {
            if (required)
            {
                errors.Add($"this mode needs {name}");
            }
        }
        else if (!double.IsFinite(value.Value) || value < 0 || value > MaxDelayMs)
        {
            errors.Add($"{name} must be from 0 to {MaxDelayMs}, got {value}");
        }
    }
}
