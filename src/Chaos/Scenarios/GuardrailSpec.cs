namespace Chaos.Scenarios;

/// <summary>
/// Abort the run when <see cref="Metric"/>, computed per one-second interval, is past <see cref="Limit"/> for <see cref="For"/>
/// consecutive seconds. Limits are fractions for percentages and seconds for durations; <see cref="Line"/> and
/// <see cref="Column"/> locate it in the file (1-based).
/// </summary>
public sealed record GuardrailSpec(string Metric, Threshold Limit, TimeSpan For, int Line, int Column);
