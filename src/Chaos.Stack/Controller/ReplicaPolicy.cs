using System.Globalization;

namespace Chaos.Stack.Controller;

/// <summary>
/// The controller's decisions, free of I/O: observations in, actions out. It remembers only what the rules need across
/// intervals (consecutive failed probes, when each alias was last replaced, how long a scaling signal has held, when the
/// last scaling action was), and reads time only from the injected <see cref="TimeProvider"/>.
/// </summary>
public sealed class ReplicaPolicy(ControllerOptions options, TimeProvider timeProvider)
{
    private readonly Dictionary<string, int> failedProbes = new(StringComparer.Ordinal);
    private readonly HashSet<string> reportedUnready = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> lastReplaced = new(StringComparer.Ordinal);
    private DateTimeOffset? lastScaled;
    private int scaleOutStreak;
    private int scaleInStreak;
    private int minReplicas = options.MinReplicas;
    private int activated;

    /// <summary>The minimum in force: the configured one, or the activation minimum once a standby was activated.</summary>
    public int MinReplicas => Volatile.Read(ref minReplicas);

    /// <summary>True once <see cref="Activate"/> ran on a standby.</summary>
    public bool Activated => Volatile.Read(ref activated) == 1;

    /// <summary>
    /// A failover reached this standby region: raise the minimum to the activation minimum. True only for the call that
    /// activated it; false when it was active already or is not a standby.
    /// </summary>
    public bool Activate()
    {
        if (options.ActivateMinReplicas is not { } target)
        {
            return false;
        }

        Volatile.Write(ref minReplicas, Math.Max(options.MinReplicas, target));
        return Interlocked.Exchange(ref activated, 1) == 0;
    }

    // A standby before activation keeps only the replicas up to its minimum: parked ones (a cold standby's) stay stopped.
    private bool Parked(ReplicaObservation replica) => options.ActivateMinReplicas is not null && !Activated && replica.Ordinal > MinReplicas;

    /// <summary>The actions for this interval: healing first; scaling only in an interval with no healing to do.</summary>
    public IReadOnlyList<ControllerAction> Decide(ClusterObservation observation)
    {
        var now = timeProvider.GetUtcNow();
        Forget(observation.Replicas);
        var actions = new List<ControllerAction>();
        foreach (var replica in observation.Replicas.OrderBy(r => r.Ordinal))
        {
            if (Parked(replica) || Unhealthy(replica) is not { } unhealthy)
            {
                continue;
            }

            var (reason, replace) = unhealthy;
            if (reportedUnready.Add(replica.ContainerId))
            {
                actions.Add(new ControllerAction(ActionKind.ReportUnready, replica.Alias, replica.ContainerId, reason));
            }

            if (replace && options.SelfHealing && !InBackoff(replica.Alias, now))
            {
                actions.Add(new ControllerAction(ActionKind.Replace, replica.Alias, replica.ContainerId, reason));
                lastReplaced[replica.Alias] = now;
                failedProbes.Remove(replica.ContainerId);
            }
        }

        if (options.SelfHealing)
        {
            actions.AddRange(RestoreMinimum(observation.Replicas, now));
        }

        var healing = actions.Any(a => a.Kind != ActionKind.ReportUnready);
        if (options.Autoscaling && !healing)
        {
            actions.AddRange(Scale(observation, now));
        }

        return actions;
    }

    // Unready, and whether to replace it now. A replica that is gone, paused, or answers that it is not ready is replaced
    // after UnreadyProbes; one that runs but does not answer may only be overloaded, and gets UnansweredProbes.
    private (string Reason, bool Replace)? Unhealthy(ReplicaObservation replica)
    {
        if (!replica.Running)
        {
            return ("container not running", true);
        }

        if (replica.Ready)
        {
            failedProbes[replica.ContainerId] = 0;
            reportedUnready.Remove(replica.ContainerId);
            return null;
        }

        var failures = failedProbes[replica.ContainerId] = failedProbes.GetValueOrDefault(replica.ContainerId) + 1;
        if (failures < options.UnreadyProbes)
        {
            return null;
        }

        if (replica.Paused)
        {
            return (string.Create(CultureInfo.InvariantCulture, $"/v2/health/ready failed {failures} consecutive times: container paused"), true);
        }

        if (replica.Answered)
        {
            return (string.Create(CultureInfo.InvariantCulture, $"/v2/health/ready failed {failures} consecutive times"), true);
        }

        return failures >= options.UnansweredProbes
            ? (string.Create(CultureInfo.InvariantCulture, $"/v2/health/ready unanswered {failures} consecutive times"), true)
            : (string.Create(CultureInfo.InvariantCulture,
                $"/v2/health/ready unanswered {failures} consecutive times; the container runs, so it may only be overloaded: replaced after {options.UnansweredProbes}"), false);
    }

