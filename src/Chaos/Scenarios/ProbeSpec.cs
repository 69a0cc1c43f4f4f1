namespace Chaos.Scenarios;

/// <summary>A steady-state probe: an HTTP GET against the stack's front door that must answer with <see cref="Expect"/>.</summary>
public sealed record ProbeSpec
{
    public string Kind { get; init; } = "http";
    public required string Path { get; init; }
    public int Expect { get; init; } = 200;
}
