namespace Chaos.Engine;

/// <summary>How to run a scenario: overrides from the command line, where to write, whom to tell.</summary>
public sealed record RunOptions
{
    /// <summary>Folder that receives <c>&lt;run-id&gt;/</c>.</summary>
    public string ReportsRoot { get; init; } = "reports";
    /// <summary>Variant to run against instead of the scenario's.</summary>
    public string? Variant { get; init; }
    /// <summary>Seed to replay instead of the scenario's (or a fresh one).</summary>
    public int? Seed { get; init; }
    /// <summary>Stack image; null resolves it from <c>CHAOS_STACK_IMAGE</c> or <c>.chaos/stack-image</c>.</summary>
    public string? Image { get; init; }
    /// <summary>File to append the Markdown summary to (<c>$GITHUB_STEP_SUMMARY</c>).</summary>
    public string? GithubStepSummary { get; init; }
    /// <summary>Receives one line per phase and per fault, for a terminal or a CI log.</summary>
    public IProgress<string>? Progress { get; init; }
    /// <summary>
    /// Receives a one-line status each second of the measured window (rate, successful share, p99, the fault timeline), for a
    /// terminal to redraw in place; an empty string when the window ends. Null in CI: <see cref="Progress"/> still gets a plain line every 5 s.
    /// </summary>
    public IProgress<string>? Status { get; init; }
    /// <summary>
    /// Runs beside the load once its measured window opens (a game day's console): it may inject and revert faults and
    /// write to the journal. When it returns, the load stops early; it is cancelled when the load ends.
    /// </summary>
    public Func<LiveRun, CancellationToken, Task>? Live { get; init; }
}
