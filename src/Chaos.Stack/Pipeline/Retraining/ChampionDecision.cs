namespace Chaos.Stack.Pipeline.Retraining;

/// <summary>The gate's verdict on a candidate, with the numbers it compared.</summary>
public sealed record ChampionDecision(bool Promote, string Reason, ModelQuality Candidate, ModelQuality? Champion)
{
    /// <summary>Compares <paramref name="candidate"/> with <paramref name="champion"/> (null: there is none, the candidate wins if fair enough).</summary>
    public static ChampionDecision Decide(ModelQuality candidate, ModelQuality? champion, ChampionGateOptions options)
    {
        var gapLimit = Math.Max(options.MaxSubgroupGap, champion?.SubgroupGap ?? 0);
        if (candidate.SubgroupGap > gapLimit)
        {
            return new(false, $"subgroup accuracy gap {candidate.SubgroupGap:F3} exceeds {gapLimit:F3}", candidate, champion);
        }

        if (champion is null)
        {
            return new(true, "no champion yet", candidate, null);
        }

        return candidate.Auc >= champion.Auc - options.MaxAucLoss
            ? new(true, $"holdout AUC {candidate.Auc:F4} vs champion {champion.Auc:F4}", candidate, champion)
            : new(false, $"holdout AUC {candidate.Auc:F4} is worse than the champion's {champion.Auc:F4} by more than {options.MaxAucLoss}", candidate, champion);
    }
}