    private bool InBackoff(string alias, DateTimeOffset now) =>
        lastReplaced.TryGetValue(alias, out var at) && now - at < options.ReplaceBackoff;

    // A replica removed outside the controller (docker rm) leaves nothing to copy in place; recreate its alias from a sibling.
    private IEnumerable<ControllerAction> RestoreMinimum(IReadOnlyList<ReplicaObservation> replicas, DateTimeOffset now)
    {
        var taken = replicas.Select(r => r.Ordinal).ToHashSet();
        var missing = MinReplicas - replicas.Count;
        for (var ordinal = 1; missing > 0 && replicas.Count > 0; ordinal++)
        {
            if (taken.Contains(ordinal))
            {
                continue;
            }

            missing--;
            var alias = ReplicaAlias.Format(options.Role, ordinal);
            if (!InBackoff(alias, now))
            {
                lastReplaced[alias] = now;
                yield return new ControllerAction(ActionKind.ScaleOut, alias, null,
                    string.Create(CultureInfo.InvariantCulture, $"{replicas.Count} replicas, below the minimum of {MinReplicas}"));
            }
        }
    }

    /// <summary>
    /// Replicas to add at once when the scale-out signal holds on <paramref name="current"/> replicas: the Kubernetes HPA rule,
    /// ceil(current x observed / target) - current for the signal furthest over its threshold (<paramref name="pressure"/>,
    /// above 1), at least one, at most as many as there are (the count at most doubles per action) and up to the maximum.
    /// </summary>
    public static int ScaleOutStep(int current, double pressure, int maxReplicas)
    {
        var room = maxReplicas - current;
        if (room <= 0)
        {
            return 0;
        }

        var wanted = (int)Math.Ceiling(Math.Max(1, current) * Math.Min(pressure, 1_000)) - current;
        return Math.Clamp(wanted, 1, Math.Min(room, Math.Max(1, current)));
    }

