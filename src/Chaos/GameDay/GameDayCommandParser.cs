using Chaos.Scenarios;
using YamlDotNet.RepresentationModel;

namespace Chaos.GameDay;

/// <summary>
/// Parses a line typed at the game day's prompt. Never throws for bad input: an error is one line that says what was
/// expected. Faults are validated by the scenario reader itself, so a fault is valid here exactly when it is in a scenario.
/// </summary>
public static class GameDayCommandParser
{
    /// <summary>The parameters <c>inject</c> takes, as <c>key=value</c>.</summary>
    public static readonly IReadOnlyList<string> InjectParameters = [.. ScenarioKeys.Target, .. FaultOptions];

    // The keys of a scenario's fault besides its kind and target (and its 'at': a game-day fault starts when typed).
    private static IReadOnlyList<string> FaultOptions => [.. ScenarioKeys.UntimedFault.Where(k => k is not "kind" and not "target")];

    public const string Usage = """
        inject <fault-kind> [key=value ...]   a catalogue fault (see 'chaos faults'); keys: role, pick, duration and the kind's own options
                                              e.g. inject container.kill role=inference pick=one
                                                   inject polly.chaos mode=outcome rate=30%
        revert <id>|all                       revert one fault (its id, e.g. f1) or every active fault
        note <text>                           a note for the human timeline
        hypothesis <text> held|broken         record whether a hypothesis held
        status                                the current numbers as lines
        help                                  this list
        quit                                  revert every fault, remove the stack, write the reports
        """;

    /// <summary>
    /// The command, or a one-line error. <paramref name="inRunbook"/>: an empty line, <c>y</c> or <c>n</c> answer the current step.
    /// </summary>
    public static (GameDayCommand? Command, string? Error) Parse(string line, bool inRunbook = false)
    {
        var text = line.Trim();
        if (inRunbook && text.ToLowerInvariant() is "" or "y" or "yes" or "n" or "no")
        {
            return (new GameDayCommand.Confirm(text.ToLowerInvariant() is "" or "y" or "yes") { Text = text }, null);
        }
        if (text.Length == 0)
        {
            return (null, null);
        }
        var space = text.IndexOfAny([' ', '\t']);
        var verb = (space < 0 ? text : text[..space]).ToLowerInvariant();
        var rest = space < 0 ? "" : text[(space + 1)..].Trim();
        var (command, error) = verb switch
        {
            "inject" => ParseInject(rest),
            "revert" => rest.Length == 0 || rest.Contains(' ', StringComparison.Ordinal)
                ? (null, "revert: expected one fault id (e.g. f1) or 'all'")
                : (new GameDayCommand.Revert(rest == "all" ? null : rest), null),
            "note" => rest.Length == 0 ? (null, "note: expected the text of the note, e.g. note breaker opened after 3 s") : (new GameDayCommand.Note(rest), null),
            "hypothesis" => ParseHypothesis(rest),
            "status" => NoArguments(new GameDayCommand.Status(), rest),
            "help" or "?" => NoArguments(new GameDayCommand.Help(), rest),
            "quit" or "exit" => NoArguments(new GameDayCommand.Quit(), rest),
            _ => ((GameDayCommand?)null, $"unknown command '{verb}'; expected one of: inject, revert, note, hypothesis, status, help, quit"),
        };
        return (command is null ? null : command with { Text = text }, error);
    }

    private static (GameDayCommand?, string?) NoArguments(GameDayCommand command, string rest) =>
        rest.Length == 0 ? (command, null) : (null, $"{command.GetType().Name.ToLowerInvariant()}: takes no arguments; found '{rest}'");

