using Chaos.Scenarios;
using static Chaos.Tests.Scenarios.ScenarioParsing;

namespace Chaos.Tests.Scenarios;

public sealed class GuardrailParsingTests
{
    private const string OneGuardrail = "  - metric: errorRate\n    above: 50%\n    for: 5s\n";

    [Fact]
    public void Parse_Guardrails_ReadsMetricLimitDurationAndLocation()
    {
        var guardrails = Valid(ValidScenarios.EveryKey).Guardrails;

        guardrails.ShouldBe(
        [
            new GuardrailSpec(KnownGuardrailMetrics.ErrorRate, new Threshold(Comparison.GreaterThan, 0.5), TimeSpan.FromSeconds(5), 32, 5),
            new GuardrailSpec(KnownGuardrailMetrics.P99Latency, new Threshold(Comparison.GreaterThan, 2), TimeSpan.FromSeconds(10), 35, 5),
            new GuardrailSpec(KnownGuardrailMetrics.Availability, new Threshold(Comparison.LessThan, 0.2), TimeSpan.FromSeconds(3), 36, 5),
        ]);
    }

    [Fact]
    public void Parse_NoGuardrails_IsEmpty()
    {
        Valid(ValidScenarios.ReplicaKill).Guardrails.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("above: 50%", "below: 50%", 33, 12, "guardrails[0].below does not apply to metric errorRate, which trips above its limit")]
    [InlineData("above: 50%", "above: 150%", 33, 12, "invalid value '150%' for guardrails[0].above; expected a percentage")]
    [InlineData("above: 50%", "above: 0.5", 33, 12, "invalid value '0.5' for guardrails[0].above")]
    [InlineData("for: 5s", "for: 1500ms", 34, 10, "invalid value '1500ms' for guardrails[0].for; expected a whole number of seconds")]
    [InlineData("for: 5s", "for: 0s", 34, 10, "invalid value '0s' for guardrails[0].for")]
    [InlineData("metric: errorRate", "metric: cpu", 32, 13, "invalid value 'cpu' for guardrails[0].metric; expected one of: availability, errorRate, p99Latency")]
    [InlineData("above: 2s", "above: 2%", 35, 34, "invalid value '2%' for guardrails[1].above; expected a duration")]
    [InlineData("below: 20%", "above: 20%", 36, 36, "guardrails[2].above does not apply to metric availability, which trips below its limit")]
    [InlineData("above: 50%\n", "above: 50%\n    burst: 1\n", 34, 5, "unknown key 'burst' in guardrails[0]")]
    public void Parse_InvalidGuardrail_ReportsOneLocatedError(string oldText, string newText, int line, int column, string message)
    {
        var error = SingleError(EveryKeyWith(oldText, newText));

        error.Message.ShouldStartWith(message);
        (error.Line, error.Column).ShouldBe((line, column), error.Message);
    }

    [Fact]
    public void Parse_GuardrailWithoutLimitOrDuration_ReportsBoth()
    {
        var result = Parse(EveryKeyWith(OneGuardrail, "  - metric: errorRate\n"));

        result.Errors.Select(e => e.Message[..e.Message.IndexOf(';', StringComparison.Ordinal)]).ShouldBe(
            ["missing required key 'above' in guardrails[0]", "missing required key 'for' in guardrails[0]"]);
    }
}
