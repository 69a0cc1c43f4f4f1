using System.Text.Json;
using Chaos.Reporting;
using Chaos.Scenarios;
using Chaos.Slo;
using Chaos.Targets;

namespace Chaos.Engine;

/// <summary>
/// <c>chaos gate --matrix</c>: the scenario set against the full stack (each scenario's repeats) and then once against every
/// single-practice variant; writes <c>matrix.json</c> and <c>matrix.md</c> into <c>reports/matrix-&lt;id&gt;/</c>, with each
/// variant's gate folder beside them.
/// </summary>
public sealed class MatrixRunner
{
    public const string JsonFileName = "matrix.json";
    public const string MarkdownFileName = "matrix.md";

    private readonly TimeProvider _time;

    public MatrixRunner(TimeProvider time) => _time = time;

    /// <summary>Expected wall time: the full stack with its repeats plus one run of every scenario per variant.</summary>
    public static TimeSpan Budget(IReadOnlyList<Scenario> scenarios, int? repeat, int variants) =>
        GateRunner.Budget(scenarios, repeat) + variants * GateRunner.Budget(scenarios, 1);

    public async Task<MatrixResult> RunAsync(IReadOnlyList<Scenario> scenarios, IReadOnlyList<StackVariant> variants, GateOptions options, CancellationToken cancellationToken)
    {
        var start = _time.GetTimestamp();
        var matrixId = $"matrix-{RunIds.New(_time)}";
        var directory = Path.GetFullPath(Path.Combine(options.ReportsRoot, matrixId));
        Directory.CreateDirectory(directory);
        var gates = new GateRunner(_time);
        var gateOptions = options with { ReportsRoot = directory, GithubStepSummary = null, StartedAt = options.StartedAt ?? start };

        options.Progress?.Report($"=== matrix: full stack ({scenarios.Count} scenario(s))");
        var full = await gates.RunAsync(scenarios, gateOptions with { Variant = StackVariant.Full.Name }, cancellationToken);
        // Every run with its folder relative to the matrix folder (gate-<id>/<run-id>), for the links of report.html.
        var folders = new List<(RunReport Run, string Folder)>();
        void Collect(GateResult gate) => folders.AddRange(gate.Runs.Select(r => (r, Path.GetRelativePath(directory, Path.Combine(gate.Directory, r.RunId)))));
        Collect(full);
        var rows = new List<(string Variant, string Description, IReadOnlyList<RunReport> Runs)>();
        foreach (var variant in variants)
        {
            if (cancellationToken.IsCancellationRequested || (options.TimeLimit is { } limit && _time.GetElapsedTime(start) >= limit))
            {
                options.Progress?.Report($"=== matrix: stopped before variant {variant.Name}: {(cancellationToken.IsCancellationRequested ? "cancelled" : "time limit reached")}");
                break;
            }
            options.Progress?.Report($"=== matrix: variant {variant.Name} ({rows.Count + 1} of {variants.Count})");
            var gate = await gates.RunAsync(scenarios, gateOptions with { Variant = variant.Name, Repeat = 1 }, cancellationToken);
            rows.Add((variant.Name, variant.Description, gate.Runs));
            Collect(gate);
        }
        var matrix = GateMatrix.Build(scenarios.Select(s => s.Name).ToList(), full.Runs, rows);
        var complete = !cancellationToken.IsCancellationRequested && rows.Count == variants.Count
            && full.Runs.Count == scenarios.Sum(s => options.Repeat ?? s.Repeat) && rows.All(r => r.Runs.Count == scenarios.Count);
        var exitCode = !complete ? ExitCodes.NoVerdict : matrix.Passed ? ExitCodes.Passed : ExitCodes.Failed;
        var result = new MatrixResult(matrixId, directory, matrix, _time.GetElapsedTime(start), exitCode, complete,
            folders.Select(f => f.Run).ToList(), folders.Select(f => f.Folder).ToList());
        await WriteAsync(result, options.Weights, options.GithubStepSummary, CancellationToken.None);
        return result;
    }

    private static async Task WriteAsync(
        MatrixResult result, IReadOnlyDictionary<string, double>? weights, string? githubStepSummary, CancellationToken cancellationToken)
    {
        var matrix = result.Matrix;
        var file = new MatrixFile(result.MatrixId, Math.Round(result.WallTime.TotalSeconds, 1), result.ExitCode, result.Complete,
            result.Complete && matrix.Passed, matrix.FullPassed, matrix.EveryVariantCaught, matrix.Scenarios, matrix.Full, matrix.Rows);
        await File.WriteAllTextAsync(Path.Combine(result.Directory, JsonFileName), JsonSerializer.Serialize(file, GateJson.Options), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(result.Directory, HtmlReportWriter.FileName),
            HtmlGateReportWriter.Render(result.Runs, result.RunFolders, FidelityMatrix.From(matrix), weights), cancellationToken);
        var markdown = MatrixMarkdown.Render(result.Matrix, result.WallTime, result.Complete);
        await File.WriteAllTextAsync(Path.Combine(result.Directory, MarkdownFileName), markdown, cancellationToken);
        if (!string.IsNullOrEmpty(githubStepSummary))
        {
            await File.AppendAllTextAsync(githubStepSummary, markdown + Environment.NewLine, cancellationToken);
        }
    }
}

/// <summary>What a matrix run found, where its files are, and its exit code (0 only when the matrix passed).</summary>
public sealed record MatrixResult(
    string MatrixId, string Directory, GateMatrix Matrix, TimeSpan WallTime, int ExitCode, bool Complete, IReadOnlyList<RunReport> Runs,
    IReadOnlyList<string> RunFolders);

/// <summary>The contents of <c>matrix.json</c>: the verdict, the full stack's cells and one row per variant (see docs/result-json.md).</summary>
public sealed record MatrixFile(
    string MatrixId, double WallTimeSeconds, int ExitCode, bool Complete, bool Passed, bool FullPassed, bool EveryVariantCaught,
    IReadOnlyList<string> Scenarios, IReadOnlyList<MatrixBaselineCell> Full, IReadOnlyList<MatrixRow> Variants);
