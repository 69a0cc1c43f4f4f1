using System.CommandLine;
using Chaos.Engine;
using Chaos.Slo;
using Chaos.Targets;

namespace Chaos.Cli;

/// <summary><c>chaos stack up|down</c>: the reference stack on its own, for exploring it or pointing other tools at it.</summary>
internal static class StackCommand
{
    public static Command Create()
    {
        var variant = new Option<string>("--variant") { Description = $"Variant: {string.Join(", ", StackVariant.All.Keys)}", DefaultValueFactory = _ => "full" };
        var regions = new Option<string>("--regions") { Description = "Regions: a, or a,b for a warm standby in region b behind a front door", DefaultValueFactory = _ => "a" };
        var up = new Command("up", "Bring the stack up and leave it running; the last line printed is the front door URL") { variant, regions };
        up.SetAction((parse, cancellationToken) => UpAsync(parse.GetValue(variant)!, parse.GetValue(regions)!, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellationToken));
        var runId = new Argument<string?>("run-id") { Description = "Stack to remove (default: every stack started by 'chaos stack up')", Arity = ArgumentArity.ZeroOrOne };
        var down = new Command("down", "Remove stacks started by 'chaos stack up'") { runId };
        down.SetAction((parse, cancellationToken) => DownAsync(parse.GetValue(runId), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellationToken));
        return new Command("stack", "Bring the reference stack up or down outside a scenario") { up, down };
    }

    private static async Task<int> UpAsync(string variantName, string regions, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (regions is not ("a" or "a,b"))
        {
            await error.WriteLineAsync($"--regions: expected a or a,b (the primary region first), got '{regions}'");
            return ExitCodes.BadInput;
        }
        if (!StackVariant.All.TryGetValue(variantName, out var variant))
        {
            await error.WriteLineAsync($"--variant: unknown variant '{variantName}'; expected one of: {string.Join(", ", StackVariant.All.Keys)}");
            return ExitCodes.BadInput;
        }
        var image = StackImage.ResolveDefault();
        if (image is null)
        {
            await error.WriteLineAsync("chaos: no verdict possible: no stack image is known; run scripts/bootstrap.sh (./chaos does it for you)");
            return ExitCodes.NoVerdict;
        }
        using var engine = new DockerEngine();
        try
        {
            await engine.EnsureReachableAsync(cancellationToken);
            var runId = RunIds.New(TimeProvider.System);
            var stack = await DockerStack.StartAsync(engine, new StackOptions(image, runId, variant) { Owner = ChaosLabels.DetachedOwner, StandbyRegion = regions == "a,b" }, cancellationToken);
            stack.Detach();
            foreach (var member in stack.Members)
            {
                await output.WriteLineAsync($"{member.Role,-12} {member.Alias,-16} region {member.Region,-7} {member.HostUrl}");
            }
            await output.WriteLineAsync($"stack {runId} ({variant.Name}) is up; remove it with: ./chaos stack down {runId}");
            await output.WriteLineAsync(stack.FrontDoor.ToString());
            return ExitCodes.Passed;
        }
        catch (EngineUnavailableException exception)
        {
            await error.WriteLineAsync($"chaos: {exception.Message}");
            return ExitCodes.NoVerdict;
        }
    }

    private static async Task<int> DownAsync(string? runId, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        using var engine = new DockerEngine();
        try
        {
            await engine.EnsureReachableAsync(cancellationToken);
        }
        catch (EngineUnavailableException exception)
        {
            await error.WriteLineAsync($"chaos: {exception.Message}");
            return ExitCodes.NoVerdict;
        }
        var detached = await engine.DetachedRunsAsync(cancellationToken);
        var targets = runId is null ? detached : detached.Where(r => r == runId).ToList();
        if (runId is not null && targets.Count == 0)
        {
            await error.WriteLineAsync($"chaos: no stack {runId} started by 'chaos stack up'; running: {(detached.Count == 0 ? "none" : string.Join(", ", detached))}");
            return ExitCodes.BadInput;
        }
        var leftovers = new List<string>();
        foreach (var target in targets)
        {
            leftovers.AddRange(await engine.RemoveRunAsync(target, cancellationToken));
            await output.WriteLineAsync($"removed stack {target}");
        }
        if (leftovers.Count > 0)
        {
            await error.WriteLineAsync($"chaos: could not remove: {string.Join(", ", leftovers)}");
            return ExitCodes.NoVerdict;
        }
        return ExitCodes.Passed;
    }
}