    private static (GameDayCommand?, string?) ParseHypothesis(string rest)
    {
        var last = rest.LastIndexOf(' ');
        var verdict = (last < 0 ? rest : rest[(last + 1)..]).ToLowerInvariant();
        var statement = last < 0 ? "" : rest[..last].Trim();
        if (verdict is not ("held" or "broken") || statement.Length == 0)
        {
            return (null, "hypothesis: expected the statement then held or broken, e.g. hypothesis availability stays above 99% held");
        }
        return (new GameDayCommand.Hypothesis(statement, verdict == "held"), null);
    }

    private static (GameDayCommand?, string?) ParseInject(string rest)
    {
        var words = rest.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            return (null, $"inject: expected a fault kind, one of: {string.Join(", ", KnownFaultKinds.All)}");
        }
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var word in words.Skip(1))
        {
            var equals = word.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                return (null, $"inject: expected key=value; found '{word}'");
            }
            var key = word[..equals];
            if (!InjectParameters.Contains(key))
            {
                return (null, $"inject: unknown parameter '{key}'; expected one of: {string.Join(", ", InjectParameters)}");
            }
            if (!parameters.TryAdd(key, word[(equals + 1)..]))
            {
                return (null, $"inject: parameter '{key}' given twice");
            }
        }
        var (fault, errors) = FaultFromParameters(words[0], parameters);
        return fault is not null ? (new GameDayCommand.Inject(fault), null) : (null, string.Join("; ", errors));
    }

    /// <summary>Builds the fault's YAML mapping from the parameters and reads it with the scenario reader.</summary>
    internal static (FaultSpec? Fault, IReadOnlyList<string> Errors) FaultFromParameters(string kind, IReadOnlyDictionary<string, string> parameters)
    {
        // region.loss takes a whole region (a unless named); every other kind a role, within a region when one is named.
        var target = new YamlMappingNode();
        if (kind == Faults.RegionLoss.RegionLossFault.Name)
        {
            target.Add("region", parameters.GetValueOrDefault("region") ?? KnownTargets.PrimaryRegion);
        }
        else if (parameters.GetValueOrDefault("region") is { } region)
        {
            target.Add("region", region);
        }
        var role = parameters.GetValueOrDefault("role") ?? (kind == Faults.RegionLoss.RegionLossFault.Name ? null : DefaultRole(kind));
        if (role is not null)
        {
            target.Add("role", role);
        }
        target.Add("pick", parameters.GetValueOrDefault("pick") ?? "one");
        var fault = new YamlMappingNode { { "kind", kind }, { "target", target } };
        foreach (var key in FaultOptions.Where(parameters.ContainsKey))
        {
            fault.Add(key, parameters[key]);
        }
        var values = new YamlValueReader("inject");
        var spec = new ScenarioReader(values).ReadFault(fault, "inject", loadDuration: null, timed: false);
        return (values.Errors.Count == 0 ? spec : null, values.Errors.Select(e => e.Message.Replace("inject.target.", "", StringComparison.Ordinal)).ToList());
    }

    /// <summary>The role a fault acts on when none is given: the gateway for its chaos strategies and the faults of the traffic at the front door (request.corrupt, data.drift), the registry for model.corrupt-artifact, model.bad-version and dependency.slow, the pipeline for storage.crash and training.kill, otherwise an inference replica.</summary>
    public static string DefaultRole(string kind) => kind switch
    {
        KnownFaultKinds.PollyChaos or Faults.RequestCorrupt.RequestCorruptFault.Name or Faults.DataDrift.DataDriftFault.Name => "gateway",
        Faults.ModelCorruptArtifact.ModelCorruptArtifactFault.Name or Faults.ModelBadVersion.ModelBadVersionFault.Name
            or Faults.DependencySlow.DependencySlowFault.Name => "registry",
        Faults.StorageCrash.StorageCrashFault.Name or Faults.TrainingKill.TrainingKillFault.Name
            or Faults.DataFeed.DataCorruptBatchFault.Name or Faults.DataFeed.DataSchemaChangeFault.Name or Faults.DataFeed.DataStaleFault.Name => "pipeline",
        _ => "inference",
    };
}
