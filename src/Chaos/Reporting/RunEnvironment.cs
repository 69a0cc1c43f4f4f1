using System.Reflection;
using System.Runtime.InteropServices;

namespace Chaos.Reporting;

/// <summary>Where a run happened: machine, .NET runtime and the inference provider in use (CUDA or CPU), the harness version and the OS.</summary>
public sealed record RunEnvironment(string Machine, string DotNetVersion, string Provider)
{
    /// <summary>The version of the chaos harness that ran; "" in reports written before it was kept.</summary>
    public string HarnessVersion { get; init; } = "";

    /// <summary>
    /// The code the run depended on: git's tree ids of src/, scenarios/ and docker/ when the harness was built ("dirty" when
    /// they had uncommitted changes; "" without git and in reports written before it was kept).
    /// </summary>
    public string CodeDigest { get; init; } = "";

    /// <summary>The operating system of the machine that ran the harness; "" in reports written before it was kept.</summary>
    public string OperatingSystem { get; init; } = "";

    /// <summary>This process's machine and runtime, with the provider the stack reported.</summary>
    public static RunEnvironment Current(string provider) =>
        new(Environment.MachineName, RuntimeInformation.FrameworkDescription, provider)
        {
            HarnessVersion = typeof(RunEnvironment).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "",
            CodeDigest = typeof(RunEnvironment).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .FirstOrDefault(a => a.Key == "ChaosCodeDigest")?.Value ?? "",
            OperatingSystem = $"{RuntimeInformation.OSDescription} ({RuntimeInformation.OSArchitecture})",
        };
}
