using Chaos.Slo;

namespace Chaos.Reporting;

/// <summary>
/// The moments a reader looks for on the timeline, on the run clock: detection (the first stack signal of
/// <see cref="StackSignalKinds.All"/> at or after the first fault), every failover signal, and recovery (the first fault plus
/// the measured time to recover, when that SLO measured one). Each comes from what the run recorded, never assumed.
/// </summary>
public static class RunMarkers
{
    public const string Detection = "detection";
    public const string Failover = "failover";
    public const string Recovery = "recovery";

    public sealed record Marker(double Seconds, string Kind, string Label);

    public static IReadOnlyList<Marker> From(RunReport report)
    {
        var firstFault = report.Events.Where(e => e.Type == RunEvent.Types.FaultInjected).OrderBy(e => e.Seconds).FirstOrDefault();
        var markers = new List<Marker>();
        var signals = report.Events.Where(e => e.Type == "stack.signal").OrderBy(e => e.Seconds).ToList();
        if (firstFault is not null && signals.FirstOrDefault(s => s.Seconds >= firstFault.Seconds && StackSignalKinds.All.Contains(Kind(s), StringComparer.Ordinal)) is { } detected)
        {
            markers.Add(new Marker(detected.Seconds, Detection, $"detected: {Kind(detected)} {Text(detected, "replica")}".TrimEnd()));
        }
        markers.AddRange(signals.Where(s => Kind(s) == StackSignalKinds.Failover)
            .Select(s => new Marker(s.Seconds, Failover, $"failover {Text(s, "replica")}".TrimEnd())));
        var recovery = report.Slos.FirstOrDefault(s => s.Name == SloDefinitions.TimeToRecover && s.Measured is not null);
        if (firstFault is not null && recovery?.Measured is { } ttr)
        {
            // Time to recover counts from the first fault start as the SLO saw it (the injection call's start on the run clock).
            markers.Add(new Marker(firstFault.Seconds + ttr, Recovery, ReportFormat.Invariant($"recovered (+{ttr:0.#} s)")));
        }
        return markers.OrderBy(m => m.Seconds).ToList();
    }

    private static string Kind(RunEvent e) => Text(e, "kind");

    private static string Text(RunEvent e, string key) => e.Data.TryGetValue(key, out var value) ? ReportFormat.DataValue(value) : "";
}
