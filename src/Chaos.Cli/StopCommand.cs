using System.CommandLine;
using System.Runtime.InteropServices;
using Chaos.Slo;
using Chaos.Targets;

namespace Chaos.Cli;

/// <summary>
/// <c>chaos stop</c>: the emergency stop from another terminal. Every run on this machine whose owner process is alive
/// gets SIGTERM, handled exactly as Ctrl-C in its own terminal: it reverts its active faults and removes its stack.
/// Not SIGINT: a run started in the background by a shell without job control has SIGINT ignored (POSIX), and would
/// never hear it; SIGTERM is never ignored that way.
/// </summary>
internal static partial class StopCommand
{
    private const int SigTerm = 15;

    public static Command Create()
    {
        var command = new Command("stop", "Emergency stop: every running chaos run reverts its faults and removes its stack (as Ctrl-C)");
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            using var engine = new DockerEngine();
            try
            {
                await engine.EnsureReachableAsync(cancellationToken);
            }
            catch (EngineUnavailableException exception)
            {
                await error.WriteLineAsync($"chaos: {exception.Message}");
                return ExitCodes.NoVerdict;
            }
            var owners = (await engine.ListContainersAsync(null, cancellationToken))
                .Where(c => c.Labels is not null && c.Labels.ContainsKey(ChaosLabels.Run) && c.Labels.TryGetValue(ChaosLabels.Owner, out var o) && OwnerProcess.IsAlive(o))
                .GroupBy(c => c.Labels[ChaosLabels.Owner], StringComparer.Ordinal)
                .Select(g => (Owner: g.Key, Run: g.First().Labels[ChaosLabels.Run]))
                .ToList();
            if (owners.Count == 0)
            {
                await output.WriteLineAsync("no running chaos run on this machine");
                return ExitCodes.Passed;
            }
            foreach (var (owner, run) in owners)
            {
                var pid = int.Parse(owner.Split(':')[0], System.Globalization.CultureInfo.InvariantCulture);
                var sent = kill(pid, SigTerm) == 0;
                await output.WriteLineAsync(sent
                    ? $"run {run}: stop requested (SIGTERM to pid {pid}); it reverts its faults and removes its stack"
                    : $"run {run}: could not signal pid {pid} (errno {Marshal.GetLastPInvokeError()})");
            }
            return ExitCodes.Passed;
        });
        return command;
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int signal);
}
