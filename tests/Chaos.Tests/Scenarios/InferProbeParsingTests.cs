using Chaos.Scenarios;
using static Chaos.Tests.Scenarios.ScenarioParsing;

namespace Chaos.Tests.Scenarios;

public sealed class InferProbeParsingTests
{
    [Fact]
    public void Parse_InferProbe_ReadsModelRowsAndExpectation()
    {
        var probe = Valid(ValidScenarios.EveryKey).SteadyState[1];

        probe.Kind.ShouldBe(KnownProbeKinds.Infer);
        probe.Model.ShouldBe("credit");
        probe.Path.ShouldBe("/v2/models/credit/infer");
        probe.Inputs.ShouldNotBeNull().Length.ShouldBe(2);
        probe.Inputs[0].ShouldBe([50f, 0.3f, 40f, 8f, 0f, 15f, 5f, 0f]);
        probe.ExpectedOutputs.ShouldBe([0.169, 0.8]);
        probe.Tolerance.ShouldBe(0.01);
    }

    [Fact]
    public void Parse_HttpProbe_KeepsItsFields()
    {
        var probe = Valid(ValidScenarios.EveryKey).SteadyState[0];

        probe.ShouldBe(new ProbeSpec { Kind = KnownProbeKinds.Http, Path = "/v2/health/ready", Expect = 200 });
    }

    [Fact]
    public void Parse_InferProbeWithoutTolerance_DefaultsToOneHundredth()
    {
        Valid(EveryKeyWith(", tolerance: 0.01 }", " }")).SteadyState[1].Tolerance.ShouldBe(0.01);
    }

    [Theory]
    [InlineData("0, 15, 5, 0], [20", "0, 15, 5], [20", 25, 14, "steadyState[1].inputs[0] has 7 numbers; expected 8")]
    [InlineData("[0.169, 0.8]", "[0.169]", 26, 24, "steadyState[1].expect.outputs has 1 numbers; expected one per input row (2)")]
    [InlineData("0.3, 40", "x, 40", 25, 19, "invalid value 'x' for steadyState[1].inputs[0][1]; expected a number")]
    [InlineData("tolerance: 0.01", "tolerance: 2", 26, 49, "invalid value '2' for steadyState[1].expect.tolerance")]
    [InlineData("model: credit", "model: 'cre dit'", 24, 12, "invalid value 'cre dit' for steadyState[1].model")]
    [InlineData("model: credit\n", "model: credit\n    path: /x\n", 25, 5, "unknown key 'path' in steadyState[1]; expected one of: probe, model, inputs, expect")]
    [InlineData("    expect: 200\n", "    expect: 200\n    model: credit\n", 23, 5, "unknown key 'model' in steadyState[0]; expected one of: probe, path, expect")]
    [InlineData("inputs: [[50, 0.3, 40, 8, 0, 15, 5, 0], [20, 0.9, 1, 0, 3, 2, 1, 1]]", "inputs: []", 25, 13, "steadyState[1].inputs has 0 rows")]
    [InlineData("expect: { outputs: [0.169, 0.8], tolerance: 0.01 }", "expect: 200", 26, 13, "expected steadyState[1].expect to be a mapping")]
    public void Parse_InvalidInferProbe_ReportsOneLocatedError(string oldText, string newText, int line, int column, string message)
    {
        var error = SingleError(EveryKeyWith(oldText, newText));

        error.Message.ShouldStartWith(message);
        (error.Line, error.Column).ShouldBe((line, column), error.Message);
    }
}
