namespace Chaos.Stack.Controller;

/// <summary>A replica container of the run as inspected: identity, alias, state and where it can be reached.</summary>
public sealed record ReplicaContainer(string Id, string Name, string Alias, int Ordinal, bool Running, int ServicePort, int? PublishedPort)
{
    /// <summary>The engine reports the container paused (<c>State.Paused</c>).</summary>
    public bool Paused { get; init; }

    /// <summary>The URL the gateway uses: the alias on the run's network.</summary>
    public Uri NetworkUrl => new($"http://{Alias}:{ServicePort}/");

    /// <summary>The URL the controller probes, by alias in a container or by published port on the host.</summary>
    public Uri? ProbeUrl(ReachMode reach) => reach switch
    {
        ReachMode.Alias => NetworkUrl,
        _ => PublishedPort is { } port ? new Uri($"http://127.0.0.1:{port}/") : null,
    };
}
