using YamlDotNet.RepresentationModel;

namespace Chaos.Scenarios;

/// <summary>The fault timeline of a scenario.</summary>
internal sealed partial class ScenarioReader
{
    private List<FaultSpec> ReadFaults(YamlNode node, TimeSpan? loadDuration)
    {
        var faults = new List<FaultSpec>();
        var items = values.Sequence(node, "faults", $"faults with keys: {string.Join(", ", ScenarioKeys.Fault)}");
        for (var i = 0; i < items.Count; i++)
        {
            if (ReadFault(items[i], $"faults[{i}]", loadDuration, timed: true) is { } fault)
            {
                faults.Add(fault);
            }
        }
        return faults;
    }

    /// <summary>
    /// One fault at <paramref name="path"/>. <paramref name="timed"/>: it needs its <c>at</c> (a scenario's timeline); untimed
    /// faults (a game day's, injected by hand) take no <c>at</c> and start when asked.
    /// </summary>
    internal FaultSpec? ReadFault(YamlNode item, string path, TimeSpan? loadDuration, bool timed)
    {
        var section = values.Section(item, path, timed ? ScenarioKeys.Fault : ScenarioKeys.UntimedFault);
        if (section is null)
        {
            return null;
        }
        var atNode = timed ? values.Required(section, "at", $"{ScenarioSyntax.DurationForm} within the load duration") : null;
        TimeSpan? at = timed ? (atNode is null ? null : WithinLoad(atNode, section.PathOf("at"), loadDuration)) : TimeSpan.Zero;
        var kindNode = values.Required(section, "kind", $"one of: {string.Join(", ", KnownFaultKinds.All)}");
        var kind = kindNode is null ? null : values.OneOf(kindNode, section.PathOf("kind"), KnownFaultKinds.All);
        var targetNode = values.Required(section, "target", "a mapping like { role: inference, pick: one }");
        var target = targetNode is null ? null : ReadTarget(targetNode, section.PathOf("target"));
        var duration = section["duration"] is { } d ? values.Duration(d, section.PathOf("duration"), allowZero: false, TimeSpan.FromHours(1)) : null;
        if (at is not null && duration is not null && loadDuration is { } load && at.Value + duration.Value > load)
        {
            values.Error(section["duration"]!.Start, $"{section.PathOf("duration")}: the fault would end after the load ({load.TotalSeconds:0.###}s); expected at + duration <= load.duration");
        }
        var rate = section["rate"] is { } r ? values.Check<double?>(r, section.PathOf("rate"), ScenarioSyntax.PercentForm,
            text => ScenarioSyntax.TryParsePercent(text, out var fraction) && fraction is >= 0 and <= 1 ? fraction : null) : null;
        var mode = section["mode"] is { } m && kind is not null && KnownFaultKinds.ModesOf(kind).Count > 0 ? values.OneOf(m, section.PathOf("mode"), KnownFaultKinds.ModesOf(kind)) : null;
        var delay = section["delay"] is { } dl ? values.Duration(dl, section.PathOf("delay"), allowZero: false, TimeSpan.FromMinutes(1)) : null;
        var jitter = section["jitter"] is { } jt ? values.Duration(jt, section.PathOf("jitter"), allowZero: true, TimeSpan.FromMinutes(1)) : null;
        var bandwidth = section["bandwidth"] is { } bw ? values.Integer(bw, section.PathOf("bandwidth"), 1, 1_000_000_000) : null;
        var cores = section["cores"] is { } c ? values.Integer(c, section.PathOf("cores"), 1, 8) : null;
        var memory = section["memory"] is { } mb ? values.Integer(mb, section.PathOf("memory"), 1, 4096) : null;
        var shift = section["shift"] is { } sh ? values.Number(sh, section.PathOf("shift"), 0.05, 5) : null;
        var kills = section["kills"] is { } k ? values.Integer(k, section.PathOf("kills"), 1, 20) : null;
        var ramp = section["ramp"] is { } rp ? values.Duration(rp, section.PathOf("ramp"), allowZero: false, TimeSpan.FromHours(1)) : null;
        if (ramp is not null && duration is not null && ramp > duration)
        {
            values.Error(section["ramp"]!.Start, $"{section.PathOf("ramp")}: the drift would be reverted before it reached full strength; expected ramp <= duration ({duration.Value.TotalSeconds:0.###}s)");
        }
        if (kind is not null)
        {
            CheckFaultOptions(section, item, kind, mode);
            if (target is not null)
            {
                CheckRegionTarget(targetNode!, section.PathOf("target"), kind, target);
            }
        }
        if (delay is not null && jitter is not null && jitter > delay)
        {
            values.Error(section["jitter"]!.Start, $"{section.PathOf("jitter")}: the jitter ({jitter.Value.TotalMilliseconds:0.###}ms) must not exceed the delay ({delay.Value.TotalMilliseconds:0.###}ms); a delay cannot be negative");
        }
        return at is not null && kind is not null && target is not null
            ? new FaultSpec
            {
                At = at.Value, Kind = kind, Target = target, Duration = duration, Rate = rate, Mode = mode, Delay = delay,
                Jitter = jitter, BytesPerSecond = bandwidth, Cores = cores, MemoryMegabytes = memory, Shift = shift, Ramp = ramp, Kills = (int?)kills,
                Line = (int)item.Start.Line, Column = (int)item.Start.Column,
            }
            : null;
    }

