namespace Chaos.Slo;

/// <summary>
/// Error-budget burn of a run over the two windows of the multi-window method: the long window (the whole measured window) and the
/// worst short window. <see cref="MaxShortWindowBurn"/> is null when no short window had traffic.
/// </summary>
public sealed record ErrorBudgetBurn(
    int LongWindowSeconds, double LongWindowBurn, int ShortWindowSeconds, double? MaxShortWindowBurn, int? MaxShortWindowStartSecond);
