namespace Chaos.Slo;

/// <summary>The kinds of <see cref="StackSignal"/> the reference stack raises when it notices a fault.</summary>
public static class StackSignalKinds
{
    public const string BreakerOpen = "breaker-open";
    public const string ReplicaUnready = "replica-unready";
    public const string Failover = "failover";
    public const string DriftAlarm = "drift-alarm";
    public const string Quarantine = "quarantine";
    /// <summary>The pipeline finished a retraining run (candidate promoted or rejected); not a detection signal.</summary>
    public const string Retrained = "retrained";
    /// <summary>The controller saw a replica become ready (a replacement or a scale-out); not a detection signal.</summary>
    public const string ReplicaReady = "replica-ready";

    /// <summary>Every kind above: what counts as detection by default.</summary>
    public static IReadOnlyList<string> All { get; } = [BreakerOpen, ReplicaUnready, Failover, DriftAlarm, Quarantine];
}
