namespace Chaos.Slo;

/// <summary>The one place that turns a measurement and a target into a status: no measurement is no data, never a pass.</summary>
internal static class SloResults
{
    public static SloResult Score(
        string name, string target, Scenarios.Threshold threshold, double? measured, string unit, string definition, long samples,
        string noDataMessage)
    {
        if (measured is not { } value || samples == 0)
        {
            return new SloResult(name, target, null, null, SloStatus.NoData, unit, definition, samples) { Message = noDataMessage };
        }
        var status = threshold.IsMetBy(value) ? SloStatus.Passed : SloStatus.Failed;
        return new SloResult(name, target, value, threshold.MarginOf(value), status, unit, definition, samples);
    }
}
