namespace Chaos.Tests.Scenarios;

/// <summary>Finds files of the repository from the test's output folder.</summary>
internal static class RepositoryFiles
{
    public static string Root
    {
        get
        {
            var root = new DirectoryInfo(AppContext.BaseDirectory);
            while (root is not null && !File.Exists(Path.Combine(root.FullName, "Chaos.sln")))
            {
                root = root.Parent;
            }
            return root.ShouldNotBeNull("the repository root (with Chaos.sln) above the test output").FullName;
        }
    }

    public static string PathOf(string relativePath) => Path.Combine(Root, relativePath);
}
