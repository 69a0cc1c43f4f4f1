namespace Chaos.IntegrationTests;

/// <summary>Paths of the repository the tests run from.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string Scenario(string name) => Path.Combine(Root, "scenarios", $"{name}.yaml");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Chaos.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"no Chaos.sln above {AppContext.BaseDirectory}");
    }
}
