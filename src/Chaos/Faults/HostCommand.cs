using System.Diagnostics;

namespace Chaos.Faults;

/// <summary>Runs a host command (nsenter, iptables) with its arguments passed as a list, never through a shell.</summary>
public static class HostCommand
{
    /// <summary>The exit code and output of <paramref name="file"/>; a missing program is a <see cref="FaultTargetException"/>.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string file, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new FaultTargetException($"could not start {file}");
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            throw new FaultTargetException($"could not run {file}: {exception.Message} (the harness needs it on PATH and runs as root)");
        }
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            try
            {
                await process.WaitForExitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }
            return (process.ExitCode, await output, await error);
        }
    }
}
