using Chaos.Load.Profiles;

namespace Chaos.Scenarios;

/// <summary>The arrival profiles <c>load.profile.kind</c> may name, as the profile types define them.</summary>
public static class KnownProfileKinds
{
    public static readonly IReadOnlySet<string> All = new SortedSet<string>(StringComparer.Ordinal)
    {
        ConstantArrivalProfile.Name, RampArrivalProfile.Name, StepArrivalProfile.Name, SpikeArrivalProfile.Name,
    };
}