    // Each kind takes only its own options, and needs those it cannot do without.
    private void CheckFaultOptions(YamlSection section, YamlNode item, string kind, string? mode)
    {
        var allowed = KnownFaultKinds.OptionsOf(kind).ToHashSet(StringComparer.Ordinal);
        foreach (var key in KnownFaultKinds.OptionKeys.Where(k => section[k] is not null && !allowed.Contains(k)))
        {
            var takes = allowed.Count == 0 ? "it takes none beyond at, kind, target and duration" : $"it takes: {string.Join(", ", KnownFaultKinds.OptionKeys.Where(allowed.Contains))}";
            values.Error(section[key]!.Start, $"{section.PathOf(key)}: {kind} takes no '{key}'; {takes}");
        }
        foreach (var key in KnownFaultKinds.RequiredOf(kind).Where(k => section[k] is null))
        {
            values.Error(item.Start, $"{section.PathOf(key)}: {kind} needs a {key}, {OptionForm(key)}");
        }
        if (kind == KnownFaultKinds.PollyChaos && mode == "latency" && section["delay"] is null)
        {
            values.Error(item.Start, $"{section.PathOf("delay")}: a latency mode needs a delay, {ScenarioSyntax.DurationForm}");
        }
    }

    // region.loss takes a whole region and nothing else does; a role is named within region a (region b's containers are its
    // standby copies, reached only as a whole).
    private void CheckRegionTarget(YamlNode node, string path, string kind, TargetSelector target)
    {
        var whole = target.Role.Length == 0;
        if (kind == Faults.RegionLoss.RegionLossFault.Name && !whole)
        {
            values.Error(node.Start, $"{path}: {kind} loses a whole region; expected {{ region: a }} (or b) without a role, found role '{target.Role}'");
        }
        else if (kind != Faults.RegionLoss.RegionLossFault.Name && whole)
        {
            values.Error(node.Start, $"{path}: a region alone names every container of it, which only {Faults.RegionLoss.RegionLossFault.Name} takes; expected a role for {kind}");
        }
        else if (!whole && target.Region is { } region && region != KnownTargets.PrimaryRegion)
        {
            values.Error(node.Start, $"{path}: roles are targeted in region {KnownTargets.PrimaryRegion}; region {region}'s containers are reached only as a whole ({Faults.RegionLoss.RegionLossFault.Name})");
        }
    }

    private static string OptionForm(string key) => key switch
    {
        "mode" => $"one of {string.Join(", ", KnownFaultKinds.PollyChaosModes)}",
        "rate" => ScenarioSyntax.PercentForm,
        "delay" or "jitter" => ScenarioSyntax.DurationForm,
        "bandwidth" => "bytes per second, an integer from 1 to 1000000000",
        "cores" => "an integer from 1 to 8",
        "shift" => "standard deviations, a number from 0.05 to 5",
        "ramp" => ScenarioSyntax.DurationForm,
        "kills" => "a whole number from 1 to 20",
        _ => "megabytes, an integer from 1 to 4096",
    };

    // one, all, or a share of the role's containers such as 50% (at least one container).
    private string? ReadPick(YamlNode node, string path) =>
        values.Check<string>(node, path, $"one of: {string.Join(", ", KnownTargets.Picks)}, or {ScenarioSyntax.PercentForm} above 0%",
            text => KnownTargets.Picks.Contains(text) || (ScenarioSyntax.TryParsePercent(text, out var share) && share is > 0 and <= 1) ? text : null);

    private TargetSelector? ReadTarget(YamlNode node, string path)
    {
        var section = values.Section(node, path, ScenarioKeys.Target);
        if (section is null)
        {
            return null;
        }
        // A region alone (region.loss) names every container of that region; otherwise a role, optionally within a region.
        var regionNode = section["region"];
        var region = regionNode is null ? null : values.OneOf(regionNode, section.PathOf("region"), KnownTargets.Regions);
        var roleNode = regionNode is null ? values.Required(section, "role", $"one of: {string.Join(", ", KnownTargets.Roles)} (or region: a|b)") : section["role"];
        var role = roleNode is null ? null : values.OneOf(roleNode, section.PathOf("role"), KnownTargets.Roles);
        var pick = section["pick"] is { } p ? ReadPick(p, section.PathOf("pick")) : "one";
        if (pick is null || (role is null && region is null) || (roleNode is not null && role is null) || (regionNode is not null && region is null))
        {
            return null;
        }
        return new TargetSelector { Role = role ?? "", Region = region, Pick = pick };
    }
}
