namespace Chaos.Slo;

/// <summary>One live prediction with its ground truth: the model's probability of the positive class, the true label, and the sensitive-attribute group.</summary>
public sealed record LabelledPrediction(double Probability, bool Label, string Group);
