using Chaos.Scenarios;
using Chaos.Targets;

namespace Chaos.Faults;

/// <summary>What a fault may touch: the run's own labelled containers, chosen by selector with the run's seeded random source.</summary>
public sealed record FaultContext(DockerEngine Engine, IReadOnlyList<StackContainer> Members, TargetSelector Selector, Random Random, TimeProvider Time)
{
    /// <summary>The targets the selector picks; a selector that matches nothing is an error, never a silent pass.</summary>
    public IReadOnlyList<StackContainer> ResolveTargets()
    {
        var candidates = Members.Where(m => m.Role == Selector.Role).OrderBy(m => m.Alias, StringComparer.Ordinal).ToList();
        if (candidates.Count == 0)
        {
            throw new FaultTargetException($"target {{ role: {Selector.Role}, pick: {Selector.Pick} }} matches no container of this run");
        }
        return Selector.Pick == "all" ? candidates : [candidates[Random.Next(candidates.Count)]];
    }
}
