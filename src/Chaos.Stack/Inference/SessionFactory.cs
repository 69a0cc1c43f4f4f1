using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;
using SessionOptions = Microsoft.ML.OnnxRuntime.SessionOptions;

namespace Chaos.Stack.Inference;

/// <summary>Creates ONNX Runtime sessions: CUDA when it can be loaded, CPU otherwise, telemetry always off.</summary>
public sealed partial class SessionFactory(ILogger<SessionFactory> logger, bool disableCuda)
{
    private volatile bool acceleratorLost;

    /// <summary>
    /// True while the node's accelerator is lost (<c>gpu.loss</c>, or a device error): sessions are created on the CPU without
    /// trying CUDA, until the accelerator is back.
    /// </summary>
    public bool AcceleratorLost
    {
        get => acceleratorLost;
        set => acceleratorLost = value;
    }

    /// <summary>Creates a session for the model bytes and says which provider it runs on.</summary>
    public (InferenceSession Session, string Provider) Create(byte[] model)
    {
        // Mandatory before any session: ONNX Runtime would otherwise send telemetry off the machine.
        OrtEnv.Instance().DisableTelemetryEvents();
        if (disableCuda)
        {
            LogCudaDisabled(logger);
        }
        else if (acceleratorLost)
        {
            LogAcceleratorLost(logger);
        }
        else
        {
            var cudaOptions = new SessionOptions();
            try
            {
                cudaOptions.AppendExecutionProvider_CUDA(0);
                var session = new InferenceSession(model, cudaOptions);
                LogProvider(logger, ExecutionProvider.Cuda);
                return (session, ExecutionProvider.Cuda);
            }
            catch (OnnxRuntimeException exception)
            {
                LogCudaUnavailable(logger, exception.Message);
            }
            finally
            {
                cudaOptions.Dispose();
            }
        }

        // One thread per model run, no spinning: the models are small (a run takes well under a millisecond), concurrency
        // comes from the scoring slots, and spinning threads would burn the CPU quota of a fixed-size replica doing nothing.
        using var cpuOptions = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
        cpuOptions.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        cpuOptions.AddSessionConfigEntry("session.inter_op.allow_spinning", "0");
        var cpuSession = new InferenceSession(model, cpuOptions);
        LogProvider(logger, ExecutionProvider.Cpu);
        return (cpuSession, ExecutionProvider.Cpu);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "CUDA execution provider skipped: CHAOS_DISABLE_CUDA=1")]
    private static partial void LogCudaDisabled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "CUDA execution provider skipped: the accelerator is lost; the session runs on the CPU")]
    private static partial void LogAcceleratorLost(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "CUDA execution provider unavailable, falling back to CPU: {Reason}")]
    private static partial void LogCudaUnavailable(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "ONNX Runtime session created with the {Provider} execution provider")]
    private static partial void LogProvider(ILogger logger, string provider);
}
