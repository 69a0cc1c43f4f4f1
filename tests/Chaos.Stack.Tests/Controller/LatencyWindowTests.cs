using System.Text;
using Chaos.Stack.Controller;
using Chaos.Stack.Hosting;

namespace Chaos.Stack.Tests.Controller;

public sealed class LatencyWindowTests
{
    private readonly LatencyHistogram first = new();
    private readonly LatencyHistogram second = new();

    private static ReplicaMetrics Scrape(LatencyHistogram histogram, long inFlight = 0)
    {
        var text = new StringBuilder();
        histogram.WriteTo(text, "chaos_inference_request_duration_seconds", "test");
        PrometheusText.Gauge(text, ReplicaMetrics.InFlightSeries, "test", inFlight);
        return ReplicaMetrics.Parse(text.ToString())!;
    }

    private Dictionary<string, ReplicaMetrics> Both() => new() { ["a"] = Scrape(first), ["b"] = Scrape(second) };

    [Fact]
    public void Parse_InferenceScrape_ReadsInFlightAndBuckets()
    {
        first.Record(TimeSpan.FromMilliseconds(3));

        var metrics = Scrape(first, inFlight: 5);

        metrics.InFlight.ShouldBe(5);
        metrics.CumulativeBuckets[0.005].ShouldBe(1);
        metrics.CumulativeBuckets[double.PositiveInfinity].ShouldBe(1);
    }

    [Fact]
    public void Parse_NoInFlightGauge_ReturnsNull() =>
        ReplicaMetrics.Parse("# HELP x\nother_metric 3\n").ShouldBeNull();

    [Fact]
    public void Advance_FirstScrape_OnlySetsTheBaseline()
    {
        first.Record(TimeSpan.FromSeconds(2));

        new LatencyWindow().Advance(Both()).ShouldBeNull();
    }

    [Fact]
    public void Advance_SlowRequestsInTheInterval_ReportsP99AcrossReplicasFromTheDeltaOnly()
    {
        var window = new LatencyWindow();
        for (var i = 0; i < 1000; i++)
        {
            first.Record(TimeSpan.FromSeconds(4));
        }

        window.Advance(Both());
        for (var i = 0; i < 50; i++)
        {
            first.Record(TimeSpan.FromMilliseconds(3));
            second.Record(TimeSpan.FromMilliseconds(300));
        }

        var p99 = window.Advance(Both())!.Value;

        p99.ShouldBeGreaterThan(TimeSpan.FromMilliseconds(250));
        p99.ShouldBeLessThanOrEqualTo(TimeSpan.FromMilliseconds(500));
    }

    [Fact]
    public void Advance_NoRequestsInTheInterval_ReturnsNull()
    {
        var window = new LatencyWindow();
        first.Record(TimeSpan.FromMilliseconds(3));
        window.Advance(Both());

        window.Advance(Both()).ShouldBeNull();
    }
}
