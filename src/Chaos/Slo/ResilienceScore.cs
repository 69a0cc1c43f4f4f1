using System.Collections.Frozen;
using System.Globalization;

namespace Chaos.Slo;

/// <summary>
/// Resilience score 0-100 over every SLO result of a gate (all scenarios and repeats): 100 x sum(weight x outcome) / sum(weight), with
/// passed = 1, failed = 0 and no data = 0. <see cref="Score"/> is null when no SLO was scored; <see cref="Explanation"/> prints the weights.
/// </summary>
public sealed record ResilienceScore(double? Score, double EarnedPoints, double PossiblePoints, int SloResults,
    IReadOnlyDictionary<string, double> Weights, string Explanation)
{
    /// <summary>Weight of an SLO that <see cref="DefaultWeights"/> does not name.</summary>
    public const double DefaultWeight = 1;

    /// <summary>availability 3, latency 2, timeToRecover 2; every other SLO <see cref="DefaultWeight"/>.</summary>
    public static IReadOnlyDictionary<string, double> DefaultWeights { get; } = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        [SloDefinitions.Availability] = 3,
        [SloDefinitions.Latency] = 2,
        [SloDefinitions.TimeToRecover] = 2,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>
    /// Parses <c>name=weight</c> pairs (comma separated; several texts allowed) into weights over <see cref="DefaultWeights"/>: a pair
    /// overrides the default of its SLO. Null with <paramref name="error"/> set on an unknown SLO name, a missing '=', a weight that is
    /// not a finite number >= 0, or a name given twice.
    /// </summary>
    public static IReadOnlyDictionary<string, double>? ParseWeights(IEnumerable<string> texts, out string? error)
    {
        error = null;
        var weights = new Dictionary<string, double>(DefaultWeights, StringComparer.Ordinal);
        var given = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pair in texts.SelectMany(t => t.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                error = $"'{pair}': expected name=weight, for example availability=3";
                return null;
            }
            var name = pair[..equals].Trim();
            var valueText = pair[(equals + 1)..].Trim();
            if (!SloDefinitions.Names.Contains(name, StringComparer.Ordinal))
            {
                error = $"'{name}': unknown SLO; expected one of: {string.Join(", ", SloDefinitions.Names)}";
                return null;
            }
            if (!double.TryParse(valueText, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value) || value < 0)
            {
                error = $"'{pair}': the weight must be a finite number >= 0";
                return null;
            }
            if (!given.Add(name))
            {
                error = $"'{name}': weight given twice";
                return null;
            }
            weights[name] = value;
        }
        return weights.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>Scores <paramref name="slos"/> with <paramref name="weights"/> (the defaults when null; unnamed SLOs weigh 1).</summary>
    public static ResilienceScore Compute(IEnumerable<SloResult> slos, IReadOnlyDictionary<string, double>? weights = null)
    {
        weights ??= DefaultWeights;
        var results = slos.ToList();
        double earned = 0, possible = 0;
        foreach (var slo in results)
        {
            var weight = WeightOf(slo.Name, weights);
            possible += weight;
            earned += slo.Status == SloStatus.Passed ? weight : 0;
        }
        double? score = possible > 0 ? 100 * earned / possible : null;
        var used = results.Select(s => s.Name).Concat(weights.Keys).Distinct(StringComparer.Ordinal)
            .ToDictionary(name => name, name => WeightOf(name, weights), StringComparer.Ordinal);
        return new ResilienceScore(score, earned, possible, results.Count, used, Explain(score, earned, possible, results.Count, used, weights));
    }

    private static double WeightOf(string name, IReadOnlyDictionary<string, double> weights)
    {
        var weight = weights.TryGetValue(name, out var w) ? w : DefaultWeight;
        return weight >= 0 && double.IsFinite(weight)
            ? weight
            : throw new ArgumentOutOfRangeException(nameof(weights), weight, $"the weight of SLO '{name}' must be a finite number >= 0");
    }

    private static string Explain(
        double? score, double earned, double possible, int count, IReadOnlyDictionary<string, double> used, IReadOnlyDictionary<string, double> weights)
    {
        var named = used.Where(w => weights.ContainsKey(w.Key)).OrderByDescending(w => w.Value).ThenBy(w => w.Key, StringComparer.Ordinal)
            .Select(w => Text($"{w.Key} {w.Value:0.###}"));
        var weightText = string.Join(", ", named.Append(Text($"every other SLO {DefaultWeight:0.###}")));
        var result = score is { } value
            ? Text($"{earned:0.###} of {possible:0.###} weighted points over {count} SLO results = {value:0.#}")
            : "no SLO was scored, so there is no score";
        return $"weights: {weightText}; passed = 1, failed = 0, no data = 0; score = 100 x sum(weight x outcome) / sum(weight): {result}";
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
