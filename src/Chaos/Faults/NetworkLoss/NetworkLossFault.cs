namespace Chaos.Faults.NetworkLoss;

/// <summary>
/// <c>network.loss</c>: drops a share of the packets arriving at each target, with an iptables <c>statistic</c> rule inside
/// its network namespace (netem is absent here). Verified when the rule's own packet counter grows; reverted by deleting
/// exactly that rule (its comment is unique), confirmed when it is gone or the container with it.
/// </summary>
public sealed class NetworkLossFault : IFault
{
    public const string Name = "network.loss";
    private static readonly TimeSpan VerifyWithin = TimeSpan.FromSeconds(10);

    public string Kind => Name;

    public string Description =>
        "Drops rate of the packets arriving at the targets (iptables statistic DROP in their network namespace); verified by the rule's packet counter; reverted by deleting exactly that rule. Options: rate, duration.";

    public async Task<FaultInjection> InjectAsync(FaultContext context, CancellationToken cancellationToken)
    {
        var rate = context.Spec?.Rate ?? throw new FaultTargetException($"{Name} needs a rate");
        if (rate is <= 0 or > 1)
        {
            throw new FaultTargetException($"{Name} needs a rate above 0% and at most 100%, got {rate:P1}");
        }
        var targets = context.ResolveTargets();
        var tag = context.Random.Next().ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
        var rules = new List<(string Id, IptablesLossRule Rule)>();
        try
        {
            foreach (var target in targets)
            {
                if (await context.Engine.StateAsync(target.Id, cancellationToken) is not { Running: true, Pid: > 0 } state)
                {
                    throw new FaultTargetException($"{Name}: {target.Alias} is not running, so it has no network namespace to drop packets in");
                }
                var rule = new IptablesLossRule((int)state.Pid, rate, $"chaos-loss-{target.Name}-{tag}");
                await rule.AddAsync(cancellationToken);
                rules.Add((target.Id, rule));
            }
        }
        catch (FaultTargetException)
        {
            // No half-injected fault without a revert: remove the rules already added.
            using var undo = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            foreach (var (_, rule) in rules)
            {
                await rule.DeleteAsync(undo.Token);
            }
            throw;
        }

        // Traffic for the counters even without load: a few health requests to each target's published port.
        var dropped = new Dictionary<string, long>(StringComparer.Ordinal);
        var verified = await context.ObserveAsync(async () =>
        {
            foreach (var target in targets)
            {
                await ProbeAsync(context.Client, target.HostUrl, cancellationToken);
            }
            foreach (var (id, rule) in rules)
            {
                dropped[rule.Comment] = await rule.DroppedAsync(cancellationToken) ?? 0;
            }
            return dropped.Values.All(d => d > 0);
        }, VerifyWithin, cancellationToken);
        var seen = string.Join(", ", targets.Zip(rules, (t, r) => $"{t.Alias}: {dropped.GetValueOrDefault(r.Rule.Comment)} dropped"));
        return new FaultInjection(Name, targets.Select(t => t.Alias).ToList(), verified,
            verified ? $"iptables counted dropped packets ({seen})" : $"no dropped packet counted within {VerifyWithin.TotalSeconds:0} s ({seen})",
            async token =>
            {
                var gone = true;
                foreach (var (id, rule) in rules)
                {
                    // A container the controller replaced took its namespace (and the rule) with it.
                    if (await context.Engine.StateAsync(id, token) is not { Running: true } state || state.Pid != rule.Pid)
                    {
                        continue;
                    }
                    await rule.DeleteAsync(token);
                    gone &= await rule.DroppedAsync(token) is null;
                }
                return gone;
            });
    }

    private static async Task ProbeAsync(HttpClient? client, Uri target, CancellationToken cancellationToken)
    {
        if (client is null)
        {
            return;
        }
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(TimeSpan.FromMilliseconds(300));
        try
        {
            using var response = await client.GetAsync(new Uri(target, "/v2/health/live"), bound.Token);
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException)
        {
            // A dropped probe is the fault at work.
        }
    }
}
