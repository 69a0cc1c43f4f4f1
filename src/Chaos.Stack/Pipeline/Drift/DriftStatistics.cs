namespace Chaos.Stack.Pipeline.Drift;

/// <summary>
/// Two-sample drift statistics on one numeric feature. Binned statistics (PSI, Jensen-Shannon) use <see cref="ReferenceBins"/>:
/// cut points at the reference's deciles, duplicates merged (discrete features get fewer bins), and +1 added to every bin's
/// count on both sides before taking shares (Laplace smoothing, as Azure ML does), so an empty bin never divides by zero.
/// </summary>
public static class DriftStatistics
{
    /// <summary>Bins used by PSI and Jensen-Shannon: the reference's deciles.</summary>
    public const int DefaultBins = 10;

    /// <summary>The two-sample Kolmogorov-Smirnov statistic D and its asymptotic p-value; both inputs sorted ascending.</summary>
    public static (double Statistic, double PValue) KolmogorovSmirnov(ReadOnlySpan<double> sortedReference, ReadOnlySpan<double> sortedSample)
    {
        int n = sortedReference.Length, m = sortedSample.Length;
        int i = 0, j = 0;
        var d = 0.0;
        while (i < n && j < m)
        {
            // Step past every copy of the smaller value on both sides, so ties (discrete features) do not inflate D.
            var value = Math.Min(sortedReference[i], sortedSample[j]);
            while (i < n && sortedReference[i] == value)
            {
                i++;
            }

            while (j < m && sortedSample[j] == value)
            {
                j++;
            }

            d = Math.Max(d, Math.Abs(((double)i / n) - ((double)j / m)));
        }

        var effective = Math.Sqrt(n * (double)m / (n + m));
        return (d, KolmogorovTail((effective + 0.12 + (0.11 / effective)) * d));
    }

    /// <summary>Interior cut points: the reference's quantiles at 1/bins .. (bins-1)/bins, duplicates removed.</summary>
    public static double[] ReferenceBins(ReadOnlySpan<double> sortedReference, int bins = DefaultBins)
    {
        var cuts = new SortedSet<double>();
        for (var k = 1; k < bins; k++)
        {
            cuts.Add(sortedReference[Math.Min(sortedReference.Length - 1, (int)Math.Floor(k * sortedReference.Length / (double)bins))]);
        }

        return cuts.ToArray();
    }

    /// <summary>Smoothed bin shares of <paramref name="values"/>: bin b holds values above cut b-1 and at most cut b.</summary>
    public static double[] BinShares(ReadOnlySpan<double> values, double[] cuts)
    {
        var counts = new double[cuts.Length + 1];
        foreach (var value in values)
        {
            var bin = Array.BinarySearch(cuts, value);
            counts[bin >= 0 ? bin : ~bin]++;
        }

        var total = values.Length + counts.Length;
        for (var b = 0; b < counts.Length; b++)
        {
            counts[b] = (counts[b] + 1) / total;
        }

        return counts;
    }

    /// <summary>Population stability index: sum over bins of (actual - expected) * ln(actual / expected).</summary>
    public static double PopulationStabilityIndex(double[] expectedShares, double[] actualShares)
    {
        var psi = 0.0;
        for (var b = 0; b < expectedShares.Length; b++)
        {
            psi += (actualShares[b] - expectedShares[b]) * Math.Log(actualShares[b] / expectedShares[b]);
        }

        return psi;
    }

    /// <summary>Jensen-Shannon divergence in bits (0 = same, 1 = disjoint) between two sets of bin shares.</summary>
    public static double JensenShannon(double[] p, double[] q)
    {
        var divergence = 0.0;
        for (var b = 0; b < p.Length; b++)
        {
            var mid = (p[b] + q[b]) / 2;
            divergence += (0.5 * p[b] * Math.Log2(p[b] / mid)) + (0.5 * q[b] * Math.Log2(q[b] / mid));
        }

        return divergence;
    }

    /// <summary>The 1-Wasserstein distance between the empirical distributions divided by the reference's standard deviation.</summary>
    public static double NormalisedWasserstein(ReadOnlySpan<double> sortedReference, ReadOnlySpan<double> sortedSample, double referenceStandardDeviation)
    {
        // Integrate |F_ref(x) - F_sample(x)| over x by walking the merged sorted values.
        int n = sortedReference.Length, m = sortedSample.Length;
        int i = 0, j = 0;
        var distance = 0.0;
        var previous = Math.Min(sortedReference[0], sortedSample[0]);
        while (i < n || j < m)
        {
            var next = j >= m || (i < n && sortedReference[i] <= sortedSample[j]) ? sortedReference[i] : sortedSample[j];
            distance += Math.Abs(((double)i / n) - ((double)j / m)) * (next - previous);
            previous = next;
            while (i < n && sortedReference[i] == next)
            {
                i++;
            }

            while (j < m && sortedSample[j] == next)
            {
                j++;
            }
        }

        return referenceStandardDeviation > 0 ? distance / referenceStandardDeviation : distance;
    }

    private static double KolmogorovTail(double lambda)
    {
        // Q_KS(lambda) = 2 sum_{j>=1} (-1)^(j-1) exp(-2 j^2 lambda^2) (Numerical Recipes, with the Stephens small-sample correction above).
        if (lambda < 1e-3)
        {
            return 1.0;
        }

        var sum = 0.0;
        var sign = 1.0;
        for (var j = 1; j <= 100; j++)
        {
            var term = sign * Math.Exp(-2.0 * j * j * lambda * lambda);
            sum += term;
            if (Math.Abs(term) < 1e-12)
            {
                break;
            }

            sign = -sign;
        }

        return Math.Clamp(2.0 * sum, 0.0, 1.0);
    }
}
