using Chaos.Faults;
using Chaos.Scenarios;

namespace Chaos.Tests.Scenarios;

public sealed class ScenarioCatalogueTests
{
    [Fact]
    public void Load_EveryCatalogueScenario_IsValid()
    {
        var files = CatalogueFiles();

        files.ShouldNotBeEmpty();
        foreach (var file in files)
        {
            var result = ScenarioLoader.Load(file);
            result.IsValid.ShouldBeTrue(ScenarioErrorFormatter.Format(result.Errors));
        }
    }

    [Fact]
    public void Catalogue_EveryFaultKind_HasAScenario()
    {
        var used = CatalogueFiles().Select(ScenarioLoader.Load).Where(r => r.IsValid)
            .SelectMany(r => r.Scenario!.Faults.Select(f => f.Kind)).ToHashSet(StringComparer.Ordinal);

        FaultCatalog.Kinds.Where(kind => !used.Contains(kind)).ShouldBeEmpty("fault kinds without a scenario in scenarios/");
    }

    [Fact]
    public void Catalogue_EveryMatrixRow_HasAScenarioDeclaringItCatchesIt()
    {
        // --until-caught schedules a row's declared catchers first; a row without one would run the whole catalogue.
        var declared = CatalogueFiles().Select(ScenarioLoader.Load).Where(r => r.IsValid)
            .SelectMany(r => r.Scenario!.Catches).ToHashSet(StringComparer.Ordinal);

        KnownVariants.SinglePractice.Where(v => !declared.Contains(v)).ShouldBeEmpty("single-practice variants no scenario in scenarios/ declares it catches");
    }

    private static string[] CatalogueFiles()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Chaos.sln")))
        {
            root = root.Parent;
        }
        var catalogue = Path.Combine(root.ShouldNotBeNull().FullName, "scenarios");
        return Directory.Exists(catalogue) ? Directory.GetFiles(catalogue, "*.yaml") : [];
    }
}
