namespace Chaos.Scenarios;

/// <summary>The steady-state probe kinds a scenario may name: the one place that lists them.</summary>
public static class KnownProbeKinds
{
    /// <summary>An HTTP GET that must answer with an expected status.</summary>
    public const string Http = "http";

    /// <summary>A correctness canary: fixed rows sent to a model, whose outputs must match within a tolerance.</summary>
    public const string Infer = "infer";

    /// <summary>Consistency: the same seeded applicants sent to every inference replica directly must get the same answers within a tolerance.</summary>
    public const string Consistency = "consistency";

    public static readonly IReadOnlySet<string> All = new SortedSet<string>(StringComparer.Ordinal) { Http, Infer, Consistency };
}
