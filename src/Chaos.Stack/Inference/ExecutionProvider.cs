namespace Chaos.Stack.Inference;

/// <summary>Names of the ONNX Runtime execution providers as reported in metadata and metrics.</summary>
public static class ExecutionProvider
{
    /// <summary>The CPU provider.</summary>
    public const string Cpu = "cpu";

    /// <summary>The CUDA provider.</summary>
    public const string Cuda = "cuda";
}
