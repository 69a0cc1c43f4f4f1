using Chaos.Scenarios;

namespace Chaos.Tests.Scenarios;

public sealed class ScenarioCatalogueTests
{
    [Fact]
    public void Load_EveryCatalogueScenario_IsValid()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Chaos.sln")))
        {
            root = root.Parent;
        }
        var catalogue = Path.Combine(root.ShouldNotBeNull().FullName, "scenarios");
        var files = Directory.Exists(catalogue) ? Directory.GetFiles(catalogue, "*.yaml") : [];

        foreach (var file in files)
        {
            var result = ScenarioLoader.Load(file);
            result.IsValid.ShouldBeTrue(ScenarioErrorFormatter.Format(result.Errors));
        }
    }
}
