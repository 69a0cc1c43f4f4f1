namespace Chaos.IntegrationTests;

/// <summary>Paths of the repository the tests run from.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string Scenario(string name) => Path.Combine(Root, "scenarios", $"{name}.yaml");

    /// <summary>The chaos command as a child process (the Chaos.Cli.dll built beside the tests) on the stack image under test, its three streams redirected.</summary>
    public static System.Diagnostics.ProcessStartInfo Cli(string image, params string[] arguments)
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Root,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Chaos.Cli.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["CHAOS_STACK_IMAGE"] = image;
        return start;
    }

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
