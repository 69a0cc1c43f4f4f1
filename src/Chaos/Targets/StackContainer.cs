namespace Chaos.Targets;

/// <summary>One container of a running stack, as faults and probes see it.</summary>
public sealed record StackContainer(string Role, string Alias, string Name, string Id, Uri HostUrl);
