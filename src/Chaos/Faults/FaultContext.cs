using Chaos.Scenarios;
using Chaos.Targets;

namespace Chaos.Faults;

/// <summary>What a fault may touch: the run's own labelled containers, chosen by selector with the run's seeded random source.</summary>
public sealed record FaultContext(DockerEngine Engine, IReadOnlyList<StackContainer> Members, TargetSelector Selector, Random Random, TimeProvider Time)
{
    /// <summary>The fault as the scenario wrote it (duration, rate, mode, delay).</summary>
    public FaultSpec? Spec { get; init; }

    /// <summary>HTTP to the run's own containers (127.0.0.1 published ports), for faults that act through an API.</summary>
    public HttpClient? Client { get; init; }

    /// <summary>Bearer token of the gateway's admin API for this run.</summary>
    public string? AdminToken { get; init; }

    /// <summary>The load's corruption switch (<c>request.corrupt</c>); null outside a run with load.</summary>
    public Load.RequestCorruption? Corruption { get; init; }

    /// <summary>The load's drift switch (<c>data.drift</c>); null outside a run with load.</summary>
    public Load.DriftSwitch? Drift { get; init; }

    /// <summary>What writer faults (<c>storage.crash</c>) saw of the pipeline's store; null outside a run.</summary>
    public StorageCrash.WriteLedger? Writes { get; init; }

    /// <summary>Training runs training.kill killed, with where each resumed; null outside a run.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<Slo.TrainingResume>? TrainingResumes { get; init; }

    /// <summary>The data faults' switch on the pipeline feed; null when the run has no pipeline.</summary>
    public Load.FeedTampering? FeedTampering { get; init; }

    /// <summary>What region.loss saw of the registries (versions in the lost region and in the standby); null outside a run.</summary>
    public RegionLoss.ReplicationLedger? Replication { get; init; }

    /// <summary>Name of the run's own network.</summary>
    public string? Network { get; init; }

    /// <summary>Observes the engine's state of every target until <paramref name="holds"/> is true for all (null: the container is gone).</summary>
    public Task<bool> ObserveTargetsAsync(IReadOnlyList<StackContainer> targets, Func<Docker.DotNet.Models.State?, bool> holds, TimeSpan within, CancellationToken cancellationToken) =>
        ObserveAsync(async () => (await Task.WhenAll(targets.Select(t => Engine.StateAsync(t.Id, cancellationToken)))).All(holds), within, cancellationToken);

    /// <summary>
    /// Polls <paramref name="condition"/> every 50 ms until it holds or <paramref name="within"/> passes: an observation, not
    /// an assumption. Cancelled (a guardrail trip, Ctrl-C), it ends unseen rather than throwing, so a fault already in
    /// effect is still handed back for its revert.
    /// </summary>
    public async Task<bool> ObserveAsync(Func<Task<bool>> condition, TimeSpan within, CancellationToken cancellationToken)
    {
        var start = Time.GetTimestamp();
        try
        {
            while (true)
            {
                if (await condition())
                {
                    return true;
                }
                if (Time.GetElapsedTime(start) >= within)
                {
                    return false;
                }
                await Task.Delay(TimeSpan.FromMilliseconds(50), Time, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>
    /// The targets of a fault that acts on one role only (<paramref name="role"/>): any other role is an error naming what
    /// <paramref name="fault"/> does (<paramref name="acts"/>) and the target it needs.
    /// </summary>
    public IReadOnlyList<StackContainer> ResolveTargetsOf(string role, string fault, string acts)
    {
        var targets = ResolveTargets();
        return targets.All(t => t.Role == role)
            ? targets
            : throw new FaultTargetException($"{fault} {acts}: its target must be {{ role: {role} }}");
    }

    /// <summary>The targets the selector picks; a selector that matches nothing is an error, never a silent pass.</summary>
    public IReadOnlyList<StackContainer> ResolveTargets()
    {
        var candidates = Members
            .Where(m => (Selector.Role.Length == 0 || m.Role == Selector.Role) && (Selector.Region is null || m.Region == Selector.Region))
            .OrderBy(m => m.Alias, StringComparer.Ordinal).ToList();
        if (candidates.Count == 0)
        {
            var where = Selector.Region is null ? "" : $"region: {Selector.Region}, ";
            var role = Selector.Role.Length == 0 ? "" : $"role: {Selector.Role}, ";
            throw new FaultTargetException($"target {{ {role}{where}pick: {Selector.Pick} }} matches no container of this run");
        }
        if (Selector.Pick == "all")
        {
            return candidates;
        }
        if (Selector.Pick == "one" || !Scenarios.ScenarioSyntax.TryParsePercent(Selector.Pick, out var share))
        {
            return [candidates[Random.Next(candidates.Count)]];
        }
        var count = Math.Clamp((int)Math.Ceiling((share * candidates.Count) - 1e-9), 1, candidates.Count);
        // A seeded shuffle keeps the pick reproducible; the targets stay in alias order.
        return candidates.OrderBy(_ => Random.Next()).Take(count).OrderBy(m => m.Alias, StringComparer.Ordinal).ToList();
    }
}
