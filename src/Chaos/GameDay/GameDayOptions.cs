namespace Chaos.GameDay;

/// <summary>How a game day runs: the steady load, its bound, the stack, the SLOs shown on the panel.</summary>
public sealed record GameDayOptions
{
    public const double DefaultRate = 50;
    public static readonly TimeSpan DefaultMaxDuration = TimeSpan.FromMinutes(30);
    public static readonly TimeSpan MaxMaxDuration = TimeSpan.FromHours(4);

    /// <summary>Requests per second of the steady open-model load.</summary>
    public double RatePerSecond { get; init; } = DefaultRate;
    /// <summary>The session ends (faults reverted, stack removed, reports written) at the latest after this long.</summary>
    public TimeSpan MaxDuration { get; init; } = DefaultMaxDuration;
    public string Variant { get; init; } = "full";
    public int Replicas { get; init; } = 2;
    /// <summary>Regions to bring up: <see cref="Scenarios.StackSpec.OneRegion"/>, or both for the warm standby behind a front door.</summary>
    public IReadOnlyList<string> Regions { get; init; } = Scenarios.StackSpec.OneRegion;
    /// <summary>Also start the data pipeline, fed by the load (the data faults, storage.crash and training.kill need it).</summary>
    public bool Pipeline { get; init; }
    /// <summary>Availability the budgets and burn rates are measured against (0.995 for 99.5%).</summary>
    public double AvailabilityTarget { get; init; } = 0.995;
    public TimeSpan LatencyThreshold { get; init; } = TimeSpan.FromMilliseconds(250);
    public double LatencyFraction { get; init; } = 0.99;
    public int? Seed { get; init; }

    /// <summary>Reads a duration as scenarios write it (500ms, 30s, 2m).</summary>
    public static bool TryParseDuration(string text, out TimeSpan duration) => Scenarios.ScenarioSyntax.TryParseDuration(text, out duration);
}
