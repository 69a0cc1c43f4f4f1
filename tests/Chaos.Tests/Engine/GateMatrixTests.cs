using Chaos.Engine;
using Chaos.Reporting;
using Chaos.Slo;
using Chaos.Targets;
using Chaos.Tests.Reporting;

namespace Chaos.Tests.Engine;

public sealed class GateMatrixTests
{
    private static readonly string[] Scenarios = ["replica-kill", "replica-pause"];

    private static RunReport Run(string scenario, string variant, RunOutcome outcome, string id) => SampleReports.Failed(scenario) with
    {
        RunId = id,
        Variant = variant,
        Outcome = outcome,
        Reason = outcome == RunOutcome.Failed ? "SLOs not met: availability" : "every SLO met",
        Slos = outcome == RunOutcome.Passed ? [SampleReports.Failed().Slos[1]] : [SampleReports.Failed().Slos[0], SampleReports.Failed().Slos[1]],
    };

    private static RunReport[] FullPasses() =>
    [
        Run("replica-kill", "full", RunOutcome.Passed, "f1"), Run("replica-kill", "full", RunOutcome.Passed, "f2"),
        Run("replica-pause", "full", RunOutcome.Passed, "f3"),
    ];

    [Fact]
    public void Build_VariantFailingOneScenario_IsCaughtWithTheMissedSloAsSymptom()
    {
        var matrix = GateMatrix.Build(Scenarios, FullPasses(),
        [
            ("no-retries", "no retries", [Run("replica-kill", "no-retries", RunOutcome.Failed, "v1"), Run("replica-pause", "no-retries", RunOutcome.Passed, "v2")]),
        ]);

        matrix.FullPassed.ShouldBeTrue();
        var row = matrix.Rows.ShouldHaveSingleItem();
        row.Caught.ShouldBeTrue();
        row.Cells[0].Status.ShouldBe(MatrixCellStatus.Caught);
        row.Cells[0].Symptoms.ShouldContain(s => s.Slo == "availability" && s.Measured == 0.982 && s.Status == SloStatus.Failed);
        row.Cells[0].Explanation.ShouldContain("availability 98.2%");
        row.Cells[1].Status.ShouldBe(MatrixCellStatus.Missed);
        matrix.Passed.ShouldBeTrue();
    }

    [Fact]
    public void Build_VariantPassingEverywhere_IsNotCaughtAndFailsTheMatrix()
    {
        var matrix = GateMatrix.Build(Scenarios, FullPasses(),
        [
            ("no-hedging", "no hedging", [Run("replica-kill", "no-hedging", RunOutcome.Passed, "v1"), Run("replica-pause", "no-hedging", RunOutcome.Passed, "v2")]),
        ]);

        matrix.Rows[0].Caught.ShouldBeFalse();
        matrix.EveryVariantCaught.ShouldBeFalse();
        matrix.Passed.ShouldBeFalse();
    }

    [Fact]
    public void Build_InconclusiveVariantRun_IsNeitherCaughtNorMissed()
    {
        var matrix = GateMatrix.Build(Scenarios, FullPasses(),
        [
            ("no-fallback", "no fallback", [Run("replica-kill", "no-fallback", RunOutcome.FaultNotInjected, "v1")]),
        ]);

        matrix.Rows[0].Cells[0].Status.ShouldBe(MatrixCellStatus.Inconclusive);
        matrix.Rows[0].Cells[1].Status.ShouldBe(MatrixCellStatus.NotRun);
        matrix.Rows[0].Cells[1].Explanation.ShouldBe("not run");
        matrix.Rows[0].Caught.ShouldBeFalse();
    }

    [Fact]
    public void Build_FullStackFailingOneRun_FailsTheMatrixEvenWhenEveryVariantIsCaught()
    {
        var full = FullPasses();
        full[1] = Run("replica-kill", "full", RunOutcome.Failed, "f2");
        var matrix = GateMatrix.Build(Scenarios, full,
        [
            ("no-retries", "no retries", [Run("replica-kill", "no-retries", RunOutcome.Failed, "v1"), Run("replica-pause", "no-retries", RunOutcome.Failed, "v2")]),
        ]);

        matrix.EveryVariantCaught.ShouldBeTrue();
        matrix.FullPassed.ShouldBeFalse();
        matrix.Full[0].Passed.ShouldBe(1);
        matrix.Full[0].Explanation.ShouldContain("passed 1/2");
        matrix.Passed.ShouldBeFalse();
    }

    [Fact]
    public void Build_ScenarioWithoutFullRuns_IsNotAPass()
    {
        var matrix = GateMatrix.Build(Scenarios, [Run("replica-kill", "full", RunOutcome.Passed, "f1")], []);

        matrix.FullPassed.ShouldBeFalse();
        matrix.Full[1].Explanation.ShouldBe("not run");
    }

