namespace Chaos.Stack.Ml;

/// <summary>One applicant of the synthetic credit task: its features, the drawn label and the true default probability.</summary>
/// <param name="Features">The eight FP32 features in <see cref="CreditTask.FeatureNames"/> order.</param>
/// <param name="Label">True when the applicant defaulted (drawn from <paramref name="TrueProbability"/>).</param>
/// <param name="TrueProbability">The ground-truth default probability given by the known logistic function.</param>
public sealed record CreditExample(float[] Features, bool Label, double TrueProbability);
