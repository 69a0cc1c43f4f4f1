namespace Chaos.Reporting;

/// <summary>
/// Health lanes per stack member, built only from what the run observed and journalled: the engine's container events
/// (<c>docker.die</c>, <c>docker.start</c>, <c>docker.pause</c>...), the harness's readiness probes (<c>observe.health</c>)
/// and the gateway's circuit breakers (<c>stack.signal</c> breaker-open/closed). Times are on the run clock.
/// </summary>
public static class HealthLanes
{
    /// <summary>What a lane shows for a stretch of time; later members of the enum win when several hold at once.</summary>
    public enum State
    {
        Ready,
        BreakerOpen,
        NotReady,
        Paused,
        Down,
    }

    public sealed record Segment(double StartSeconds, double EndSeconds, State State);

    /// <summary>One member's lane; <see cref="Region"/> is the region the events named, or "" when none did.</summary>
    public sealed record Lane(string Member, string Role, string Region, IReadOnlyList<Segment> Segments);

    private static readonly string[] DownActions = ["die", "kill", "stop", "oom", "destroy"];

    /// <summary>The lanes of every member the journal names, each covering [0, <paramref name="endSeconds"/>] of the run clock.</summary>
    public static IReadOnlyList<Lane> From(IReadOnlyList<RunEvent> events, string runId, double endSeconds)
    {
        var lanes = new Dictionary<string, Builder>(StringComparer.Ordinal);
        Builder LaneOf(string member)
        {
            if (!lanes.TryGetValue(member, out var lane))
            {
                lane = new Builder(member);
                lanes[member] = lane;
            }
            return lane;
        }

        foreach (var e in events.OrderBy(e => e.Seconds))
        {
            if (e.Type == RunEvent.Types.StackUp && e.Data.TryGetValue("members", out var members))
            {
                foreach (var member in ReportFormat.DataValue(members).Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    LaneOf(member);
                }
            }
            else if (e.Type.StartsWith("docker.", StringComparison.Ordinal) && Text(e, "container") is { Length: > 0 } container)
            {
                var lane = LaneOf(Alias(container, runId));
                lane.Observe(e, Text(e, "role"));
                var action = e.Type["docker.".Length..];
                if (DownActions.Contains(action, StringComparer.Ordinal))
                {
                    lane.Set(e.Seconds, down: true);
                }
                else if (action is "start" or "restart")
                {
                    lane.Set(e.Seconds, down: false, paused: false);
                }
                else if (action == "pause")
                {
                    lane.Set(e.Seconds, paused: true);
                }
                else if (action == "unpause")
                {
                    lane.Set(e.Seconds, paused: false);
                }
            }
            else if (e.Type == "observe.health" && Text(e, "member") is { Length: > 0 } member)
            {
                var lane = LaneOf(member);
                lane.Observe(e, Text(e, "role"));
                var ready = Text(e, "ready") == "true" || Text(e, "ready") == "True";
                lane.Set(e.Seconds, ready: ready, down: ready ? false : null);
            }
            else if (e.Type == "stack.signal" && Text(e, "replica") is { Length: > 0 } replica && Text(e, "kind") is "breaker-open" or "breaker-closed")
            {
                var lane = LaneOf(replica);
                lane.Observe(e, "");
                lane.Set(e.Seconds, breakerOpen: Text(e, "kind") == "breaker-open");
            }
        }
        return lanes.Values.Select(l => l.Build(endSeconds)).OrderBy(l => l.Region, StringComparer.Ordinal)
            .ThenBy(l => RoleOrder(l.Role)).ThenBy(l => l.Member, StringComparer.Ordinal).ToList();
    }

    /// <summary>A container's name without the run's prefix: <c>chaos-&lt;run-id&gt;-inference-1</c> is <c>inference-1</c>.</summary>
    public static string Alias(string container, string runId)
    {
        var name = container.TrimStart('/');
        var prefix = $"chaos-{runId}-";
        return name.StartsWith(prefix, StringComparison.Ordinal) ? name[prefix.Length..] : name;
    }

    private static int RoleOrder(string role) => role switch { "gateway" => 0, "inference" => 1, "controller" => 3, "" => 4, _ => 2 };

    private static string Text(RunEvent e, string key) => e.Data.TryGetValue(key, out var value) ? ReportFormat.DataValue(value) : "";

    private sealed class Builder(string member)
    {
        private readonly List<Segment> _segments = [];
        private double _since;
        private bool _down, _paused, _notReady, _breakerOpen;
        private string _role = "", _region = "";

        public void Observe(RunEvent e, string role)
        {
            _role = _role.Length == 0 ? role : _role;
            _region = _region.Length == 0 && Text(e, "region") is { Length: > 0 } region ? region : _region;
        }

        public void Set(double seconds, bool? down = null, bool? paused = null, bool? ready = null, bool? breakerOpen = null)
        {
            var before = Current;
            var at = Math.Max(seconds, _since);
            _down = down ?? _down;
            _paused = paused ?? _paused;
            _notReady = ready is { } r ? !r : _notReady;
            _breakerOpen = breakerOpen ?? _breakerOpen;
            if (Current != before)
            {
                Close(at, before);
            }
        }

        public Lane Build(double endSeconds)
        {
            Close(Math.Max(endSeconds, _since), Current);
            return new Lane(member, _role, _region, _segments.ToList());
        }

        private State Current => _down ? State.Down : _paused ? State.Paused : _notReady ? State.NotReady : _breakerOpen ? State.BreakerOpen : State.Ready;

        private void Close(double at, State state)
        {
            if (at > _since)
            {
                if (_segments.Count > 0 && _segments[^1].State == state)
                {
                    _segments[^1] = _segments[^1] with { EndSeconds = at };
                }
                else
                {
                    _segments.Add(new Segment(_since, at, state));
                }
            }
            _since = at;
        }
    }
}
