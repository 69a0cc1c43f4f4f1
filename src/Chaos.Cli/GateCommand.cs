using System.CommandLine;
using Chaos.Engine;
using Chaos.Slo;
using Chaos.Targets;

namespace Chaos.Cli;

/// <summary><c>chaos gate &lt;dir|files&gt;</c>: a set of scenarios, each repeated; one JUnit file; the exit code is the gate.</summary>
internal static class GateCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("scenarios") { Description = "Scenario files or folders of *.yaml", Arity = ArgumentArity.OneOrMore };
        var repeat = new Option<int?>("--repeat") { Description = "Runs of every scenario (default: each scenario's own 'repeat')" };
        var variant = new Option<string?>("--variant") { Description = $"Run against a variant: {string.Join(", ", StackVariant.All.Keys)}" };
        var seed = new Option<int?>("--seed") { Description = "Base seed: repeat i uses seed + i" };
        var tag = new Option<string?>("--tag") { Description = "Only the scenarios with this tag (e.g. smoke: node kill, corrupt data, drift, region loss)" };
        var matrix = new Option<bool>("--matrix")
        {
            Description = "Gate-fidelity matrix: the full stack (each scenario's repeats), then every single-practice variant once; passes only when the full stack passes and every variant is caught",
        };
        var variants = new Option<string[]>("--variants")
        {
            Description = "With --matrix: only these variants (comma or space separated); default all single-practice variants",
            AllowMultipleArgumentsPerToken = true,
        };
        var maxMinutes = new Option<double?>("--max-minutes")
        {
            Description = "Start no run after this many minutes (default: twice the expected wall time); runs left out make the exit code 3",
        };
        var weights = new Option<string[]>("--weights")
        {
            Description = "Resilience-score weights as name=weight pairs over the defaults (availability=3, latency=2, timeToRecover=2, every other SLO 1), "
                + "e.g. --weights predictionQuality=3,dataLoss=2; a weight of 0 leaves an SLO out of the score",
            AllowMultipleArgumentsPerToken = true,
        };
        var resume = new Option<DirectoryInfo?>("--resume")
        {
            Description = "With --matrix: continue the unfinished matrix in this folder (reports/matrix-<id>); finished runs made from the same code (src/, scenarios/, docker/ as committed) are reused",
        };
        var untilCaught = new Option<bool>("--until-caught")
        {
            Description = "With --matrix: stop each variant's row at its first caught cell, running the scenarios that declare they catch it (catches:) first; "
                + "the full stack still runs every scenario. Shows every variant caught in a fraction of the time, not every cell",
        };
        var reports = new Option<DirectoryInfo>("--reports") { Description = "Where reports/gate-<id>/ goes", DefaultValueFactory = _ => new DirectoryInfo("reports") };
        var transport = ScenarioFiles.TransportOption();
        var command = new Command("gate", "Run a set of scenarios as a CI gate: pass rates with confidence intervals, a resilience score, one JUnit file")
        {
            paths, repeat, variant, seed, tag, matrix, variants, maxMinutes, weights, reports, resume, untilCaught, transport,
        };
        command.SetAction(async (parse, _) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var scoreWeights = ResilienceScore.ParseWeights(parse.GetValue(weights) ?? [], out var weightError);
            if (scoreWeights is null)
            {
                await error.WriteLineAsync($"--weights: {weightError}");
                return ExitCodes.BadInput;
            }
            var set = new SetArguments(parse.GetValue(paths)!, parse.GetValue(tag), parse.GetValue(repeat), parse.GetValue(seed), parse.GetValue(maxMinutes), scoreWeights,
                parse.GetValue(transport));
            if (!parse.GetValue(matrix) && parse.GetValue(resume) is not null)
            {
                await error.WriteLineAsync("--resume: only with --matrix (it continues an unfinished matrix folder)");
                return ExitCodes.BadInput;
            }
            if (!parse.GetValue(matrix) && parse.GetValue(untilCaught))
            {
                await error.WriteLineAsync("--until-caught: only with --matrix (it stops a variant's row at its first catch)");
                return ExitCodes.BadInput;
            }
            return parse.GetValue(matrix)
                ? await MatrixAsync(set, parse.GetValue(variant), parse.GetValue(variants), parse.GetValue(reports)!, parse.GetValue(resume),
                    parse.GetValue(untilCaught), parse.InvocationConfiguration.Output, error)
                : await RunAsync(set, parse.GetValue(variant), parse.GetValue(variants), parse.GetValue(reports)!, parse.InvocationConfiguration.Output, error);
        });
        return command;
    }

    // What a gate and a matrix read the same way.
    private sealed record SetArguments(string[] Paths, string? Tag, int? Repeat, int? Seed, double? MaxMinutes, IReadOnlyDictionary<string, double> Weights, string? Transport);

    private static async Task<int> MatrixAsync(
        SetArguments set, string? variant, string[]? variantNames, DirectoryInfo reports, DirectoryInfo? resume, bool untilCaught, TextWriter output, TextWriter error)
    {
        var (repeat, seed, maxMinutes) = (set.Repeat, set.Seed, set.MaxMinutes);
        if (await LoadSetAsync(set.Paths, set.Tag, repeat, set.Transport, error) is not { } scenarios)
        {
            return ExitCodes.BadInput;
        }
        if (variant is not null)
        {
            await error.WriteLineAsync("--variant: not with --matrix (the matrix runs every variant; choose rows with --variants)");
            return ExitCodes.BadInput;
        }
        var rows = MatrixRows(variantNames, error);
        if (rows is null)
        {
            return ExitCodes.BadInput;
        }
        PriorMatrixRuns? prior = null;
        if (resume is not null)
        {
            if (!resume.Exists || !File.Exists(Path.Combine(resume.FullName, MatrixRunner.JsonFileName)) && !resume.EnumerateDirectories("gate-*").Any())
            {
                await error.WriteLineAsync($"--resume: {resume.FullName} is not a matrix folder (expected {MatrixRunner.JsonFileName} or gate-* folders in it)");
                return ExitCodes.BadInput;
            }
            prior = PriorMatrixRuns.Load(resume.FullName, Reporting.RunEnvironment.Current(""));
            output.WriteLine(prior.Describe());
        }
        // What is left to run: with --resume, the scenarios whose runs of a stack are not all there yet.
        var full = scenarios.Where(s => prior is null || prior.Take(StackVariant.Full.Name, s.Name, repeat ?? s.Repeat).Count == 0).ToList();
        // --until-caught: a row is expected to take its declared catchers (or, with none declared, every scenario); more if they miss.
        var missing = rows.Select(r => scenarios.Where(s => prior is null || prior.Take(r.Name, s.Name, 1).Count == 0)
            .Where(s => !untilCaught || s.Catches.Contains(r.Name) || !scenarios.Any(c => c.Catches.Contains(r.Name))).ToList()).ToList();
        var cells = missing.Sum(m => m.Count);
        var budget = missing.Aggregate(GateRunner.Budget(full, repeat), (sum, m) => sum + GateRunner.Budget(m, 1));
        if (TimeLimit(maxMinutes, budget, error) is not { } limit)
        {
            return ExitCodes.BadInput;
        }
        output.WriteLine($"matrix: {scenarios.Count} scenario(s) x (full + {rows.Count} variant(s): {string.Join(", ", rows.Select(r => r.Name))}), "
            + $"{full.Sum(s => repeat ?? s.Repeat) + cells} run(s) to run{(untilCaught ? " if each row's declared catchers catch it (--until-caught)" : "")}, "
            + $"expected wall time about {budget.TotalMinutes:F0} min; "
            + $"no run starts after {limit.TotalMinutes:F0} min");

        using var interruption = new Interruption(error);
        var progress = ConsoleProgress.For(output);
        try
        {
            var result = await new MatrixRunner(TimeProvider.System).RunAsync(scenarios, rows, new GateOptions
            {
                ReportsRoot = reports.FullName,
                Repeat = repeat,
                Seed = seed,
                GithubStepSummary = Environment.GetEnvironmentVariable("GITHUB_STEP_SUMMARY"),
                Progress = progress,
                Status = progress.Status,
                TimeLimit = limit,
                Weights = set.Weights,
            }, interruption.Token, prior, untilCaught);
            output.WriteLine();
            output.WriteLine(Reporting.MatrixMarkdown.Render(result.Matrix, result.WallTime, result.Complete));
            output.WriteLine($"reports: {result.Directory}");
            output.WriteLine($"exit code {result.ExitCode}");
            return result.ExitCode;
        }
        catch (EngineUnavailableException exception)
        {
            await error.WriteLineAsync($"chaos: no verdict possible: {exception.Message}");
            return ExitCodes.NoVerdict;
        }
    }

    // The scenario set and --repeat, checked the same way for a gate and a matrix; null after the errors are written.
    private static async Task<IReadOnlyList<Scenarios.Scenario>?> LoadSetAsync(string[] paths, string? tag, int? repeat, string? transport, TextWriter error)
    {
        var loaded = ScenarioFiles.LoadAll(ScenarioFiles.Expand(paths), error);
        var scenarios = loaded is null ? null : ScenarioFiles.WithTransport(loaded, transport, error);
        if (scenarios is null)
        {
            return null;
        }
        if (tag is not null)
        {
            var tagged = scenarios.Where(s => s.Tags.Contains(tag)).ToList();
            if (tagged.Count == 0)
            {
                var known = scenarios.SelectMany(s => s.Tags).Distinct().Order(StringComparer.Ordinal).ToList();
                await error.WriteLineAsync($"--tag: no scenario of the set has the tag '{tag}' (tags there: {(known.Count == 0 ? "none" : string.Join(", ", known))})");
                return null;
            }
            scenarios = tagged;
        }
        if (repeat is < 1 or > 1000)
        {
            await error.WriteLineAsync("--repeat: expected a number from 1 to 1000");
            return null;
        }
        return scenarios;
    }

    private static TimeSpan? TimeLimit(double? maxMinutes, TimeSpan budget, TextWriter error)
    {
        if (maxMinutes is { } minutes && (double.IsNaN(minutes) || minutes is <= 0 or > 7 * 24 * 60))
        {
            error.WriteLine("--max-minutes: expected a number of minutes above 0 (at most a week)");
            return null;
        }
        return maxMinutes is { } m ? TimeSpan.FromMinutes(m) : 2 * budget;
    }

    private static List<StackVariant>? MatrixRows(string[]? names, TextWriter error)
    {
        var wanted = (names ?? []).SelectMany(n => n.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        if (wanted.Count == 0)
        {
            return StackVariant.SinglePractice.ToList();
        }
        var known = StackVariant.SinglePractice.ToDictionary(v => v.Name, StringComparer.Ordinal);
        var unknown = wanted.Where(n => !known.ContainsKey(n)).ToList();
        if (unknown.Count > 0)
        {
            error.WriteLine($"--variants: unknown single-practice variant(s) {string.Join(", ", unknown.Select(u => $"'{u}'"))}; expected some of: {string.Join(", ", known.Keys)}");
            return null;
        }
        return wanted.Distinct(StringComparer.Ordinal).Select(n => known[n]).ToList();
    }

    private static async Task<int> RunAsync(SetArguments set, string? variant, string[]? variantNames, DirectoryInfo reports, TextWriter output, TextWriter error)
    {
        var (repeat, seed, maxMinutes) = (set.Repeat, set.Seed, set.MaxMinutes);
        if (variantNames is { Length: > 0 })
        {
            await error.WriteLineAsync("--variants: only with --matrix (a plain gate runs one stack; use --variant)");
            return ExitCodes.BadInput;
        }
        if (await LoadSetAsync(set.Paths, set.Tag, repeat, set.Transport, error) is not { } scenarios)
        {
            return ExitCodes.BadInput;
        }
        if (variant is not null && !StackVariant.All.ContainsKey(variant))
        {
            await error.WriteLineAsync($"--variant: unknown variant '{variant}'; expected one of: {string.Join(", ", StackVariant.All.Keys)}");
            return ExitCodes.BadInput;
        }
        var budget = GateRunner.Budget(scenarios, repeat);
        if (TimeLimit(maxMinutes, budget, error) is not { } limit)
        {
            return ExitCodes.BadInput;
        }
        output.WriteLine($"gate: {scenarios.Count} scenario(s), {scenarios.Sum(s => repeat ?? s.Repeat)} run(s), expected wall time about {budget.TotalMinutes:F1} min; "
            + $"no run starts after {limit.TotalMinutes:F0} min");

        using var interruption = new Interruption(error);
        var progress = ConsoleProgress.For(output);
        try
        {
            var result = await new GateRunner(TimeProvider.System).RunAsync(scenarios, new GateOptions
            {
                ReportsRoot = reports.FullName,
                Repeat = repeat,
                Variant = variant,
                Seed = seed,
                GithubStepSummary = Environment.GetEnvironmentVariable("GITHUB_STEP_SUMMARY"),
                Progress = progress,
                Status = progress.Status,
                TimeLimit = limit,
                Weights = set.Weights,
            }, interruption.Token);
            output.WriteLine();
            foreach (var scenario in result.Scenarios)
            {
                var s = scenario.Summary;
                output.WriteLine($"  {scenario.Scenario,-28} {s.Passed}/{s.Runs} passed, 95% interval [{s.Interval.Lower:P1}, {s.Interval.Upper:P1}]");
            }
            output.WriteLine($"resilience score: {(result.Score.Score is { } score ? $"{score:F1}" : "none")} / 100 ({result.Score.Explanation})");
            output.WriteLine($"gate wall time: {result.WallTime.TotalMinutes:F1} min");
            output.WriteLine($"reports: {result.Directory}");
            output.WriteLine($"exit code {result.ExitCode}");
            return result.ExitCode;
        }
        catch (EngineUnavailableException exception)
        {
            await error.WriteLineAsync($"chaos: no verdict possible: {exception.Message}");
            return ExitCodes.NoVerdict;
        }
    }
}
