namespace Chaos.Stack.Ml;

/// <summary>
/// The credit task with the ground-truth changes of <see cref="CreditDrift"/> applied, seeded and deterministic. Rows are indexed
/// over one stream, so a batch drawn from <c>firstIndex</c> continues the schedule (onset, ramp, season) where the last stopped.
/// </summary>
public static class DriftingCreditTask
{
    private const double LogIncomeSigma = 0.45;
    private const double DebtRatioSigma = 0.15;

    /// <summary>Draws <paramref name="rowCount"/> rows at stream positions <paramref name="firstIndex"/> onwards.</summary>
    public static IReadOnlyList<CreditExample> Generate(int rowCount, int seed, CreditDrift drift, long firstIndex = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rowCount);
        if (drift.IsNone)
        {
            return CreditTask.Generate(rowCount, seed);
        }

        var random = new Random(seed);
        var rows = new CreditExample[rowCount];
        var produced = 0;
        for (var index = firstIndex; produced < rowCount; index++)
        {
            var strength = drift.Strength(index);
            var features = DrawFeatures(random, drift, strength, index);
            var probability = TrueProbability(features, drift.ConceptDrift * strength);
            var label = random.NextDouble() < probability;
            if (!KeepForLabelShift(random, label, 1.0 + (drift.LabelShiftOdds - 1.0) * strength))
            {
                index--;
                continue;
            }

            rows[produced++] = new CreditExample(features, label, probability);
        }

        return rows;
    }

    /// <summary>The ground-truth default probability under a concept change of <paramref name="conceptDrift"/> (0 = the base task).</summary>
    public static double TrueProbability(ReadOnlySpan<float> features, double conceptDrift)
    {
        var baseProbability = CreditTask.TrueProbability(features);
        if (conceptDrift == 0)
        {
            return baseProbability;
        }

        var logit = Math.Log(baseProbability / (1.0 - baseProbability))
            + conceptDrift * (3.0 * (features[1] - 0.35) + 0.6 * features[4]);
        return 1.0 / (1.0 + Math.Exp(-logit));
    }

    private static float[] DrawFeatures(Random random, CreditDrift drift, double strength, long index)
    {
        var features = CreditTask.DrawFeatures(random);
        // The group is redrawn from its own uniform only when its share changes, so the base stream stays intact otherwise.
        if (drift.GroupShare != 0.4)
        {
            features[7] = random.NextDouble() < drift.GroupShare ? 1f : 0f;
        }

        var shift = drift.CovariateShift * strength;
        var season = drift.SeasonalAmplitude == 0 ? 0.0 : drift.SeasonalAmplitude * strength * Math.Sin(2.0 * Math.PI * index / Math.Max(1, drift.SeasonPeriodRows));
        features[0] = (float)Math.Clamp(features[0] * Math.Exp(shift * LogIncomeSigma) * (1.0 + season), 8.0, 400.0);
        features[1] = (float)Math.Clamp(features[1] + shift * DebtRatioSigma, 0.0, 1.5);
        return features;
    }

    private static bool KeepForLabelShift(Random random, bool label, double oddsFactor)
    {
        if (oddsFactor == 1.0)
        {
            return true;
        }

        // Accept positives with min(1, k) and negatives with min(1, 1/k): the class odds scale by k and P(x|y) is untouched.
        var keep = label ? Math.Min(1.0, oddsFactor) : Math.Min(1.0, 1.0 / oddsFactor);
        return random.NextDouble() < keep;
    }
}
