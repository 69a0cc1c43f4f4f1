using System.CommandLine;
using Chaos.Engine;
using Chaos.GameDay;
using Chaos.Scenarios;
using Chaos.Slo;
using Chaos.Targets;
using Spectre.Console;

namespace Chaos.Cli;

/// <summary>
/// <c>chaos gameday</c>: the reference stack under a steady load, a live panel and a prompt to inject and revert faults, write
/// notes and mark hypotheses; or a facilitator's runbook walked step by step. On exit the report set has the human timeline.
/// </summary>
internal static class GameDayCommand
{
    public static Command Create()
    {
        var rate = new Option<double>("--rate") { Description = "Requests per second of the steady load", DefaultValueFactory = _ => GameDayOptions.DefaultRate };
        var maxDuration = new Option<string>("--max-duration") { Description = "The session ends at the latest after this long (e.g. 30m, 90s)", DefaultValueFactory = _ => "30m" };
        var variant = new Option<string>("--variant") { Description = $"Variant of the stack: {string.Join(", ", StackVariant.All.Keys)}", DefaultValueFactory = _ => "full" };
        var replicas = new Option<int>("--replicas") { Description = "Inference replicas (1 to 8)", DefaultValueFactory = _ => 2 };
        var runbook = new Option<FileInfo?>("--runbook") { Description = "A facilitator's runbook (YAML), e.g. scenarios/gameday/replica-loss.yaml" };
        var plain = new Option<bool>("--plain") { Description = "Plain lines instead of the live panel (automatic when stdin or stdout is not a terminal)" };
        var seed = new Option<int?>("--seed") { Description = "Seed of the random choices (fault targets)" };
        var reports = new Option<DirectoryInfo>("--reports") { Description = "Where reports/<run-id>/ goes", DefaultValueFactory = _ => new DirectoryInfo("reports") };
        var regions = new Option<string>("--regions") { Description = "Regions to bring up: a, or a,b for the warm standby region b behind a front door (region.loss needs it)", DefaultValueFactory = _ => "a" };
        var pipeline = new Option<bool>("--pipeline") { Description = "Also start the data pipeline fed by the load (drift monitor, retraining; the data faults, storage.crash and training.kill need it)" };
        var command = new Command("gameday", "A game day: live SLO panel, faults by hand, notes and hypotheses, a report with the human timeline")
        {
            rate, maxDuration, variant, replicas, regions, pipeline, runbook, plain, seed, reports,
        };
        command.SetAction((parse, _) => RunAsync(parse.GetValue(rate), parse.GetValue(maxDuration)!, parse.GetValue(variant)!, parse.GetValue(replicas),
            parse.GetValue(regions)!, parse.GetValue(pipeline), parse.GetValue(runbook), parse.GetValue(plain), parse.GetValue(seed), parse.GetValue(reports)!,
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    private static async Task<int> RunAsync(double rate, string maxDurationText, string variant, int replicas, string regionsText, bool pipeline, FileInfo? runbookFile, bool plain, int? seed,
        DirectoryInfo reports, TextWriter output, TextWriter error)
    {
        var problems = new List<string>();
        if (!double.IsFinite(rate) || rate is <= 0 or > 5000)
        {
            problems.Add($"--rate: expected requests per second, more than 0 and at most 5000; found {rate}");
        }
        if (!GameDayOptions.TryParseDuration(maxDurationText, out var maxDuration) || maxDuration < TimeSpan.FromSeconds(10) || maxDuration > GameDayOptions.MaxMaxDuration)
        {
            problems.Add($"--max-duration: expected a duration like 90s or 30m, from 10s to {GameDayOptions.MaxMaxDuration.TotalMinutes:0}m; found '{maxDurationText}'");
        }
        if (!StackVariant.All.ContainsKey(variant))
        {
            problems.Add($"--variant: unknown variant '{variant}'; expected one of: {string.Join(", ", StackVariant.All.Keys)}");
        }
        if (replicas is < 1 or > 8)
        {
            problems.Add($"--replicas: expected 1 to 8; found {replicas}");
        }
        var regions = regionsText.Replace(" ", "", StringComparison.Ordinal) switch
        {
            "a" => StackSpec.OneRegion,
            "a,b" => StackSpec.TwoRegions,
            _ => null,
        };
        if (regions is null)
        {
            problems.Add($"--regions: expected a (one region) or a,b (region a with its warm standby b); found '{regionsText}'");
        }
        Runbook? runbook = null;
        if (runbookFile is not null)
        {
            var (loaded, errors) = RunbookLoader.Load(runbookFile.FullName);
            problems.AddRange(errors.Select(ScenarioErrorFormatter.Format));
            runbook = loaded;
        }
        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                await error.WriteLineAsync(problem);
            }
            return ExitCodes.BadInput;
        }

        var options = new GameDayOptions
        {
            RatePerSecond = rate, MaxDuration = maxDuration, Variant = variant, Replicas = replicas, Regions = regions!, Pipeline = pipeline, Seed = seed,
        };
        var panel = !plain && !Console.IsInputRedirected && !Console.IsOutputRedirected && ReferenceEquals(output, Console.Out);
        var progress = new RoutedProgress(output);
        using var interruption = new Interruption(error);
        using var beforeTheLoad = new CancellationTokenSource();
        GameDaySession? live = null;
        using var onSignal = interruption.Token.Register(() =>
        {
            // Ctrl-C (or 'chaos stop') during the session ends it as quit does, so the report still scores what ran.
            if (Volatile.Read(ref live) is { } session)
            {
                session.RequestQuit("interrupted (Ctrl-C or chaos stop)");
            }
            else
            {
                beforeTheLoad.Cancel();
            }
        });
        try
        {
            var summary = await new GameDayRunner(TimeProvider.System).RunAsync(options, runbook,
                run =>
                {
                    IGameDayTerminal terminal = panel
                        ? new GameDayPanel(AnsiConsole.Console, run.RunId)
                        : new PlainTerminal(Console.In, output, TimeSpan.FromSeconds(5));
                    progress.Terminal = terminal;
                    return terminal;
                },
                new RunOptions
                {
                    ReportsRoot = reports.FullName,
                    Variant = variant,
                    Seed = seed,
                    GithubStepSummary = Environment.GetEnvironmentVariable("GITHUB_STEP_SUMMARY"),
                    Progress = progress,
                },
                session =>
                {
                    Volatile.Write(ref live, session);
                    if (session is null)
                    {
                        progress.Terminal = null;
                    }
                },
                beforeTheLoad.Token);
            output.WriteLine();
            output.WriteLine($"game day over: {summary.Report.Outcome.ToString().ToUpperInvariant()} - {summary.Report.Reason}");
            foreach (var slo in summary.Report.Slos)
            {
                output.WriteLine($"  {(slo.Status == SloStatus.Passed ? "ok  " : "FAIL")} {slo.Name,-16} target {slo.Target}");
            }
            output.WriteLine($"journal: {Path.Combine(summary.Directory, "journal.jsonl")}");
            output.WriteLine($"report: {Path.Combine(summary.Directory, "report.html")}");
            return summary.ExitCode;
        }
        catch (EngineUnavailableException exception)
        {
            await error.WriteLineAsync($"chaos: no verdict possible: {exception.Message}");
            return ExitCodes.NoVerdict;
        }
    }

    /// <summary>The run's lines go to the game day's terminal while it lives (the panel owns the screen), to the output otherwise.</summary>
    private sealed class RoutedProgress(TextWriter output) : IProgress<string>
    {
        private readonly Lock _gate = new();

        public IGameDayTerminal? Terminal { get; set; }

        public void Report(string value)
        {
            if (Terminal is { } terminal)
            {
                terminal.Write(value);
                return;
            }
            lock (_gate)
            {
                output.WriteLine(value);
                output.Flush();
            }
        }
    }
}