    [Fact]
    public void Render_Markdown_HasARowPerVariantAndTheSymptom()
    {
        var matrix = GateMatrix.Build(Scenarios, FullPasses(),
        [
            ("no-retries", "no retries", [Run("replica-kill", "no-retries", RunOutcome.Failed, "v1"), Run("replica-pause", "no-retries", RunOutcome.Passed, "v2")]),
            ("no-hedging", "no hedging", [Run("replica-kill", "no-hedging", RunOutcome.Passed, "v3"), Run("replica-pause", "no-hedging", RunOutcome.Passed, "v4")]),
        ]);

        var markdown = MatrixMarkdown.Render(matrix, TimeSpan.FromMinutes(12));

        markdown.ShouldContain("not every variant was caught");
        markdown.ShouldContain("| **full** (must pass) | ✅ 2/2 | ✅ 1/1 | - |");
        markdown.ShouldContain("| `no-retries` | ✅ caught: availability 98.2% | · missed | ✅ yes |");
        markdown.ShouldContain("| `no-hedging` | · missed | · missed | ❌ **no** |");
        markdown.ShouldContain("Wall time 12.0 min");
    }

    [Fact]
    public void MatrixJson_ReadBackForTheGateReport_KeepsCellsAndSymptoms()
    {
        var matrix = GateMatrix.Build(Scenarios, FullPasses(),
        [
            ("no-retries", "no retries", [Run("replica-kill", "no-retries", RunOutcome.Failed, "v1"), Run("replica-pause", "no-retries", RunOutcome.Passed, "v2")]),
        ]);
        var file = new MatrixFile("matrix-1", 60, 0, true, true, true, true, matrix.Scenarios, matrix.Full, matrix.Rows);
        var json = System.Text.Json.JsonSerializer.Serialize(file, GateJson.Options);

        var (read, error) = FidelityMatrix.Read(json, "matrix.json");

        error.ShouldBeNull();
        var row = read.ShouldNotBeNull().Rows.ShouldHaveSingleItem();
        row.Variant.ShouldBe("no-retries");
        row.Cells[0].Caught.ShouldBeTrue();
        row.Cells[0].Slo.ShouldBe("availability");
        row.Cells[0].Measured.ShouldBe("98.2%");
        row.Cells[1].Caught.ShouldBeFalse();
        HtmlGateReportWriter.Render([], null, read).ShouldContain("caught");
    }

    [Fact]
    public void MatrixJson_OfAnotherShape_IsAOneLineError()
    {
        var (read, error) = FidelityMatrix.Read("{\"rows\": []}", "m.json");

        read.ShouldBeNull();
        error.ShouldNotBeNull().ShouldStartWith("m.json: not a gate-fidelity matrix");
    }

    [Fact]
    public void SinglePractice_LeavesOutTheFullStackAndCompoundVariants()
    {
        StackVariant.SinglePractice.ShouldNotContain(v => v.Name == "full");
        StackVariant.SinglePractice.ShouldNotContain(v => v.Name == StackVariant.SingleReplicaNoRetry.Name);
        StackVariant.SinglePractice.ShouldContain(v => v.Name == "no-retries");
    }
}

public sealed class GateTimeLimitTests
{
    [Fact]
    public async Task Gate_TimeLimitAlreadySpent_StartsNoRunAndSaysNothing()
    {
        var scenario = Chaos.Tests.Scenarios.ScenarioParsing.Valid(Chaos.Tests.Scenarios.ValidScenarios.EveryKey);
        var reports = SampleReports.TempDirectory();

        var result = await new GateRunner(TimeProvider.System).RunAsync([scenario],
            new GateOptions { ReportsRoot = reports, TimeLimit = TimeSpan.Zero }, TestContext.Current.CancellationToken);

        result.Runs.ShouldBeEmpty();
        result.ExitCode.ShouldBe(ExitCodes.NoVerdict);
        File.Exists(Path.Combine(result.Directory, "gate.json")).ShouldBeTrue();
    }

    [Fact]
    public async Task Matrix_TimeLimitAlreadySpent_IsIncompleteAndSaysNothing()
    {
        var scenario = Chaos.Tests.Scenarios.ScenarioParsing.Valid(Chaos.Tests.Scenarios.ValidScenarios.EveryKey);
        var reports = SampleReports.TempDirectory();

        var result = await new MatrixRunner(TimeProvider.System).RunAsync([scenario], StackVariant.SinglePractice,
            new GateOptions { ReportsRoot = reports, TimeLimit = TimeSpan.Zero }, TestContext.Current.CancellationToken);

        result.ExitCode.ShouldBe(ExitCodes.NoVerdict);
        result.Matrix.Passed.ShouldBeFalse();
        File.ReadAllText(Path.Combine(result.Directory, MatrixRunner.JsonFileName)).ShouldContain("\"fullPassed\": false");
    }
}
