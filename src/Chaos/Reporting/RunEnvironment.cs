using System.Runtime.InteropServices;

namespace Chaos.Reporting;

/// <summary>Where a run happened: machine, .NET runtime and the inference provider in use (CUDA or CPU).</summary>
public sealed record RunEnvironment(string Machine, string DotNetVersion, string Provider)
{
    /// <summary>This process's machine and runtime, with the provider the stack reported.</summary>
    public static RunEnvironment Current(string provider) =>
        new(Environment.MachineName, RuntimeInformation.FrameworkDescription, provider);
}
