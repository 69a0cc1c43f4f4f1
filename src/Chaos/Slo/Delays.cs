using System.Globalization;
using Chaos.Scenarios;

namespace Chaos.Slo;

/// <summary>The one rule for "start -> first event" SLOs: no start is no data; a start without a later event fails with no measurement.</summary>
internal static class Delays
{
    public static string TargetText(Threshold target) => string.Create(CultureInfo.InvariantCulture, $"{target.Symbol} {target.Value:0.###}s");

    /// <summary>The first of <paramref name="eventSeconds"/> at or after <paramref name="start"/>, or null.</summary>
    public static double? FirstAtOrAfter(double start, IEnumerable<double> eventSeconds)
    {
        double? first = null;
        foreach (var seconds in eventSeconds)
        {
            if (seconds >= start && (first is not { } current || seconds < current))
            {
                first = seconds;
            }
        }
        return first;
    }

    public static SloResult Score(
        string name, string definition, Threshold target, double? start, double? firstEvent, long samples, string noStartMessage,
        string noEventMessage)
    {
        var targetText = TargetText(target);
        if (start is not { } from)
        {
            return new SloResult(name, targetText, null, null, SloStatus.NoData, SloDefinitions.SecondsUnit, definition, 0) { Message = noStartMessage };
        }
        if (firstEvent is not { } at)
        {
            return new SloResult(name, targetText, null, null, SloStatus.Failed, SloDefinitions.SecondsUnit, definition, samples)
            {
                Message = string.Create(CultureInfo.InvariantCulture, $"{noEventMessage} (start at {from:0.###}s)"),
            };
        }
        // The event itself is the sample that makes the delay measurable, whatever else was counted.
        return SloResults.Score(name, targetText, target, at - from, SloDefinitions.SecondsUnit, definition, Math.Max(1, samples), noStartMessage);
    }
}
