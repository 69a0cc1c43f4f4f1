using System.Globalization;
using Chaos.Scenarios;

namespace Chaos.Slo;

/// <summary>Data loss: acknowledged rows not readable after the fault, plus partial reads observed; the SLO is usually "&lt;= 0".</summary>
public static class DataLossEvaluation
{
    /// <summary>Distinct acknowledged ids that were not readable after the fault, in ordinal order.</summary>
    public static IReadOnlyList<string> Lost(IEnumerable<string> acknowledgedIds, IEnumerable<string> readableIds) => IdSets.Missing(acknowledgedIds, readableIds);

    /// <summary>Scores lost rows + partial reads against <paramref name="target"/>; nothing acknowledged gives no data.</summary>
    public static SloResult Evaluate(
        Threshold target, IReadOnlyCollection<string> acknowledgedIds, IReadOnlyCollection<string> readableIds, long partialReads)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(partialReads);
        var lost = Lost(acknowledgedIds, readableIds);
        var samples = acknowledgedIds.Distinct(StringComparer.Ordinal).LongCount();
        var result = SloResults.Score(SloDefinitions.DataLoss, IdSets.CountTarget(target), target, samples == 0 ? null : lost.Count + partialReads,
            SloDefinitions.NumberUnit, SloDefinitions.DataLossDefinition, samples,
            noDataMessage: "no write was acknowledged, so none could be lost");
        if (result.Status == SloStatus.NoData)
        {
            return result;
        }
        var lostText = lost.Count == 0 ? "no acknowledged row lost" : $"{lost.Count} acknowledged rows lost ({IdSets.Describe(lost)})";
        return result with { Message = string.Create(CultureInfo.InvariantCulture, $"{lostText}; {partialReads} partial reads observed") };
    }
}
