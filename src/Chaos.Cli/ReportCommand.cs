using System.CommandLine;
using Chaos.Reporting;
using Chaos.Slo;

namespace Chaos.Cli;

/// <summary><c>chaos report &lt;run-dir&gt;</c>: renders a run's report files again from its <c>result.json</c>.</summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var run = new Argument<DirectoryInfo>("run") { Description = "A run's folder, e.g. reports/20261125-114813-5dae95" };
        var command = new Command("report", "Render report.html, summary.md and junit.xml again from a run's result.json") { run };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var directory = parse.GetValue(run)!;
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var resultFile = Path.Combine(directory.FullName, ResultJsonWriter.FileName);
            if (!File.Exists(resultFile))
            {
                await error.WriteLineAsync($"{resultFile}: not found; expected a run folder written by 'chaos run'");
                return ExitCodes.BadInput;
            }
            var report = ResultJsonWriter.Deserialize(await File.ReadAllTextAsync(resultFile, cancellationToken));
            if (report is null)
            {
                await error.WriteLineAsync($"{resultFile}: not a result file of this version of chaos");
                return ExitCodes.BadInput;
            }
            await ReportSet.WriteAllAsync(report, directory.FullName, githubStepSummary: null, cancellationToken);
            output.WriteLine(Path.Combine(directory.FullName, HtmlReportWriter.FileName));
            return ExitCodes.Passed;
        });
        return command;
    }
}
