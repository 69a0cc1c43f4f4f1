namespace Chaos.Stack.Pipeline.Retraining;

/// <summary>
/// What a checkpoint records besides the model file: which run and stage it belongs to, the data version and seed it was
/// trained with, and the SHA-256 of the model file (a checkpoint whose file does not match is ignored).
/// </summary>
public sealed record TrainingCheckpoint(string RunId, int Stage, int Stages, long DataVersion, int Seed, int IterationsPerStage, string ModelFile, string Sha256);
