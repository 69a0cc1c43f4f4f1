using Chaos.Reporting;

namespace Chaos.Tests.Reporting;

public sealed class RunFoldersTests
{
    [Fact]
    public void ReadRun_MissingFolder_SaysSoInOneLine()
    {
        var missing = Path.Combine(SampleReports.TempDirectory(), "nope");

        var loaded = RunFolders.ReadRun(missing);

        loaded.Value.ShouldBeNull();
        loaded.Error.ShouldBe($"{missing}: no such folder; expected a run folder written by 'chaos run' (reports/<run-id>)");
    }

    [Fact]
    public void ReadRun_FolderWithoutResult_NamesTheMissingFile()
    {
        var directory = SampleReports.TempDirectory();

        RunFolders.ReadRun(directory).Error.ShouldBe($"{Path.Combine(directory, "result.json")}: not found; expected a run folder written by 'chaos run' (reports/<run-id>)");
    }

    [Fact]
    public void ReadRun_BrokenJson_GivesFileLineAndColumn()
    {
        var directory = SampleReports.TempDirectory();
        File.WriteAllText(Path.Combine(directory, "result.json"), "{\n  \"runId\": 3\n}");

        var error = RunFolders.ReadRun(directory).Error!;

        error.ShouldStartWith($"{Path.Combine(directory, "result.json")}:2:");
        error.ShouldContain("unexpected value at $.runId");
        error.ShouldNotContain("\n");
    }

    [Fact]
    public void ReadRun_JsonOfAnotherShape_IsRejected()
    {
        var directory = SampleReports.TempDirectory();
        File.WriteAllText(Path.Combine(directory, "result.json"), "{\"hello\": 1}");

        RunFolders.ReadRun(directory).Error!.ShouldContain("not a result file of this version of chaos");
    }

    [Fact]
    public async Task ReadRun_WrittenRun_ReadsItBack()
    {
        var directory = SampleReports.TempDirectory();
        await ReportSet.WriteAllAsync(SampleReports.Failed(), directory, null, TestContext.Current.CancellationToken);

        var loaded = RunFolders.ReadRun(directory);

        loaded.Error.ShouldBeNull();
        loaded.Value!.RunId.ShouldBe(SampleReports.Failed().RunId);
        RunFolders.IsGate(directory).ShouldBeFalse();
    }

    [Fact]
    public async Task IsGate_FolderOfRuns_ListsThemOldestFirst()
    {
        var gate = SampleReports.TempDirectory();
        await ReportSet.WriteAllAsync(SampleReports.Failed(), Path.Combine(gate, "20250102-030500-bbbb"), null, TestContext.Current.CancellationToken);
        await ReportSet.WriteAllAsync(SampleReports.Failed(), Path.Combine(gate, "20250102-030405-aaaa"), null, TestContext.Current.CancellationToken);

        RunFolders.IsGate(gate).ShouldBeTrue();
        RunFolders.RunDirectories(gate).Select(Path.GetFileName).ShouldBe(["20250102-030405-aaaa", "20250102-030500-bbbb"]);
        RunFolders.ReadMatrix(gate).ShouldBe(new RunFolders.Loaded<FidelityMatrix>(null, null));
    }

    [Fact]
    public void ReadMatrix_BadMatrix_IsAnErrorNamingTheFile()
    {
        var gate = SampleReports.TempDirectory();
        File.WriteAllText(Path.Combine(gate, "matrix.json"), "{\"rows\": 5}");

        var loaded = RunFolders.ReadMatrix(gate);

        loaded.Value.ShouldBeNull();
        loaded.Error!.ShouldStartWith(Path.Combine(gate, "matrix.json"));
    }
}
