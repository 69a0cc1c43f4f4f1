namespace Chaos.Stack.Ml;

/// <summary>
/// The synthetic credit-scoring task with known ground truth: features are drawn from fixed
/// distributions and the default label from a known logistic function of them. Deterministic for a seed,
/// so the trainer and the load generator can draw the same population.
/// </summary>
public static class CreditTask
{
    /// <summary>Number of features per row.</summary>
    public const int FeatureCount = 8;

    /// <summary>Feature names, in tensor column order.</summary>
    public static IReadOnlyList<string> FeatureNames { get; } =
    [
        "income", "debt_ratio", "age", "credit_history_years",
        "late_payments", "loan_amount", "employment_years", "group",
    ];

    /// <summary>Draws <paramref name="rowCount"/> applicants from a random source seeded with <paramref name="seed"/>.</summary>
    public static IReadOnlyList<CreditExample> Generate(int rowCount, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rowCount);
        var random = new Random(seed);
        var rows = new CreditExample[rowCount];
        for (var i = 0; i < rowCount; i++)
        {
            var features = DrawFeatures(random);
            var probability = TrueProbability(features);
            rows[i] = new CreditExample(features, random.NextDouble() < probability, probability);
        }

        return rows;
    }

    /// <summary>The ground-truth probability of default for one row of features.</summary>
    public static double TrueProbability(ReadOnlySpan<float> features)
    {
        if (features.Length != FeatureCount)
        {
            throw new ArgumentException($"Expected {FeatureCount} features, got {features.Length}.", nameof(features));
        }

        // The sensitive attribute `group` has coefficient 0: any group effect a model shows comes only
        // through its correlation with income, which makes fairness checks meaningful.
        var logit = -1.2
            - 0.03 * (features[0] - 50.0)
            + 3.0 * (features[1] - 0.35)
            - 0.02 * (features[2] - 40.0)
            - 0.06 * (features[3] - 8.0)
            + 0.6 * features[4]
            + 0.04 * (features[5] - 15.0)
            - 0.04 * (features[6] - 5.0);
        return 1.0 / (1.0 + Math.Exp(-logit));
    }

    /// <summary>Draws one applicant's features from <paramref name="random"/>, the population without any drift.</summary>
    public static float[] DrawFeatures(Random random)
    {
        var group = random.NextDouble() < 0.4 ? 1f : 0f;
        var age = 21.0 + random.NextDouble() * 54.0;
        var income = Math.Clamp(Math.Exp(Normal(random, Math.Log(group == 1f ? 42.0 : 55.0), 0.45)), 8.0, 400.0);
        var debtRatio = Math.Clamp(Normal(random, 0.35, 0.15), 0.0, 1.5);
        var history = random.NextDouble() * (age - 18.0);
        var latePayments = Math.Min(10.0, Math.Floor(-Math.Log(1.0 - random.NextDouble()) * 0.8));
        var loanAmount = Math.Clamp(Math.Exp(Normal(random, Math.Log(15.0), 0.6)), 1.0, 200.0);
        var employment = random.NextDouble() * Math.Min(40.0, age - 18.0);
        return
        [
            (float)income, (float)debtRatio, (float)age, (float)history,
            (float)latePayments, (float)loanAmount, (float)employment, group,
        ];
    }

    private static double Normal(Random random, double mean, double standardDeviation)
    {
        // Box-Muller: two uniforms give one standard normal draw.
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return mean + standardDeviation * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
