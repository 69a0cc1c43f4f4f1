using Chaos.Scenarios;

namespace Chaos.Slo;

/// <summary>Input validation: the share of corrupt requests the stack refused with 4xx, out of those it answered.</summary>
public static class InputValidationEvaluation
{
    /// <summary>Scores the share; too few corrupt requests for the target (the rule of three) gives no data, never a pass.</summary>
    public static SloResult Evaluate(Threshold target, long answered, long refused)
    {
        double? measured = answered == 0 ? null : (double)refused / answered;
        var formatted = AvailabilityEvaluation.FormatPercentTarget(target);
        if (measured is { } value && target.IsMetBy(value) && SampleSize.Shortfall(target, answered) is { } shortfall)
        {
            return new SloResult(SloDefinitions.InputValidation, formatted, measured, null, SloStatus.NoData, SloDefinitions.FractionUnit,
                SloDefinitions.InputValidationDefinition, answered) { Message = shortfall };
        }
        var result = SloResults.Score(SloDefinitions.InputValidation, formatted, target, measured, SloDefinitions.FractionUnit,
            SloDefinitions.InputValidationDefinition, answered, noDataMessage: "no corrupt request was answered");
        return answered > refused ? result with { Message = $"{answered - refused} of {answered} corrupt requests got an answer instead of a refusal" } : result;
    }
}
