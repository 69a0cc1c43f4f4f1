using Chaos.Scenarios;

namespace Chaos.Slo;

/// <summary>Input validation: the share of corrupt requests the stack refused with 4xx, out of those it answered.</summary>
public static class InputValidationEvaluation
{
    /// <summary>Scores the share; too few corrupt requests for the target (the rule of three) gives no data, never a pass.</summary>
    public static SloResult Evaluate(Threshold target, long answered, long refused)
    {
        var result = AvailabilityEvaluation.ScoreFraction(SloDefinitions.InputValidation, SloDefinitions.InputValidationDefinition, target,
            answered == 0 ? null : (double)refused / answered, answered, "no corrupt request was answered");
        return answered > refused && result.Status != SloStatus.NoData ? result with { Message = $"{answered - refused} of {answered} corrupt requests got an answer instead of a refusal" } : result;
    }
}
