using System.Globalization;

namespace Chaos.Stack.Contracts;

/// <summary>
/// The range one feature took in the model's training data (lineage). Validation accepts values within the range widened
/// by <see cref="Tolerance"/> of its span on each side: serving data may stray a little beyond what training saw, not far.
/// A feature never negative in training is never accepted negative (an age, an amount, a count).
/// </summary>
public sealed record FeatureRange(string Name, double Min, double Max)
{
    /// <summary>How far beyond the observed range a value may lie, as a fraction of the range's span.</summary>
    public const double Tolerance = 0.5;

    /// <summary>Smallest value accepted.</summary>
    public double AcceptedMin => Min >= 0 ? Math.Max(0, Min - Tolerance * (Max - Min)) : Min - Tolerance * (Max - Min);

    /// <summary>Largest value accepted.</summary>
    public double AcceptedMax => Max + Tolerance * (Max - Min);

    /// <summary>True when <paramref name="value"/> lies within the accepted range.</summary>
    public bool Accepts(double value) => value >= AcceptedMin && value <= AcceptedMax;

    /// <summary>The accepted range as text for error messages.</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture, $"[{AcceptedMin:0.###}, {AcceptedMax:0.###}]");

    /// <summary>The observed range of every column of <paramref name="rows"/>, named by <paramref name="names"/>.</summary>
    public static IReadOnlyList<FeatureRange> Observe(IReadOnlyList<string> names, IEnumerable<IReadOnlyList<float>> rows)
    {
        var min = Enumerable.Repeat(double.PositiveInfinity, names.Count).ToArray();
        var max = Enumerable.Repeat(double.NegativeInfinity, names.Count).ToArray();
        var any = false;
        foreach (var row in rows)
        {
            if (row.Count != names.Count)
            {
                throw new ArgumentException($"A row has {row.Count} values, expected {names.Count}.", nameof(rows));
            }

            any = true;
            for (var i = 0; i < names.Count; i++)
            {
                min[i] = Math.Min(min[i], row[i]);
                max[i] = Math.Max(max[i], row[i]);
            }
        }

        return any ? names.Select((name, i) => new FeatureRange(name, min[i], max[i])).ToList() : [];
    }
}
