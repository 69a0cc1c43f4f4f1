using Chaos.Engine;
using Chaos.Scenarios;

namespace Chaos.IntegrationTests;

/// <summary>One scenario of the catalogue run for real through the engine, as a library: the test's reports folder, the built image.</summary>
internal static class CatalogueRuns
{
    public static async Task<RunSummary> RunAsync(string scenario, string? variant, string reportsRoot)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var image = await ContainerPreconditions.RequireAsync(cancellationToken);
        var loaded = ScenarioLoader.Load(Repository.Scenario(scenario));
        loaded.IsValid.ShouldBeTrue(ScenarioErrorFormatter.Format(loaded.Errors));
        return await new ScenarioRunner(TimeProvider.System).RunAsync(loaded.Scenario!, new RunOptions
        {
            ReportsRoot = reportsRoot,
            Variant = variant,
            Image = image,
            Progress = new TestOutputProgress(),
        }, cancellationToken);
    }
}