    private List<ControllerAction> Scale(ClusterObservation observation, DateTimeOffset now)
    {
        var latency = observation.P99Latency;
        // In-flight as the replicas count it or as the gateway does, whichever is larger: the gateway's count includes the
        // requests waiting in a throttled replica's socket backlog, which the replica's own gauge never sees.
        var atGateway = observation.GatewayInFlight > (observation.MeanInFlight ?? 0);
        var queue = atGateway ? observation.GatewayInFlight : observation.MeanInFlight;
        var where = atGateway ? " at the gateway" : string.Empty;
        var depth = observation.MeanQueueDepth;
        var utilization = observation.MeanUtilization;
        var tooSlow = latency > options.ScaleOutLatency;
        var tooBusy = queue > options.ScaleOutQueue;
        var queueing = depth > options.ScaleOutQueueDepth;
        var saturated = utilization > options.ScaleOutUtilization;
        var shed = observation.ShedFraction;
        var shedding = shed > options.ScaleOutShed;
        // Scale-in looks at the load per replica as it would be with one replica fewer (the HPA's ratio, count x load / target):
        // at 0.1 CPU four replicas can each look idle by in-flight while two are too few, and the count would drop until the
        // next scale-out. A replica too starved to be scraped is no evidence of idleness, and neither is a gateway shedding.
        var count = observation.Replicas.Count;
        var fewer = count > 1 ? count / (double)(count - 1) : double.PositiveInfinity;
        var idle = observation.Unobserved == 0 && !(shed > 0) && queue * fewer < options.ScaleInQueue && !(latency >= options.EffectiveScaleInLatency)
            && !(utilization * fewer >= options.ScaleInUtilization) && !(depth > 0);
        var outSignal = tooSlow || tooBusy || queueing || saturated || shedding;

        // The load on the replicas there are, as a multiple of the scale-out thresholds (the HPA's ratio).
        var pressure = new[]
        {
            latency is { } p99 ? p99 / options.ScaleOutLatency : 0,
            queue / options.ScaleOutQueue ?? 0,
            depth / options.ScaleOutQueueDepth ?? 0,
            utilization / options.ScaleOutUtilization ?? 0,
            // Demand over what the replicas were let take: all attempts over the admitted ones.
            shedding ? 1 / Math.Max(0.25, 1 - shed!.Value) : 0,
        }.Max();
        scaleOutStreak = outSignal ? scaleOutStreak + 1 : 0;
        scaleInStreak = idle && !outSignal ? scaleInStreak + 1 : 0;
        if (lastScaled is { } at && now - at < options.Cooldown)
        {
            return [];
        }

        var replicas = observation.Replicas;
        var actions = new List<ControllerAction>();
        if (scaleOutStreak >= options.ScaleOutIntervals && replicas.Count < options.MaxReplicas)
        {
            var next = replicas.Count == 0 ? 1 : replicas.Max(r => r.Ordinal) + 1;
            var why = shedding ? string.Create(CultureInfo.InvariantCulture, $"gateway refused {shed:0.##%} of attempts as busy (> {options.ScaleOutShed:0.##%}) for {scaleOutStreak} intervals")
                : tooBusy ? string.Create(CultureInfo.InvariantCulture, $"mean in-flight{where} {queue:0.##} > {options.ScaleOutQueue} for {scaleOutStreak} intervals")
                : queueing ? string.Create(CultureInfo.InvariantCulture, $"mean queue depth {depth:0.##} > {options.ScaleOutQueueDepth} for {scaleOutStreak} intervals")
                : saturated ? string.Create(CultureInfo.InvariantCulture, $"mean accelerator utilisation {utilization:0.##} > {options.ScaleOutUtilization} for {scaleOutStreak} intervals")
                : string.Create(CultureInfo.InvariantCulture, $"p99 {latency!.Value.TotalMilliseconds:0}ms > {options.ScaleOutLatency.TotalMilliseconds:0}ms for {scaleOutStreak} intervals");
            var step = ScaleOutStep(replicas.Count, pressure, options.MaxReplicas);
            if (step > 1)
            {
                why += string.Create(CultureInfo.InvariantCulture, $"; {pressure:0.##} times the threshold on {replicas.Count} replicas: adding {step}");
            }

            actions.AddRange(Enumerable.Range(next, step).Select(ordinal => new ControllerAction(ActionKind.ScaleOut, ReplicaAlias.Format(options.Role, ordinal), null, why)));
        }
        else if (scaleInStreak >= options.ScaleInIntervals && replicas.Count > Math.Max(1, MinReplicas))
        {
            var highest = replicas.MaxBy(r => r.Ordinal)!;
            actions.Add(new ControllerAction(ActionKind.ScaleIn, highest.Alias, highest.ContainerId,
                string.Create(CultureInfo.InvariantCulture, $"mean in-flight{where} {queue:0.##} ({queue * fewer:0.##} with one replica fewer) < {options.ScaleInQueue} for {scaleInStreak} intervals")));
        }

        if (actions.Count > 0)
        {
            lastScaled = now;
            scaleOutStreak = 0;
            scaleInStreak = 0;
        }

        return actions;
    }

    private void Forget(IReadOnlyList<ReplicaObservation> replicas)
    {
        var present = replicas.Select(r => r.ContainerId).ToHashSet(StringComparer.Ordinal);
        foreach (var gone in failedProbes.Keys.Where(id => !present.Contains(id)).ToList())
        {
            failedProbes.Remove(gone);
        }

        reportedUnready.RemoveWhere(id => !present.Contains(id));
    }
}
