namespace Chaos.Scenarios;

/// <summary>
/// A steady-state probe. <c>http</c>: a GET of <see cref="Path"/> that must answer <see cref="Expect"/>. <c>infer</c>: a
/// correctness canary that posts <see cref="Inputs"/> to <see cref="Model"/> (at <see cref="Path"/>) and expects
/// <see cref="ExpectedOutputs"/> within <see cref="Tolerance"/>.
/// </summary>
public sealed record ProbeSpec
{
    public string Kind { get; init; } = KnownProbeKinds.Http;
    public required string Path { get; init; }
    /// <summary>The HTTP status the probe must see.</summary>
    public int Expect { get; init; } = 200;
    /// <summary>The model an <c>infer</c> probe asks; null for <c>http</c>.</summary>
    public string? Model { get; init; }
    /// <summary>The rows an <c>infer</c> probe sends, each with the model's features in order; null for <c>http</c>.</summary>
    public float[][]? Inputs { get; init; }
    /// <summary>One expected output per input row; null for <c>http</c>.</summary>
    public double[]? ExpectedOutputs { get; init; }
    /// <summary>Largest absolute difference allowed between an output and its expected value.</summary>
    public double Tolerance { get; init; }
}
