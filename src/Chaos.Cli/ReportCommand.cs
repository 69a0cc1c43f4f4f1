using System.CommandLine;
using Chaos.Reporting;
using Chaos.Slo;

namespace Chaos.Cli;

/// <summary>
/// <c>chaos report &lt;run-dir&gt; [--baseline &lt;run-dir&gt;]</c>: renders a run's report files again from its <c>result.json</c>,
/// and with a baseline also <c>report-vs-&lt;baseline-id&gt;.html</c>, the report side by side with the baseline run.
/// Given a gate's folder, renders the gate's <c>report.html</c> (runs, pass rates, margins, the fidelity matrix when present).
/// </summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var run = new Argument<DirectoryInfo>("run") { Description = "A run's folder, e.g. reports/20261125-114813-5dae95, or a gate's folder" };
        var baseline = new Option<DirectoryInfo?>("--baseline") { Description = "A run to compare with: its folder, e.g. an earlier run of the same scenario" };
        var command = new Command("report", "Render report.html, summary.md and junit.xml again from a run's result.json (or a gate's report.html)") { run, baseline };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var directory = parse.GetValue(run)!.FullName;
            var baselineDirectory = parse.GetValue(baseline)?.FullName;
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            if (Directory.Exists(directory) && RunFolders.IsGate(directory))
            {
                if (baselineDirectory is not null)
                {
                    await error.WriteLineAsync($"chaos: {directory}: is a gate's folder; --baseline compares two runs, give a run folder");
                    return ExitCodes.BadInput;
                }
                return await GateAsync(directory, output, error, cancellationToken);
            }
            var current = RunFolders.ReadRun(directory);
            if (current.Value is not { } report)
            {
                await error.WriteLineAsync($"chaos: {current.Error}");
                return ExitCodes.BadInput;
            }
            RunReport? before = null;
            if (baselineDirectory is not null)
            {
                var loaded = RunFolders.ReadRun(baselineDirectory);
                if (loaded.Value is null)
                {
                    await error.WriteLineAsync($"chaos: baseline: {loaded.Error}");
                    return ExitCodes.BadInput;
                }
                before = loaded.Value;
            }
            await ReportSet.WriteAllAsync(report, directory, githubStepSummary: null, cancellationToken);
            if (before is null)
            {
                await output.WriteLineAsync(Path.Combine(directory, HtmlReportWriter.FileName));
                return ExitCodes.Passed;
            }
            var compared = Path.Combine(directory, $"report-vs-{before.RunId}.html");
            await HtmlReportWriter.WriteAsync(report, before, compared, cancellationToken);
            await output.WriteLineAsync(compared);
            return ExitCodes.Passed;
        });
        return command;
    }

    private static async Task<int> GateAsync(string directory, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var folders = RunFolders.RunDirectories(directory);
        var reports = new List<RunReport>();
        foreach (var folder in folders)
        {
            var loaded = RunFolders.ReadRun(folder);
            if (loaded.Value is null)
            {
                await error.WriteLineAsync($"chaos: {loaded.Error}");
                return ExitCodes.BadInput;
            }
            reports.Add(loaded.Value);
        }
        var matrix = RunFolders.ReadMatrix(directory);
        if (matrix.Error is not null)
        {
            await error.WriteLineAsync($"chaos: {matrix.Error}");
            return ExitCodes.BadInput;
        }
        var path = Path.Combine(directory, HtmlReportWriter.FileName);
        var html = HtmlGateReportWriter.Render(reports, folders.Select(Path.GetFileName).OfType<string>().ToList(), matrix.Value);
        await File.WriteAllTextAsync(path, html, cancellationToken);
        await output.WriteLineAsync(path);
        return ExitCodes.Passed;
    }
}
