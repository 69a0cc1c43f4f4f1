using Chaos.Scenarios;
using static Chaos.Tests.Scenarios.ScenarioParsing;

namespace Chaos.Tests.Scenarios;

public sealed class ConsistencyProbeParsingTests
{
    private static string With(string probe) =>
        $"name: a\nload: {{ rate: 5, duration: 2s }}\nsteadyState:\n  - {probe}\nslos: {{ availability: '>= 99%' }}\n";

    [Fact]
    public void Parse_ConsistencyProbe_ReadsModelAndTolerance() =>
        Valid(With("{ probe: consistency, model: credit, tolerance: 0.001 }")).SteadyState.ShouldHaveSingleItem()
            .ShouldBe(new ProbeSpec { Kind = KnownProbeKinds.Consistency, Path = "/v2/models/credit/infer", Model = "credit", Tolerance = 0.001 });

    [Fact]
    public void Parse_ConsistencyProbeWithoutTolerance_AllowsOnlyFloatNoise() =>
        Valid(With("{ probe: consistency, model: credit }")).SteadyState.ShouldHaveSingleItem().Tolerance.ShouldBe(1e-6);

    [Fact]
    public void Parse_ConsistencyProbeWithoutModel_ErrorNamesIt() =>
        SingleError(With("{ probe: consistency }")).Message.ShouldBe("missing required key 'model' in steadyState[0]; expected a model name like credit");

    [Fact]
    public void Parse_ConsistencyProbeWithInputs_IsAnUnknownKey() =>
        SingleError(With("{ probe: consistency, model: credit, inputs: [[1]] }")).Message.ShouldContain("inputs");
}
