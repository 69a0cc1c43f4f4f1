namespace Chaos.Stack.Controller;

/// <summary>How the controller reaches replicas for probes and scrapes.</summary>
public enum ReachMode
{
    /// <summary>By network alias on the run's network: the controller runs in a container on that network.</summary>
    Alias,

    /// <summary>By the replica's published port on 127.0.0.1: the controller runs on the host (tests).</summary>
    Published,
}
