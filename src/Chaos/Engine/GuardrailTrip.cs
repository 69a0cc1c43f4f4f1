namespace Chaos.Engine;

/// <summary>A guardrail that tripped: which, when (measured-window second) and what it saw.</summary>
public sealed record GuardrailTrip(string Metric, string Limit, int FromSecond, int ToSecond, double LastValue)
{
    public string Describe() =>
        $"{Metric} {Limit} for seconds {FromSecond}-{ToSecond} of the measured window (last value {LastValue:0.####})";
}
