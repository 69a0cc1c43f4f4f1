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

    /// <summary>
    /// Runs the matrix. With <paramref name="prior"/> (<c>--resume</c>) it continues in that folder: a scenario whose runs for a
    /// stack are all there already is not run again, and the wall time adds to the earlier parts'.
    /// </summary>
    public async Task<MatrixResult> RunAsync(
        IReadOnlyList<Scenario> scenarios, IReadOnlyList<StackVariant> variants, GateOptions options, CancellationToken cancellationToken,
        PriorMatrixRuns? prior = null)
    {
        var start = _time.GetTimestamp();
        var directory = prior?.Directory ?? Path.GetFullPath(Path.Combine(options.ReportsRoot, $"matrix-{RunIds.New(_time)}"));
        var matrixId = Path.GetFileName(directory);
        Directory.CreateDirectory(directory);
        var (earlierSeconds, earlierParts) = prior is null ? (0d, 0) : EarlierParts(directory);
        var gates = new GateRunner(_time);
        var gateOptions = options with { ReportsRoot = directory, GithubStepSummary = null, StartedAt = options.StartedAt ?? start };
        // Every run with its folder relative to the matrix folder (gate-<id>/<run-id>), for the links of report.html.
        var folders = new List<(RunReport Run, string Folder)>();

        // One stack's runs: those a resumed folder holds already, then a gate of the scenarios still missing.
        async Task<List<RunReport>> StageAsync(string variant, int? repeat)
        {
            var runs = new List<(RunReport Run, string Folder)>();
            var missing = new List<Scenario>();
            foreach (var scenario in scenarios)
            {
                var found = prior?.Take(variant, scenario.Name, repeat ?? scenario.Repeat) ?? [];
                if (found.Count > 0)
                {
                    runs.AddRange(found);
                }
                else
                {
                    missing.Add(scenario);
                }
            }
            if (runs.Count > 0)
            {
                options.Progress?.Report($"=== matrix: {variant}: {runs.Count} run(s) reused from the resumed folder, {missing.Count} scenario(s) to run");
            }
            if (missing.Count > 0)
            {
                var gate = await gates.RunAsync(missing, gateOptions with { Variant = variant, Repeat = repeat }, cancellationToken);
                runs.AddRange(gate.Runs.Select(r => (r, Path.GetRelativePath(directory, Path.Combine(gate.Directory, r.RunId)))));
            }
            folders.AddRange(runs);
            return runs.Select(r => r.Run).ToList();
        }

        options.Progress?.Report($"=== matrix: full stack ({scenarios.Count} scenario(s))");
        var full = await StageAsync(StackVariant.Full.Name, options.Repeat);
        var rows = new List<(string Variant, string Description, IReadOnlyList<RunReport> Runs)>();
        MatrixResult Result()
        {
            var matrix = GateMatrix.Build(scenarios.Select(s => s.Name).ToList(), full, rows);
            var complete = !cancellationToken.IsCancellationRequested && rows.Count == variants.Count
                && full.Count == scenarios.Sum(s => options.Repeat ?? s.Repeat) && rows.All(r => r.Runs.Count == scenarios.Count);
            var exitCode = !complete ? ExitCodes.NoVerdict : matrix.Passed ? ExitCodes.Passed : ExitCodes.Failed;
            return new MatrixResult(matrixId, directory, matrix, TimeSpan.FromSeconds(earlierSeconds) + _time.GetElapsedTime(start), exitCode, complete,
                folders.Select(f => f.Run).ToList(), folders.Select(f => f.Folder).ToList()) { Parts = earlierParts + 1 };
        }
        foreach (var variant in variants)
        {
            // The files so far, after every stack: a matrix cut short (the machine taken back) can be resumed and still says its time.
            await WriteAsync(Result(), options.Weights, githubStepSummary: null, CancellationToken.None);
            // The time limit stops runs from starting; a stack whose runs a resumed folder holds already starts none.
            var runsLeft = prior is null || scenarios.Any(s => prior.Take(variant.Name, s.Name, 1).Count == 0);
            if (cancellationToken.IsCancellationRequested || (runsLeft && options.TimeLimit is { } limit && _time.GetElapsedTime(start) >= limit))
            {
                options.Progress?.Report($"=== matrix: stopped before variant {variant.Name}: {(cancellationToken.IsCancellationRequested ? "cancelled" : "time limit reached")}");
                break;
            }
            options.Progress?.Report($"=== matrix: variant {variant.Name} ({rows.Count + 1} of {variants.Count})");
            rows.Add((variant.Name, variant.Description, await StageAsync(variant.Name, 1)));
        }
        var result = Result();
        await WriteAsync(result, options.Weights, options.GithubStepSummary, CancellationToken.None);
        return result;
    }

    // The wall time and part count an earlier part wrote into matrix.json (after each stack), so a resumed matrix reports its total.
    private static (double Seconds, int Parts) EarlierParts(string directory)
    {
        var path = Path.Combine(directory, JsonFileName);
        try
        {
            using var json = JsonDocument.Parse(File.ReadAllText(path));
            var root = json.RootElement;
            var seconds = root.TryGetProperty("wallTimeSeconds", out var wall) && wall.TryGetDouble(out var s) ? s : 0;
            var parts = root.TryGetProperty("parts", out var p) && p.TryGetInt32(out var n) ? n : 1;
            return (seconds, parts);
        }
        catch (Exception exception) when (exception is IOException or JsonException)
        {
            // No matrix.json: the earlier part ended before its first stack did; its time is unknown.
            return (0, 0);
        }
    }

    private static async Task WriteAsync(
        MatrixResult result, IReadOnlyDictionary<string, double>? weights, string? githubStepSummary, CancellationToken cancellationToken)
    {
        var matrix = result.Matrix;
        var file = new MatrixFile(result.MatrixId, Math.Round(result.WallTime.TotalSeconds, 1), result.ExitCode, result.Complete,
            result.Complete && matrix.Passed, matrix.FullPassed, matrix.EveryVariantCaught, matrix.Scenarios, matrix.Full, matrix.Rows)
        {
            Parts = result.Parts,
        };
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
    IReadOnlyList<string> RunFolders)
{
    /// <summary>How many invocations made it: 1, plus one for each <c>--resume</c>.</summary>
    public int Parts { get; init; } = 1;
}

/// <summary>The contents of <c>matrix.json</c>: the verdict, the full stack's cells and one row per variant (see docs/result-json.md).</summary>
public sealed record MatrixFile(
    string MatrixId, double WallTimeSeconds, int ExitCode, bool Complete, bool Passed, bool FullPassed, bool EveryVariantCaught,
    IReadOnlyList<string> Scenarios, IReadOnlyList<MatrixBaselineCell> Full, IReadOnlyList<MatrixRow> Variants)
{
    /// <summary>Invocations that made the matrix (1 + each <c>--resume</c>); <see cref="WallTimeSeconds"/> is their sum.</summary>
    public int Parts { get; init; } = 1;
}
