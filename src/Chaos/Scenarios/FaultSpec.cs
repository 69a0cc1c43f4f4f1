namespace Chaos.Scenarios;

/// <summary>One fault of the timeline: what to do, to whom, when (relative to the start of the measured window).</summary>
public sealed record FaultSpec
{
    public required TimeSpan At { get; init; }
    public required string Kind { get; init; }
    public required TargetSelector Target { get; init; }
    /// <summary>How long a reversible fault lasts before it is reverted; null: until the end of the load.</summary>
    public TimeSpan? Duration { get; init; }
    /// <summary>Share of calls a probabilistic fault hits (0..1), e.g. polly.chaos.</summary>
    public double? Rate { get; init; }
    /// <summary>What a fault with several modes does: polly.chaos fault | latency | outcome; data.drift covariate | concept | label.</summary>
    public string? Mode { get; init; }
    /// <summary>Added delay of a latency fault, or how long network.slow-close holds a close.</summary>
    public TimeSpan? Delay { get; init; }
    /// <summary>Half-width of the uniform jitter around network.latency's delay.</summary>
    public TimeSpan? Jitter { get; init; }
    /// <summary>Rate of network.bandwidth in bytes per second.</summary>
    public long? BytesPerSecond { get; init; }
    /// <summary>Cores resource.cpu keeps busy.</summary>
    public int? Cores { get; init; }
    /// <summary>Megabytes resource.memory allocates and touches.</summary>
    public int? MemoryMegabytes { get; init; }
    /// <summary>Strength of data.drift: standard deviations (covariate), relative coefficient change (concept), or odds factor - 1 (label).</summary>
    public double? Shift { get; init; }
    /// <summary>How long data.drift takes to grow to full strength (gradual); null: sudden.</summary>
    public TimeSpan? Ramp { get; init; }
    /// <summary>How many times storage.crash kills the writer.</summary>
    public int? Kills { get; init; }
    /// <summary>Where the fault is written, for messages (1-based; 0 when unknown).</summary>
    public int Line { get; init; }
    public int Column { get; init; }
}

/// <summary>Which of the run's own labelled containers a fault touches.</summary>
public sealed record TargetSelector
{
    /// <summary>The role of the targets; empty when <see cref="Region"/> alone names them (every container of the region).</summary>
    public required string Role { get; init; }
    /// <summary>The region of the targets (<c>a</c> or <c>b</c>); null: the role's containers wherever they are.</summary>
    public string? Region { get; init; }
    /// <summary><c>one</c>, <c>all</c>, or a share of the role's containers such as <c>50%</c> (rounded up, at least one).</summary>
    public string Pick { get; init; } = "one";
}
