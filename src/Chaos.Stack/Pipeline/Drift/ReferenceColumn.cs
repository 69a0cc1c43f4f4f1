namespace Chaos.Stack.Pipeline.Drift;

/// <summary>One feature of the reference data, prepared once: sorted values, decile cuts, bin shares, mean and deviation.</summary>
public sealed class ReferenceColumn
{
    /// <summary>Prepares <paramref name="values"/> (any order) of feature <paramref name="name"/>.</summary>
    public ReferenceColumn(string name, IEnumerable<double> values)
    {
        Name = name;
        Sorted = values.Order().ToArray();
        if (Sorted.Length < 2)
        {
            throw new ArgumentException($"the reference for {name} needs at least 2 values", nameof(values));
        }

        Cuts = DriftStatistics.ReferenceBins(Sorted);
        Shares = DriftStatistics.BinShares(Sorted, Cuts);
        var mean = Sorted.Average();
        StandardDeviation = Math.Sqrt(Sorted.Sum(v => (v - mean) * (v - mean)) / (Sorted.Length - 1));
    }

    /// <summary>The feature's name.</summary>
    public string Name { get; }

    /// <summary>The reference values, ascending.</summary>
    public double[] Sorted { get; }

    /// <summary>Interior bin cut points.</summary>
    public double[] Cuts { get; }

    /// <summary>Smoothed reference bin shares.</summary>
    public double[] Shares { get; }

    /// <summary>The reference's sample standard deviation.</summary>
    public double StandardDeviation { get; }

    /// <summary>Mid-rank empirical CDF of <paramref name="value"/> in the reference, in (0, 1): the probability-integral transform.</summary>
    public double MidRank(double value)
    {
        var below = LowerBound(value);
        var atOrBelow = UpperBound(value);
        return (below + atOrBelow + 1.0) / (2.0 * (Sorted.Length + 1.0));
    }

    /// <summary>All four statistics of <paramref name="sample"/> against this reference.</summary>
    public FeatureStatistics Compare(double[] sample)
    {
        var sorted = sample.Order().ToArray();
        var (ks, p) = DriftStatistics.KolmogorovSmirnov(Sorted, sorted);
        var shares = DriftStatistics.BinShares(sorted, Cuts);
        return new FeatureStatistics(
            ks,
            p,
            DriftStatistics.PopulationStabilityIndex(Shares, shares),
            DriftStatistics.JensenShannon(Shares, shares),
            DriftStatistics.NormalisedWasserstein(Sorted, sorted, StandardDeviation));
    }

    private int LowerBound(double value)
    {
        int lo = 0, hi = Sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (Sorted[mid] < value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private int UpperBound(double value)
    {
        int lo = 0, hi = Sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (Sorted[mid] <= value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
