using Chaos.Load;

namespace Chaos.Slo;

/// <summary>The measured window as one slot per second; a second the generator did not report stays null.</summary>
internal static class MeasuredSeconds
{
    public static LoadInterval?[] Of(LoadResult load)
    {
        var length = Math.Max((int)Math.Ceiling(load.MeasuredDuration.TotalSeconds), load.Intervals.Count == 0 ? 0 : load.Intervals.Max(i => i.Index) + 1);
        var seconds = new LoadInterval?[Math.Max(0, length)];
        foreach (var interval in load.Intervals.Where(i => i.Index >= 0))
        {
            seconds[interval.Index] = interval;
        }
        return seconds;
    }
}
