using Chaos.Scenarios;

namespace Chaos.Slo;

/// <summary>Data validation: the share of bad rows fed to the pipeline that it kept out of its table.</summary>
public static class DataValidationEvaluation
{
    /// <summary>Scores the share; a table that was not read, or too few bad rows for the target (the rule of three), gives no data.</summary>
    public static SloResult Evaluate(Threshold target, long delivered, long? admitted)
    {
        if (admitted is null)
        {
            return AvailabilityEvaluation.ScoreFraction(SloDefinitions.DataValidation, SloDefinitions.DataValidationDefinition, target, null, 0,
                "the pipeline's table could not be read after the run, so what it admitted is unknown");
        }
        var result = AvailabilityEvaluation.ScoreFraction(SloDefinitions.DataValidation, SloDefinitions.DataValidationDefinition, target,
            delivered == 0 ? null : (double)(delivered - admitted.Value) / delivered, delivered, "no bad row reached the pipeline");
        return result.Status == SloStatus.NoData ? result : result with { Message = $"{admitted} of {delivered} bad rows are in the table" };
    }
}
