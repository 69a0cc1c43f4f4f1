namespace Chaos.Targets;

/// <summary>One container of a running stack, as faults and probes see it.</summary>
public sealed record StackContainer(string Role, string Alias, string Name, string Id, Uri HostUrl)
{
    /// <summary>The region the container belongs to (<c>a</c>, <c>b</c>), or <see cref="GlobalRegion"/> for the front door.</summary>
    public string Region { get; init; } = Scenarios.KnownTargets.PrimaryRegion;

    /// <summary>The region of what spans both regions: the front door.</summary>
    public const string GlobalRegion = "global";
}
