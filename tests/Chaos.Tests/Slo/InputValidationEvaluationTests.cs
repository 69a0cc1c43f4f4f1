using Chaos.Scenarios;
using Chaos.Slo;

namespace Chaos.Tests.Slo;

public sealed class InputValidationEvaluationTests
{
    private static readonly Threshold AtLeast95 = new(Comparison.AtLeast, 0.95);

    [Fact]
    public void Evaluate_EveryCorruptRequestRefused_Passes()
    {
        var result = InputValidationEvaluation.Evaluate(AtLeast95, answered: 100, refused: 100);

        result.Name.ShouldBe(SloDefinitions.InputValidation);
        result.Status.ShouldBe(SloStatus.Passed);
        result.Measured.ShouldBe(1.0);
        result.Definition.ShouldBe(SloDefinitions.InputValidationDefinition);
    }

    [Fact]
    public void Evaluate_AThirdAnswered_FailsAndSaysHowMany()
    {
        var result = InputValidationEvaluation.Evaluate(AtLeast95, answered: 99, refused: 66);

        result.Status.ShouldBe(SloStatus.Failed);
        result.Measured.ShouldBe(66 / 99.0);
        result.Message.ShouldBe("33 of 99 corrupt requests got an answer instead of a refusal");
    }

    [Fact]
    public void Evaluate_TooFewForTheTarget_IsNoDataNotAPass() =>
        InputValidationEvaluation.Evaluate(AtLeast95, answered: 20, refused: 20).Status.ShouldBe(SloStatus.NoData);

    [Fact]
    public void Evaluate_NothingAnswered_IsNoData() =>
        InputValidationEvaluation.Evaluate(AtLeast95, answered: 0, refused: 0).Status.ShouldBe(SloStatus.NoData);
}
