using System.Text.Json;
using Chaos.Engine;
using Chaos.Reporting;
using Chaos.Scenarios;
using Chaos.Slo;
using Chaos.Targets;
using Chaos.Tests.Reporting;
using Shouldly;

namespace Chaos.Tests.Engine;

public sealed class MatrixResumeTests : IDisposable
{
    // This process as a resumed matrix sees it: a build of some commit from some code.
    private static readonly RunEnvironment Current = SampleReports.Failed().Environment with { HarnessVersion = "1.0.0+c0ffee", CodeDigest = "src1+scn1+dck1" };
    private readonly string _folder = Directory.CreateTempSubdirectory("chaos-matrix-resume-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static Scenario Scenario(string name) => new()
    {
        Name = name,
        Load = new LoadSpec { RatePerSecond = 10, Duration = TimeSpan.FromSeconds(10) },
        Slos = new SloSpec(),
    };

    // A finished run as a gate leaves it: gate-<id>/<run-id>/result.json.
    private RunReport Write(string gate, string runId, string scenario, string variant, RunOutcome outcome, DateTimeOffset startedAt,
        string? digest = null, string? version = null, bool cancelled = false)
    {
        var sample = SampleReports.Failed(scenario);
        var run = sample with
        {
            RunId = runId,
            Variant = variant,
            Outcome = outcome,
            StartedAt = startedAt,
            FinishedAt = startedAt.AddSeconds(40),
            Slos = outcome == RunOutcome.Passed ? [sample.Slos[1]] : sample.Slos,
            Environment = Current with { HarnessVersion = version ?? Current.HarnessVersion, CodeDigest = digest ?? Current.CodeDigest },
            Events = cancelled ? [new RunEvent(startedAt.AddSeconds(5), 5, RunEvent.Types.RunCancelled, new Dictionary<string, object?>())] : [],
        };
        var directory = Path.Combine(_folder, gate, runId);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, ResultJsonWriter.FileName), ResultJsonWriter.Serialize(run));
        return run;
    }

    [Fact]
    public void Load_LeavesOutCancelledRunsRunsOfOtherCodeAndUnreadableFiles_AndSaysSo()
    {
        var t = DateTimeOffset.Parse("2026-12-04T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        Write("gate-1", "r1", "replica-kill", "full", RunOutcome.Passed, t);
        Write("gate-1", "r2", "replica-pause", "full", RunOutcome.Passed, t, cancelled: true);
        Write("gate-1", "r3", "region-loss", "full", RunOutcome.Passed, t, digest: "src0+scn1+dck1");
        Directory.CreateDirectory(Path.Combine(_folder, "gate-1", "r4"));
        File.WriteAllText(Path.Combine(_folder, "gate-1", "r4", ResultJsonWriter.FileName), "{ not json");

        var prior = PriorMatrixRuns.Load(_folder, Current);

        prior.Reused.ShouldBe(1);
        prior.Cancelled.ShouldBe(1);
        prior.OtherCode.ShouldBe(1);
        prior.Unreadable.ShouldBe(1);
        prior.Describe().ShouldContain("1 cancelled, 1 made from other code, 1 unreadable");
        prior.Take("full", "replica-kill", 1).ShouldHaveSingleItem().Folder.ShouldBe(Path.Combine("gate-1", "r1"));
        prior.Take("full", "replica-pause", 1).ShouldBeEmpty();
    }

    [Fact]
    public void Load_SameCodeBuiltAtAnotherCommit_Reused_UncommittedCodeNeverMatches_NoDigestFallsBackToTheVersion()
    {
        var t = DateTimeOffset.Parse("2026-12-04T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        Write("gate-1", "docs-commit", "replica-kill", "full", RunOutcome.Passed, t, version: "1.0.0+0dd0c5");
        Write("gate-1", "dirty", "replica-pause", "full", RunOutcome.Passed, t, digest: "dirty");
        Write("gate-1", "old-report", "region-loss", "full", RunOutcome.Passed, t, digest: "");

        var prior = PriorMatrixRuns.Load(_folder, Current);

        prior.Take("full", "replica-kill", 1).ShouldHaveSingleItem();
        prior.Take("full", "replica-pause", 1).ShouldBeEmpty();
        prior.Take("full", "region-loss", 1).ShouldHaveSingleItem();
        PriorMatrixRuns.Load(_folder, Current with { CodeDigest = "dirty" }).Take("full", "replica-pause", 1).ShouldBeEmpty();
        PriorMatrixRuns.Load(_folder, Current with { HarnessVersion = "1.0.0+other" }).Take("full", "region-loss", 1).ShouldBeEmpty();
    }

    [Fact]
    public void Take_TooFewRunsForTheRepeats_NoneSoTheScenarioRunsAgain_EnoughGivesTheLatest()
    {
        var t = DateTimeOffset.Parse("2026-12-04T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        Write("gate-1", "old", "replica-kill", "full", RunOutcome.Failed, t);
        Write("gate-2", "new1", "replica-kill", "full", RunOutcome.Passed, t.AddMinutes(5));
        Write("gate-2", "new2", "replica-kill", "full", RunOutcome.Passed, t.AddMinutes(6));

        var prior = PriorMatrixRuns.Load(_folder, Current);

        prior.Take("full", "replica-kill", 4).ShouldBeEmpty();
        prior.Take("full", "replica-kill", 2).Select(r => r.Run.RunId).ShouldBe(["new1", "new2"]);
        prior.Take("no-retries", "replica-kill", 1).ShouldBeEmpty();
    }

    [Fact]
    public async Task RunAsync_EveryRunAlreadyInTheFolder_RunsNothingAndCompletesTheMatrixWithTheEarlierWallTime()
    {
        var t = DateTimeOffset.Parse("2026-12-04T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        Write("gate-1", "f1", "replica-kill", "full", RunOutcome.Passed, t);
        Write("gate-1", "f2", "replica-pause", "full", RunOutcome.Passed, t.AddMinutes(1));
        Write("gate-2", "v1", "replica-kill", "no-retries", RunOutcome.Failed, t.AddMinutes(2));
        Write("gate-2", "v2", "replica-pause", "no-retries", RunOutcome.Passed, t.AddMinutes(3));
        File.WriteAllText(Path.Combine(_folder, MatrixRunner.JsonFileName), """{ "wallTimeSeconds": 600.5, "parts": 1 }""");
        var prior = PriorMatrixRuns.Load(_folder, Current);

        // Nothing is left to run, so no container engine is needed: any run would fail here.
        var result = await new MatrixRunner(TimeProvider.System).RunAsync(
            [Scenario("replica-kill"), Scenario("replica-pause")], [StackVariant.All["no-retries"]],
            // With nothing left to run the CLI's default limit (twice the time left) is zero: it must not stop a reused stack.
            new GateOptions { ReportsRoot = Path.Combine(_folder, "unused"), Repeat = 1, TimeLimit = TimeSpan.Zero }, CancellationToken.None, prior);

        result.Complete.ShouldBeTrue();
        result.Directory.ShouldBe(prior.Directory);
        result.Parts.ShouldBe(2);
        result.WallTime.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromSeconds(600.5));
        result.Matrix.FullPassed.ShouldBeTrue();
        result.Matrix.Rows.ShouldHaveSingleItem().Caught.ShouldBeTrue();
        result.ExitCode.ShouldBe(ExitCodes.Passed);
        result.RunFolders.ShouldBe([Path.Combine("gate-1", "f1"), Path.Combine("gate-1", "f2"), Path.Combine("gate-2", "v1"), Path.Combine("gate-2", "v2")]);
        Directory.Exists(Path.Combine(_folder, "unused")).ShouldBeFalse();
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(_folder, MatrixRunner.JsonFileName)));
        json.RootElement.GetProperty("parts").GetInt32().ShouldBe(2);
        json.RootElement.GetProperty("complete").GetBoolean().ShouldBeTrue();
        json.RootElement.GetProperty("wallTimeSeconds").GetDouble().ShouldBeGreaterThanOrEqualTo(600.5);
    }

    [Fact]
    public async Task RunAsync_UntilCaught_RowStopsAtTheDeclaredCatcher_TheOtherCellsSayWhyTheyDidNotRun()
    {
        var t = DateTimeOffset.Parse("2026-12-04T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        Write("gate-1", "f1", "replica-kill", "full", RunOutcome.Passed, t);
        Write("gate-1", "f2", "replica-pause", "full", RunOutcome.Passed, t.AddMinutes(1));
        Write("gate-2", "v2", "replica-pause", "no-retries", RunOutcome.Failed, t.AddMinutes(3));
        var prior = PriorMatrixRuns.Load(_folder, Current);

        // replica-kill comes first in the set but has no run of no-retries: were it scheduled first it would need a container
        // engine and fail here. replica-pause declares it catches no-retries, so it goes first, and its failed run ends the row.
        var result = await new MatrixRunner(TimeProvider.System).RunAsync(
            [Scenario("replica-kill"), Scenario("replica-pause") with { Catches = ["no-retries"] }], [StackVariant.All["no-retries"]],
            new GateOptions { ReportsRoot = Path.Combine(_folder, "unused"), Repeat = 1, TimeLimit = TimeSpan.FromHours(1) },
            TestContext.Current.CancellationToken, prior, untilCaught: true);

        var row = result.Matrix.Rows.ShouldHaveSingleItem();
        row.Caught.ShouldBeTrue();
        row.Cells[0].Status.ShouldBe(MatrixCellStatus.NotRun);
        row.Cells[0].Explanation.ShouldBe("not run: replica-pause caught the variant first (--until-caught)");
        row.Cells[1].Status.ShouldBe(MatrixCellStatus.Caught);
        result.Complete.ShouldBeTrue();
        result.ExitCode.ShouldBe(ExitCodes.Passed);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(_folder, MatrixRunner.JsonFileName)));
        json.RootElement.GetProperty("untilCaught").GetBoolean().ShouldBeTrue();
        json.RootElement.GetProperty("variants")[0].GetProperty("cells")[0].GetProperty("status").GetString().ShouldBe("not-run");
        File.ReadAllText(Path.Combine(_folder, MatrixRunner.MarkdownFileName)).ShouldContain("– not run");
        File.ReadAllText(Path.Combine(_folder, "report.html")).ShouldContain("replica-pause caught the variant first");
    }
}
