using System.Globalization;

namespace Chaos.Slo;

/// <summary>Set arithmetic on item ids (model versions, committed rows), shared by the recovery-point and data-loss SLOs.</summary>
internal static class IdSets
{
    private const int Listed = 5;

    /// <summary>Distinct ids of <paramref name="expected"/> not in <paramref name="present"/>, in ordinal order so reports are stable.</summary>
    public static IReadOnlyList<string> Missing(IEnumerable<string> expected, IEnumerable<string> present)
    {
        var have = present.ToHashSet(StringComparer.Ordinal);
        return expected.Distinct(StringComparer.Ordinal).Where(id => !have.Contains(id)).Order(StringComparer.Ordinal).ToList();
    }

    public static string Describe(IReadOnlyList<string> ids) => ids.Count <= Listed
        ? string.Join(", ", ids)
        : string.Create(CultureInfo.InvariantCulture, $"{string.Join(", ", ids.Take(Listed))} and {ids.Count - Listed} more");

    public static string CountTarget(Scenarios.Threshold target) =>
        string.Create(CultureInfo.InvariantCulture, $"{target.Symbol} {target.Value:0.###}");
}
