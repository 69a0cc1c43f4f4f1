using System.Globalization;

namespace Chaos.GameDay;

/// <summary>The panel's numbers as plain text: one status line for a log, or a few lines for <c>status</c>.</summary>
public static class LiveStatusText
{
    public const string NotAvailable = "n/a";

    public static string Line(LiveStatus s) => string.Join(" | ",
        Invariant($"[{s.Seconds,5:F0}s/{s.MaxSeconds:F0}s] rate {Number(s.RatePerSecond, "0.#", "/s")} errors {Percent(s.ErrorFraction, "0.##")} p99 {Number(s.P99Ms, "0.#", " ms")}"),
        Invariant($"availability {Percent(s.Availability, "0.###")} (>= {s.AvailabilityTarget * 100:0.###}%) budget spent {Percent(s.BudgetSpent, "0.#")} burn {Number(s.BurnRateRecent, "0.##", "")}/{Number(s.BurnRateOverall, "0.##", "")}"),
        string.Join(" ", s.Members.Select(m => $"{m.Alias}:{Short(m)}")),
        $"faults: {Faults(s)}");

    public static IReadOnlyList<string> Lines(LiveStatus s) =>
    [
        Invariant($"time          {s.Seconds:F0} s of at most {s.MaxSeconds:F0} s"),
        Invariant($"load          {Number(s.RatePerSecond, "0.#", "/s")}, errors {Percent(s.ErrorFraction, "0.##")}, p99 {Number(s.P99Ms, "0.#", " ms")} (last {s.WindowSeconds} settled s)"),
        Invariant($"availability  {Percent(s.Availability, "0.###")} against >= {s.AvailabilityTarget * 100:0.###}%; error budget spent {Percent(s.BudgetSpent, "0.#")}"),
        Invariant($"burn rate     {Number(s.BurnRateRecent, "0.##", "")} (last {s.WindowSeconds} s), {Number(s.BurnRateOverall, "0.##", "")} (whole session)"),
        Invariant($"latency       {Percent(s.LatencyFractionUnder, "0.##")} under {Number(s.LatencyThresholdMs, "0", " ms")} against >= {Percent(s.LatencyFractionTarget, "0.##")}"),
        Invariant($"model         version {s.ModelVersion ?? NotAvailable}, provider {s.Provider}, region {s.Region ?? NotAvailable}, drift {s.Drift ?? NotAvailable}"),
        .. s.Members.Select(m => Invariant($"member        {m.Alias,-14} {m.Role,-10} {m.State}{(m.Breaker is null ? "" : $", breaker {m.Breaker}")}")),
        $"faults        {Faults(s)}",
    ];

    public static string Faults(LiveStatus s) => s.Faults.Count == 0
        ? "none"
        : string.Join("; ", s.Faults.Select(f => Invariant($"{f.Id} {f.Kind} {string.Join(",", f.Targets)} {(f.Error is not null ? "FAILED" : f.Verified ? "verified" : "not verified")} {f.AgeSeconds:F0}s")));

    public static string Number(double? value, string format, string unit) =>
        value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) + unit : NotAvailable;

    public static string Percent(double? fraction, string format) =>
        fraction is { } f ? (f * 100).ToString(format, CultureInfo.InvariantCulture) + "%" : NotAvailable;

    private static string Short(MemberHealth m) => m.Breaker is { } b && b != "closed" ? $"{m.State}/breaker-{b}" : m.State;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
