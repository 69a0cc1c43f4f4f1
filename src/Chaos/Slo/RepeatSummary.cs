namespace Chaos.Slo;

/// <summary>
/// N runs of one scenario: how many passed, the pass rate with its Wilson score interval (see <see cref="WilsonInterval"/>), and per SLO
/// the spread of margins. Only a <see cref="RunOutcome.Passed"/> run counts as a pass; <see cref="PassRate"/> is null without runs.
/// </summary>
public sealed record RepeatSummary(int Runs, int Passed, double? PassRate, WilsonInterval Interval, IReadOnlyList<SloMarginRange> Slos)
{
    /// <summary>Summarises <paramref name="runs"/>; <paramref name="z"/> sets the interval's confidence (1.96: 95%).</summary>
    public static RepeatSummary From(IReadOnlyList<ScoredRun> runs, double z = WilsonInterval.Z95)
    {
        var passed = runs.Count(r => r.Outcome == RunOutcome.Passed);
        var slos = runs.SelectMany(r => r.Slos).GroupBy(s => s.Name, StringComparer.Ordinal).Select(Range).ToList();
        return new RepeatSummary(runs.Count, passed, runs.Count == 0 ? null : (double)passed / runs.Count,
            WilsonInterval.For(passed, runs.Count, z), slos);
    }

    private static SloMarginRange Range(IGrouping<string, SloResult> results)
    {
        var margins = results.Where(r => r.Margin is not null).Select(r => r.Margin!.Value).Order().ToList();
        return new SloMarginRange(results.Key, results.First().Unit, results.Count(), results.Count(r => r.Status == SloStatus.Passed),
            margins.Count, margins.Count == 0 ? null : margins[0], Median(margins), margins.Count == 0 ? null : margins[^1]);
    }

    /// <summary>The middle value, or the mean of the two middle values of an even count.</summary>
    private static double? Median(List<double> sorted) => sorted.Count == 0
        ? null
        : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
}
