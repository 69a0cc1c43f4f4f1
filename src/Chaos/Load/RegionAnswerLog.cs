using System.Collections.Concurrent;
using Chaos.Slo;

namespace Chaos.Load;

/// <summary>
/// Every measured answer with the region that served it (the <c>X-Chaos-Region</c> header a front door passes back; empty
/// for an error without one), at the time it completed on the measured-window clock: the RTO's observation. Bounded by the
/// load plan's request count.
/// </summary>
public sealed class RegionAnswerLog
{
    /// <summary>The header the stack names the answering region in.</summary>
    public const string RegionHeader = "X-Chaos-Region";

    /// <summary><see cref="RegionHeader"/> as bytes, for the event loop's parser.</summary>
    internal static ReadOnlySpan<byte> RegionHeaderUtf8 => "X-Chaos-Region"u8;

    private readonly ConcurrentQueue<RegionAnswer> _answers = new();

    public IReadOnlyList<RegionAnswer> Answers => _answers.OrderBy(a => a.Seconds).ToList();

    /// <summary>The answers completed at or after <paramref name="seconds"/>, in no particular order.</summary>
    public IReadOnlyList<RegionAnswer> Since(double seconds) => _answers.Where(a => a.Seconds >= seconds).ToList();

    public void Record(double seconds, Outcome outcome, string? region) => _answers.Enqueue(new RegionAnswer(seconds, outcome, region ?? ""));

    /// <summary>The region named by <paramref name="response"/>, or null.</summary>
    public static string? RegionOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues(RegionHeader, out var values) ? values.FirstOrDefault() : null;
}
