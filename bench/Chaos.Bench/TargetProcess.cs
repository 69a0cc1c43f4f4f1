using System.Diagnostics;

namespace Chaos.Bench;

/// <summary>
/// The target in a second process (this binary with <c>serve</c>), so wrk and the generator measure the same server
/// and the generator's allocation counters see only the client.
/// </summary>
public sealed class TargetProcess : IAsyncDisposable
{
    private readonly Process _process;

    private TargetProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    /// <summary>CPUs to pin the target to (e.g. <c>1</c>); unset, it runs wherever the OS puts it.</summary>
    public const string TargetCpusVariable = "CHAOS_BENCH_TARGET_CPUS";

    public Uri BaseAddress { get; }

    public Uri InferUri => new(BaseAddress, BenchTarget.InferPath);

    public static async Task<TargetProcess> StartAsync(CancellationToken cancellationToken)
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("cannot find this process's executable to start the target");
        // CHAOS_BENCH_TARGET_CPUS pins the target to those CPUs (taskset's list syntax), so that a client pinned to the
        // others (bench/run.sh --pin) never competes with it for a core.
        var cpus = Environment.GetEnvironmentVariable(TargetCpusVariable);
        var start = new ProcessStartInfo(string.IsNullOrEmpty(cpus) ? self : "taskset") { RedirectStandardOutput = true, RedirectStandardInput = true, UseShellExecute = false };
        if (!string.IsNullOrEmpty(cpus))
        {
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(cpus);
            start.ArgumentList.Add(self);
        }
        // The target keeps the runtime's default whatever the client process runs with.
        start.Environment.Remove(Chaos.Load.SocketCompletions.Variable);
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(TargetProcess).Assembly.Location);
        }
        start.ArgumentList.Add("serve");
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start the target process {self} serve");
        using var ready = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        ready.CancelAfter(TimeSpan.FromSeconds(30));
        try
        {
            while (true)
            {
                var line = await process.StandardOutput.ReadLineAsync(ready.Token)
                    ?? throw new InvalidOperationException($"the target process exited before it listened (exit code {(process.HasExited ? process.ExitCode : -1)})");
                if (line.StartsWith(BenchTarget.ListeningPrefix, StringComparison.Ordinal))
                {
                    return new TargetProcess(process, new Uri(line[BenchTarget.ListeningPrefix.Length..].Trim()));
                }
            }
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Closing stdin asks the target to stop; kill it if it does not within five seconds.
        _process.StandardInput.Close();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _process.WaitForExitAsync(stop.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
        }
        _process.Dispose();
    }
}
