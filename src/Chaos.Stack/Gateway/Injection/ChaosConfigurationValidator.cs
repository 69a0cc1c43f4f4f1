using Chaos.Stack.Contracts;
using Chaos.Stack.Hosting;

namespace Chaos.Stack.Gateway.Injection;

/// <summary>Checks an admin request's chaos configuration and lists every problem with its location.</summary>
public static class ChaosConfigurationValidator
{
    /// <summary>The longest latency that may be injected.</summary>
    public static TimeSpan MaxLatency { get; } = TimeSpan.FromMinutes(1);

    /// <summary>Every problem of <paramref name="configuration"/>; empty when it can be applied.</summary>
    public static IReadOnlyList<string> Validate(ChaosConfiguration configuration)
    {
        var errors = new List<string>();
        if (configuration is { Fault: null, Latency: null, Outcome: null })
        {
            errors.Add("give at least one of 'fault', 'latency', 'outcome' (DELETE /admin/chaos switches all off)");
        }

        if (configuration.Fault is { } fault)
        {
            CheckRate(errors, "fault.rate", fault.Rate);
        }

        if (configuration.Latency is { } latency)
        {
            CheckRate(errors, "latency.rate", latency.Rate);
            if (latency.Delay is null || !DurationText.TryParse(latency.Delay, out var delay) || delay <= TimeSpan.Zero || delay > MaxLatency)
            {
                errors.Add($"latency.delay must be a positive duration up to {MaxLatency.TotalSeconds:0}s such as 200ms, got '{latency.Delay}'");
            }
        }

        if (configuration.Outcome is { } outcome)
        {
            CheckRate(errors, "outcome.rate", outcome.Rate);
            if (outcome.Status is < 100 or > 599)
            {
                errors.Add($"outcome.status must be an HTTP status from 100 to 599, got {outcome.Status}");
            }
        }

        return errors;
    }

    private static void CheckRate(List<string> errors, string location, double? rate)
    {
        if (rate is not { } value || !double.IsFinite(value) || value < 0 || value > 1)
        {
            errors.Add($"{location} must be a number from 0 to 1, got {(rate is null ? "nothing" : rate.Value.ToString(System.Globalization.CultureInfo.InvariantCulture))}");
        }
    }
}
