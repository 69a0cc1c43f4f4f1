using System.CommandLine;
using Chaos.Engine;
using Chaos.Scenarios;
using Chaos.Slo;
using Chaos.Targets;

namespace Chaos.Cli;

/// <summary><c>chaos run &lt;scenario&gt;</c>: one scenario against the reference stack; the exit code is the gate.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var scenario = new Argument<FileInfo>("scenario") { Description = "Scenario file (YAML), e.g. scenarios/replica-kill.yaml" };
        var variant = new Option<string?>("--variant") { Description = $"Run against a variant of the stack: {string.Join(", ", StackVariant.All.Keys)}" };
        var seed = new Option<int?>("--seed") { Description = "Replay the random choices of an earlier run (its seed is in result.json)" };
        var reports = new Option<DirectoryInfo>("--reports") { Description = "Where reports/<run-id>/ goes", DefaultValueFactory = _ => new DirectoryInfo("reports") };
        var transport = ScenarioFiles.TransportOption();
        var command = new Command("run", "Run a scenario against the reference stack and score it against its SLOs") { scenario, variant, seed, reports, transport };
        command.SetAction((parse, _) => RunAsync(parse.GetValue(scenario)!, parse.GetValue(variant), parse.GetValue(seed), parse.GetValue(reports)!,
            parse.GetValue(transport), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    private static async Task<int> RunAsync(FileInfo file, string? variant, int? seed, DirectoryInfo reports, string? transport, TextWriter output, TextWriter error)
    {
        var loaded = ScenarioLoader.Load(file.FullName);
        if (!loaded.IsValid)
        {
            await error.WriteLineAsync(ScenarioErrorFormatter.Format(loaded.Errors));
            return ExitCodes.BadInput;
        }
        if (ScenarioFiles.WithTransport([loaded.Scenario!], transport, error) is not [var scenario])
        {
            return ExitCodes.BadInput;
        }
        if (variant is not null && !StackVariant.All.ContainsKey(variant))
        {
            await error.WriteLineAsync($"--variant: unknown variant '{variant}'; expected one of: {string.Join(", ", StackVariant.All.Keys)}");
            return ExitCodes.BadInput;
        }

        using var interruption = new Interruption(error);
        var runner = new ScenarioRunner(TimeProvider.System);
        var progress = ConsoleProgress.For(output);
        var options = new RunOptions
        {
            ReportsRoot = reports.FullName,
            Variant = variant,
            Seed = seed,
            GithubStepSummary = Environment.GetEnvironmentVariable("GITHUB_STEP_SUMMARY"),
            Progress = progress,
            Status = progress.Status,
        };
        try
        {
            var summary = await runner.RunAsync(scenario, options, interruption.Token);
            output.WriteLine();
            output.WriteLine($"verdict: {summary.Report.Outcome.ToString().ToUpperInvariant()} - {summary.Report.Reason}");
            foreach (var slo in summary.Report.Slos)
            {
                output.WriteLine($"  {(slo.Status == SloStatus.Passed ? "ok  " : "FAIL")} {slo.Name,-19} measured {Show(slo.Measured, slo.Unit),-12} target {slo.Target}{(slo.Message is null ? "" : $"  ({slo.Message})")}");
            }
            output.WriteLine($"report: {Path.Combine(summary.Directory, "report.html")}");
            output.WriteLine($"exit code {summary.ExitCode}");
            return summary.ExitCode;
        }
        catch (EngineUnavailableException exception)
        {
            await error.WriteLineAsync($"chaos: no verdict possible: {exception.Message}");
            return ExitCodes.NoVerdict;
        }
    }

    private static string Show(double? value, string unit) => value switch
    {
        null => "-",
        { } v when unit == SloDefinitions.FractionUnit => $"{v * 100:F3}%",
        { } v => $"{v:F2} {unit}",
    };
}
