using Chaos.Engine;

namespace Chaos.GameDay;

/// <summary>
/// A game day end to end, on the scenario engine: stack up, steady load, the console beside it, then (whatever ended it) every
/// fault reverted, the stack removed and the report set written with the human timeline.
/// </summary>
public sealed class GameDayRunner
{
    private readonly TimeProvider _time;

    public GameDayRunner(TimeProvider time) => _time = time;

    /// <summary>
    /// Runs the game day. <paramref name="session"/> receives the session once the load runs (to end it from outside, e.g.
    /// on Ctrl-C) and null when it is over. <paramref name="cancellationToken"/> cancels before or during the stack's start.
    /// </summary>
    public Task<RunSummary> RunAsync(GameDayOptions options, Runbook? runbook, Func<LiveRun, IGameDayTerminal> terminal, RunOptions runOptions,
        Action<GameDaySession?> session, CancellationToken cancellationToken)
    {
        var scenario = GameDayScenario.Create(options, runbook);
        return new ScenarioRunner(_time).RunAsync(scenario, runOptions with
        {
            Live = async (live, loadEnded) =>
            {
                var console = terminal(live);
                using var current = new GameDaySession(live, console, runbook, _time);
                session(current);
                try
                {
                    await console.RunAsync(() => current.RunAsync(loadEnded));
                }
                finally
                {
                    session(null);
                }
            },
        }, cancellationToken);
    }
}
