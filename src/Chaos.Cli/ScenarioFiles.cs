using Chaos.Scenarios;

namespace Chaos.Cli;

/// <summary>Turns the paths a user gives (files or folders of *.yaml) into validated scenarios, or every error at once.</summary>
internal static class ScenarioFiles
{
    public static IReadOnlyList<string> Expand(IEnumerable<string> paths) => paths
        .SelectMany(path => Directory.Exists(path)
            ? Directory.GetFiles(path, "*.yaml").Concat(Directory.GetFiles(path, "*.yml")).Order(StringComparer.Ordinal)
            : (IEnumerable<string>)[path])
        .ToList();

    /// <summary><c>--load-transport</c> of run and gate: sends every scenario's load this way instead of its own <c>load.transport</c>.</summary>
    public static System.CommandLine.Option<string?> TransportOption() => new("--load-transport")
    {
        Description = $"Send the load through this transport instead of each scenario's load.transport: {string.Join(", ", KnownLoadTransports.All)}",
    };

    /// <summary>The scenarios with <paramref name="transport"/> as their load's transport (unchanged when null); null with the error printed for a name that cannot be used here.</summary>
    public static IReadOnlyList<Scenario>? WithTransport(IReadOnlyList<Scenario> scenarios, string? transport, TextWriter errors)
    {
        if (transport is null)
        {
            return scenarios;
        }
        if (!KnownLoadTransports.All.Contains(transport))
        {
            errors.WriteLine($"--load-transport: unknown transport '{transport}'; expected one of: {string.Join(", ", KnownLoadTransports.All)}");
            return null;
        }
        if (transport == KnownLoadTransports.EventLoop && !Chaos.Load.LoadTransport.EventLoopSupported)
        {
            errors.WriteLine("--load-transport: event-loop needs x86-64 Linux; use dotnet here");
            return null;
        }
        return scenarios.Select(s => s with { Load = s.Load with { Transport = transport } }).ToList();
    }

    /// <summary>Loads every file; null with the errors printed when any file is invalid.</summary>
    public static IReadOnlyList<Scenario>? LoadAll(IReadOnlyList<string> files, TextWriter errors)
    {
        var scenarios = new List<Scenario>();
        var failed = false;
        if (files.Count == 0)
        {
            errors.WriteLine("no scenario files found");
            return null;
        }
        foreach (var file in files)
        {
            var loaded = ScenarioLoader.Load(file);
            if (loaded.IsValid)
            {
                scenarios.Add(loaded.Scenario!);
            }
            else
            {
                failed = true;
                errors.WriteLine(ScenarioErrorFormatter.Format(loaded.Errors));
            }
        }
        return failed ? null : scenarios;
    }
}
