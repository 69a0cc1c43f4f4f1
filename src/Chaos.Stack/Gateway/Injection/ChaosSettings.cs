using Chaos.Stack.Contracts;
using Chaos.Stack.Hosting;

namespace Chaos.Stack.Gateway.Injection;

/// <summary>The chaos strategies switched on now: changed by the admin API, read by every attempt. Starts all off.</summary>
public sealed class ChaosSettings
{
    /// <summary>The status an injected outcome answers when none is given.</summary>
    public const int DefaultOutcomeStatus = 503;

    private readonly Lock changeLock = new();
    private volatile Snapshot current = new(ChaosConfiguration.Off, TimeSpan.Zero);

    /// <summary>The strategies on now; absent kinds are off.</summary>
    public ChaosConfiguration Current => current.Configuration;

    /// <summary>Share of attempts that fail with an injected fault.</summary>
    public double FaultRate => current.Configuration.Fault?.Rate ?? 0;

    /// <summary>Share of attempts delayed by <see cref="LatencyDelay"/>.</summary>
    public double LatencyRate => current.Configuration.Latency?.Rate ?? 0;

    /// <summary>The injected delay.</summary>
    public TimeSpan LatencyDelay => current.LatencyDelay;

    /// <summary>Share of attempts answered with <see cref="OutcomeStatus"/> without reaching the replica.</summary>
    public double OutcomeRate => current.Configuration.Outcome?.Rate ?? 0;

    /// <summary>The injected status code.</summary>
    public int OutcomeStatus => current.Configuration.Outcome?.Status ?? DefaultOutcomeStatus;

    /// <summary>Switches on the kinds present in a validated <paramref name="change"/>; kinds it leaves out keep their state.</summary>
    public ChaosConfiguration Apply(ChaosConfiguration change)
    {
        lock (changeLock)
        {
            var before = current;
            var outcome = change.Outcome is { } o ? o with { Status = o.Status ?? DefaultOutcomeStatus } : before.Configuration.Outcome;
            var configuration = new ChaosConfiguration(change.Fault ?? before.Configuration.Fault, change.Latency ?? before.Configuration.Latency, outcome);
            var delay = configuration.Latency?.Delay is { } text && DurationText.TryParse(text, out var parsed) ? parsed : TimeSpan.Zero;
            current = new Snapshot(configuration, delay);
            return configuration;
        }
    }

    /// <summary>Switches every strategy off.</summary>
    public void Clear()
    {
        lock (changeLock)
        {
            current = new Snapshot(ChaosConfiguration.Off, TimeSpan.Zero);
        }
    }

    private sealed record Snapshot(ChaosConfiguration Configuration, TimeSpan LatencyDelay);
}
