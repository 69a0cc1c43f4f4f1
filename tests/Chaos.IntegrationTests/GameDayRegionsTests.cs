using System.Collections.Concurrent;
using System.Diagnostics;
using Chaos.Reporting;

namespace Chaos.IntegrationTests;

/// <summary>
/// A game day over two regions with the data pipeline, typed line by line into the real command as a facilitator would:
/// drift injected (the panel shows the monitor's alarm), region a lost (the panel's region line moves to b, and the
/// pipeline, which lives in region a, is shown down), then quit.
/// </summary>
[Trait("Category", "Containers")]
public sealed class GameDayRegionsTests : IDisposable
{
    private static readonly TimeSpan SeenWithin = TimeSpan.FromSeconds(40);
    private readonly string _reports = Directory.CreateTempSubdirectory("chaos-gameday-regions-").FullName;
    private readonly ConcurrentQueue<string> _lines = new();

    [Fact]
    public async Task GameDay_TwoRegionsAndPipeline_PanelShowsTheFailoverAndTheDriftAlarm()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var image = await ContainerPreconditions.RequireAsync(cancellationToken);
        using var process = Process.Start(Repository.Cli(image, "gameday", "--plain", "--regions", "a,b", "--pipeline",
            "--rate", "40", "--max-duration", "4m", "--reports", _reports))!;
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            (await SeenAsync(l => l.Contains("ready for commands", StringComparison.Ordinal), null, process, cancellationToken)).ShouldBeTrue(Transcript());
            (await SeenAsync(l => l.Contains("region a 100%", StringComparison.Ordinal), "status", process, cancellationToken)).ShouldBeTrue(Transcript());

            // The pipeline lives in region a: drift first, while it watches.
            await process.StandardInput.WriteLineAsync("inject data.drift shift=2".AsMemory(), cancellationToken);
            (await SeenAsync(l => l.Contains("drift ALARM", StringComparison.Ordinal), "status", process, cancellationToken)).ShouldBeTrue(Transcript());

            await process.StandardInput.WriteLineAsync("inject region.loss region=a".AsMemory(), cancellationToken);
            (await SeenAsync(l => l.Contains("region b ", StringComparison.Ordinal), "status", process, cancellationToken)).ShouldBeTrue(Transcript());
            (await SeenAsync(l => l.Contains("(pipeline down)", StringComparison.Ordinal), "status", process, cancellationToken)).ShouldBeTrue(Transcript());

            await process.StandardInput.WriteLineAsync("quit".AsMemory(), cancellationToken);
            using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            bound.CancelAfter(TimeSpan.FromMinutes(4));
            await process.WaitForExitAsync(bound.Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        var run = Directory.GetDirectories(_reports).ShouldHaveSingleItem(Transcript());
        var events = GameDayJournalEntry.Read(run);
        events.ShouldContain(e => e.Type == RunEvent.Types.FaultVerified && e["kind"] == "region.loss", Transcript());
        events.ShouldContain(e => e.Type == RunEvent.Types.FaultReverted && e["kind"] == "region.loss" && e["confirmed"] == "True", Transcript());
        events.ShouldContain(e => e.Type == RunEvent.Types.FaultVerified && e["kind"] == "data.drift", Transcript());
        await ReplicaKillTests.ShouldLeaveNothingBehindAsync(Path.GetFileName(run));
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            _lines.Enqueue(line);
        }
    }

    private string Transcript() => string.Join('\n', _lines);

    /// <summary>Waits for a line that matches, typing <paramref name="ask"/> (e.g. status) once a second meanwhile.</summary>
    private async Task<bool> SeenAsync(Func<string, bool> match, string? ask, Process process, CancellationToken cancellationToken)
    {
        var from = _lines.Count;
        var clock = Stopwatch.StartNew();
        using var tick = new PeriodicTimer(TimeSpan.FromSeconds(1));
        while (clock.Elapsed < SeenWithin && !process.HasExited)
        {
            if (_lines.Skip(from).Any(match))
            {
                return true;
            }
            if (ask is not null)
            {
                await process.StandardInput.WriteLineAsync(ask.AsMemory(), cancellationToken);
            }
            await tick.WaitForNextTickAsync(cancellationToken);
        }
        return _lines.Skip(from).Any(match);
    }

    public void Dispose() => Directory.Delete(_reports, recursive: true);
}
