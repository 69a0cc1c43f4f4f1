using System.Globalization;
using System.Text.Json;
using Chaos.Slo;

namespace Chaos.Reporting;

/// <summary>How numbers, outcomes and events read in every human-facing report, so that all of them say the same thing.</summary>
internal static class ReportFormat
{
    public static string Measured(SloResult slo) => slo.Measured is { } value ? Value(value, slo.Unit) : "no data";

    public static string Margin(SloResult slo) => slo.Margin is not { } margin
        ? "-"
        : slo.Unit == SloDefinitions.FractionUnit
            ? Invariant($"{(margin >= 0 ? "+" : "")}{margin * 100:0.###} pp")
            : Invariant($"{(margin >= 0 ? "+" : "")}{margin:0.###}{slo.Unit}");

    public static string Value(double value, string unit) => unit == SloDefinitions.FractionUnit
        ? Invariant($"{value * 100:0.###}%")
        : Invariant($"{value:0.###}{unit}");

    public static string Status(SloStatus status) => status switch
    {
        SloStatus.Passed => "passed",
        SloStatus.Failed => "failed",
        _ => "no data",
    };

    public static string Outcome(RunOutcome outcome) => JsonNamingPolicy.KebabCaseLower.ConvertName(outcome.ToString());

    public static string Seconds(double seconds) => Invariant($"{seconds:0.0##}s");

    public static string Milliseconds(double? millis) => millis is { } ms ? Invariant($"{ms:0.##}") : "";

    public static string Timestamp(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string Data(IReadOnlyDictionary<string, object?> data) =>
        string.Join(", ", data.Select(pair => $"{pair.Key}={DataValue(pair.Value)}"));

    /// <summary>A journal value as text: lists joined, JSON elements (after a round trip) as written.</summary>
    public static string DataValue(object? value) => value switch
    {
        null => "",
        string text => text,
        JsonElement { ValueKind: JsonValueKind.String } element => element.GetString() ?? "",
        JsonElement { ValueKind: JsonValueKind.Array } element => string.Join(" ", element.EnumerateArray().Select(e => DataValue(e))),
        JsonElement element => element.GetRawText(),
        System.Collections.IEnumerable items => string.Join(" ", items.Cast<object?>().Select(DataValue)),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    /// <summary>A short label for a fault event on a chart: what happened, to whom.</summary>
    public static string FaultLabel(RunEvent fault)
    {
        var kind = fault.Data.TryGetValue("kind", out var k) ? DataValue(k) : "";
        var targets = fault.Data.TryGetValue("targets", out var t) ? DataValue(t) : "";
        var what = fault.Type[(fault.Type.IndexOf('.', StringComparison.Ordinal) + 1)..];
        return string.IsNullOrEmpty(targets) ? $"{kind} {what}" : $"{kind} {what}: {targets}";
    }

    /// <summary>Explains an SLO in one sentence: measured against target, with the margin or the reason there is no number.</summary>
    public static string Sentence(SloResult slo)
    {
        var core = slo.Measured is null
            ? $"{slo.Name}: {Status(slo.Status)} (target {slo.Target})"
            : $"{slo.Name}: measured {Measured(slo)}, target {slo.Target}, margin {Margin(slo)}";
        return slo.Message is { } message ? $"{core}; {message}" : core;
    }

    public static IEnumerable<RunEvent> FaultEvents(IEnumerable<RunEvent> events) =>
        events.Where(e => e.Type.StartsWith("fault.", StringComparison.Ordinal)).OrderBy(e => e.Seconds);

    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
