namespace Chaos.Targets;

/// <summary>Finds the locally built stack image: <c>CHAOS_STACK_IMAGE</c>, else the tag the bootstrap wrote to <c>.chaos/stack-image</c>.</summary>
public static class StackImage
{
    public const string EnvironmentVariable = "CHAOS_STACK_IMAGE";
    public const string TagFile = ".chaos/stack-image";

    public static string? Resolve(string? environmentValue, IEnumerable<string> searchFrom)
    {
        if (!string.IsNullOrWhiteSpace(environmentValue))
        {
            return environmentValue.Trim();
        }
        foreach (var start in searchFrom)
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var file = Path.Combine(dir.FullName, TagFile);
                if (File.Exists(file))
                {
                    return File.ReadAllText(file).Trim();
                }
            }
        }
        return null;
    }

    /// <summary>Resolves from the environment, the working directory and the program's folder.</summary>
    public static string? ResolveDefault() =>
        Resolve(Environment.GetEnvironmentVariable(EnvironmentVariable), [Environment.CurrentDirectory, AppContext.BaseDirectory]);
}
