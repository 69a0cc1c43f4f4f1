using System.Globalization;
using Chaos.Targets;

namespace Chaos.Faults.ResourcePressure;

/// <summary>
/// The stack executable's <c>stress</c> role, started with <c>docker exec</c> inside a target container (the image has no
/// shell) and stopped by its host pid. It is bounded by its own <c>--for</c> too, so a lost revert cannot burn forever.
/// </summary>
public sealed record StressProcess(string ContainerId, string Alias, long HostPid)
{
    /// <summary>The stack executable inside the image.</summary>
    public const string Executable = "/app/chaos-stack";

    /// <summary>Starts <c>chaos-stack stress</c> with <paramref name="arguments"/> inside the container.</summary>
    public static async Task<StressProcess> StartAsync(DockerEngine engine, StackContainer target, IReadOnlyList<string> arguments, TimeSpan bound, CancellationToken cancellationToken)
    {
        var seconds = Math.Ceiling(bound.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        var pid = await engine.ExecDetachedAsync(target.Id, [Executable, "stress", .. arguments, "--for", $"{seconds}s"], cancellationToken);
        if (pid <= 0)
        {
            throw new FaultTargetException($"the stress process in {target.Alias} did not start (the engine reports no pid)");
        }
        return new StressProcess(target.Id, target.Alias, pid);
    }

    /// <summary>True while the process runs (and is still ours: its command line names the stress role).</summary>
    public bool IsRunning
    {
        get
        {
            try
            {
                return File.ReadAllText($"/proc/{HostPid}/cmdline").Contains("stress", StringComparison.Ordinal);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                return false;
            }
        }
    }

    /// <summary>Kills the process if it still runs; true once it is gone.</summary>
    public async Task<bool> StopAsync(TimeProvider time, CancellationToken cancellationToken)
    {
        if (IsRunning)
        {
            try
            {
                using var process = System.Diagnostics.Process.GetProcessById((int)HostPid);
                process.Kill();
            }
            catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Gone between the check and the kill.
            }
        }
        var start = time.GetTimestamp();
        while (IsRunning && time.GetElapsedTime(start) < TimeSpan.FromSeconds(5))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), time, cancellationToken);
        }
        return !IsRunning;
    }
}
