namespace Chaos.Slo;

/// <summary>
/// One SLO across the repeats of a scenario: in how many runs it was scored, passed and measured, and the minimum, median and maximum
/// margin over the runs that measured it (null when none did), in <see cref="Unit"/>.
/// </summary>
public sealed record SloMarginRange(
    string Name, string Unit, int Runs, int Passed, int Measured, double? MinimumMargin, double? MedianMargin, double? MaximumMargin);
