using Chaos.Scenarios;

namespace Chaos.Slo;

/// <summary>Recovery point objective for region loss: items (model versions, committed rows) in the primary but missing in the standby.</summary>
public static class RecoveryPointEvaluation
{
    /// <summary>Distinct ids in <paramref name="primaryIds"/> that <paramref name="standbyIds"/> lacks, in ordinal order.</summary>
    public static IReadOnlyList<string> Missing(IEnumerable<string> primaryIds, IEnumerable<string> standbyIds) => IdSets.Missing(primaryIds, standbyIds);

    /// <summary>Scores the missing count against <paramref name="target"/> (for example "&lt;= 0"); an empty primary gives no data.</summary>
    public static SloResult Evaluate(Threshold target, IReadOnlyCollection<string> primaryIds, IReadOnlyCollection<string> standbyIds)
    {
        var missing = Missing(primaryIds, standbyIds);
        var samples = primaryIds.Distinct(StringComparer.Ordinal).LongCount();
        var result = SloResults.Score(SloDefinitions.RecoveryPoint, IdSets.CountTarget(target), target, samples == 0 ? null : missing.Count,
            SloDefinitions.NumberUnit, SloDefinitions.RecoveryPointDefinition, samples,
            noDataMessage: "the primary held no items, so none could be missing in the standby");
        return missing.Count == 0 ? result : result with { Message = $"missing in the standby: {IdSets.Describe(missing)}" };
    }
}
