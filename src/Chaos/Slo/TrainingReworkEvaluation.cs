using System.Globalization;
using Chaos.Scenarios;

namespace Chaos.Slo;

/// <summary>One training run killed mid-run: the stages it had finished, and the stage its resumed run started from (null: it never resumed, and all its work is lost).</summary>
public sealed record TrainingResume(int StageAtKill, int? ResumedFromStage);

/// <summary>Training rework: stages redone after a kill, the largest over the kills; the SLO is usually "&lt;= 0" or "&lt;= 1".</summary>
public static class TrainingReworkEvaluation
{
    public static SloResult Evaluate(Threshold target, IReadOnlyList<TrainingResume> resumes)
    {
        // A run that never resumed lost everything it had done.
        double? worst = resumes.Count == 0 ? null : resumes.Max(r => Math.Max(0, r.StageAtKill - (r.ResumedFromStage ?? 0)));
        var result = SloResults.Score(SloDefinitions.TrainingRework, IdSets.CountTarget(target), target, worst,
            SloDefinitions.NumberUnit, SloDefinitions.TrainingReworkDefinition, resumes.Count,
            noDataMessage: "no training run was killed");
        if (result.Status == SloStatus.NoData)
        {
            return result;
        }
        var each = string.Join("; ", resumes.Select(r => r.ResumedFromStage is { } from
            ? string.Create(CultureInfo.InvariantCulture, $"killed after stage {r.StageAtKill}, resumed from stage {from}")
            : string.Create(CultureInfo.InvariantCulture, $"killed after stage {r.StageAtKill}, never resumed")));
        return result with { Message = each };
    }
}
