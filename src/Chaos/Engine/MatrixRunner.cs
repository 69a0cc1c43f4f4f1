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
    /// stack are all there already is not run again, and the wall time adds to the earlier parts'. With
    /// <paramref name="untilCaught"/> a variant's row runs the scenarios that declare they catch it (<c>catches:</c>) first and
    /// stops at its first caught cell; the cells left are not run and say why. The full stack always runs every scenario.
    /// </summary>
    public async Task<MatrixResult> RunAsync(
        IReadOnlyList<Scenario> scenarios, IReadOnlyList<StackVariant> variants, GateOptions options, CancellationToken cancellationToken,
        PriorMatrixRuns? prior = null, bool untilCaught = false)
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
        // Per variant stopped early by --until-caught: why its other cells were not run.
        var notRun = new Dictionary<string, string>(StringComparer.Ordinal);

        // Runs of some scenarios on one stack: those a resumed folder holds already, then a gate of the ones still missing.
        async Task<List<(RunReport Run, string Folder)>> RunSetAsync(IReadOnlyList<Scenario> set, string variant, int? repeat)
        {
            var runs = new List<(RunReport Run, string Folder)>();
            var missing = new List<Scenario>();
            foreach (var scenario in set)
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
            if (missing.Count > 0 && !cancellationToken.IsCancellationRequested)
            {
                var gate = await gates.RunAsync(missing, gateOptions with { Variant = variant, Repeat = repeat }, cancellationToken);
                runs.AddRange(gate.Runs.Select(r => (r, Path.GetRelativePath(directory, Path.Combine(gate.Directory, r.RunId)))));
            }
            return runs;
        }

        // One stack's runs: every scenario, or (--until-caught, a variant) one scenario at a time until one catches it.
        async Task<List<RunReport>> StageAsync(string variant, int? repeat, bool stopAtCatch)
        {
            var reused = prior is null ? 0 : scenarios.Count(s => prior.Take(variant, s.Name, repeat ?? s.Repeat).Count > 0);
            if (reused > 0)
            {
                options.Progress?.Report($"=== matrix: {variant}: {reused} scenario(s) reused from the resumed folder");
            }
            var runs = new List<(RunReport Run, string Folder)>();
            if (!stopAtCatch)
            {
                runs = await RunSetAsync(scenarios, variant, repeat);
            }
            else
            {
                foreach (var scenario in CatchersFirst(scenarios, variant))
                {
                    var cell = await RunSetAsync([scenario], variant, repeat);
                    runs.AddRange(cell);
                    if (GateMatrix.Catches(cell.Select(r => r.Run).ToList()))
                    {
                        notRun[variant] = $"not run: {scenario.Name} caught the variant first (--until-caught)";
                        break;
                    }
                    if (cell.Count == 0 || cancellationToken.IsCancellationRequested)
                    {
                        break;
                    }
                }
            }
            folders.AddRange(runs);
            return runs.Select(r => r.Run).ToList();
        }

        options.Progress?.Report($"=== matrix: full stack ({scenarios.Count} scenario(s))");
        var full = await StageAsync(StackVariant.Full.Name, options.Repeat, stopAtCatch: false);
        var rows = new List<(string Variant, string Description, IReadOnlyList<RunReport> Runs)>();
        MatrixResult Result()
        {
            var matrix = GateMatrix.Build(scenarios.Select(s => s.Name).ToList(), full, rows, notRun);
            // A row is whole when every scenario ran, or (--until-caught) when one caught it.
            var complete = !cancellationToken.IsCancellationRequested && rows.Count == variants.Count
                && full.Count == scenarios.Sum(s => options.Repeat ?? s.Repeat)
                && matrix.Rows.All(r => r.Cells.All(c => c.Status != MatrixCellStatus.NotRun) || untilCaught && r.Caught);
            var exitCode = !complete ? ExitCodes.NoVerdict : matrix.Passed ? ExitCodes.Passed : ExitCodes.Failed;
            return new MatrixResult(matrixId, directory, matrix, TimeSpan.FromSeconds(earlierSeconds) + _time.GetElapsedTime(start), exitCode, complete,
                folders.Select(f => f.Run).ToList(), folders.Select(f => f.Folder).ToList()) { Parts = earlierParts + 1, UntilCaught = untilCaught };
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
            rows.Add((variant.Name, variant.Description, await StageAsync(variant.Name, 1, untilCaught)));
        }
        var result = Result();
        await WriteAsync(result, options.Weights, options.GithubStepSummary, CancellationToken.None);
        return result;
    }

    /// <summary>The scenarios in the order a variant's row runs them: those declaring they catch it (<c>catches:</c>) first, each group in set order.</summary>
    public static IReadOnlyList<Scenario> CatchersFirst(IReadOnlyList<Scenario> scenarios, string variant) =>
        scenarios.Where(s => s.Catches.Contains(variant)).Concat(scenarios.Where(s => !s.Catches.Contains(variant))).ToList();

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
            UntilCaught = result.UntilCaught,
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

    /// <summary>
    /// True for <c>--until-caught</c>: each variant's row stopped at its first caught cell, so its other cells are
    /// not run; a complete matrix then shows every variant caught and the full stack passing, not every cell.
    /// </summary>
    public bool UntilCaught { get; init; }
}

/// <summary>The contents of <c>matrix.json</c>: the verdict, the full stack's cells and one row per variant (see docs/result-json.md).</summary>
public sealed record MatrixFile(
    string MatrixId, double WallTimeSeconds, int ExitCode, bool Complete, bool Passed, bool FullPassed, bool EveryVariantCaught,
    IReadOnlyList<string> Scenarios, IReadOnlyList<MatrixBaselineCell> Full, IReadOnlyList<MatrixRow> Variants)
{
    /// <summary>Invocations that made the matrix (1 + each <c>--resume</c>); <see cref="WallTimeSeconds"/> is their sum.</summary>
    public int Parts { get; init; } = 1;

    /// <summary>True for <c>--until-caught</c>: each variant's row stopped at its first caught cell; its other cells are <c>not-run</c>.</summary>
    public bool UntilCaught { get; init; }
}
