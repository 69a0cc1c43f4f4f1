namespace Chaos.Stack.Ml;

/// <summary>Names of the models a training run writes.</summary>
public static class ModelKind
{
    /// <summary>The main model: FastTree gradient-boosted trees.</summary>
    public const string Credit = "credit";

    /// <summary>The simplified fallback model: L-BFGS logistic regression.</summary>
    public const string CreditSimple = "credit-simple";
}
