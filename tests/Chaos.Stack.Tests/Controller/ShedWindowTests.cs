using Chaos.Stack.Controller;

namespace Chaos.Stack.Tests.Controller;

public sealed class ShedWindowTests
{
    private static string Scrape(double ok1, double busy1, double ok2, double busy2) => $$"""
        # HELP chaos_gateway_attempts_total Attempts sent to replicas, by outcome.
        # TYPE chaos_gateway_attempts_total counter
        chaos_gateway_attempts_total{replica="inference-1",outcome="200"} {{ok1}}
        chaos_gateway_attempts_total{replica="inference-1",outcome="busy"} {{busy1}}
        chaos_gateway_attempts_total{replica="inference-2",outcome="200"} {{ok2}}
        chaos_gateway_attempts_total{replica="inference-2",outcome="busy"} {{busy2}}
        chaos_gateway_retries_total 7
        """;

    [Fact]
    public void Advance_FirstScrape_OnlySetsTheBaseline() =>
        new ShedWindow().Advance(Scrape(100, 10, 100, 10)).ShouldBeNull();

    [Fact]
    public void Advance_SecondScrape_GivesTheBusyShareOfTheIntervalsAttempts()
    {
        var window = new ShedWindow();
        window.Advance(Scrape(100, 10, 100, 10));

        // 40 attempts since: 10 busy.
        window.Advance(Scrape(115, 15, 115, 15)).ShouldBe(0.25);
    }

    [Fact]
    public void Advance_NoAttemptsOrFailedScrape_IsNull()
    {
        var window = new ShedWindow();
        window.Advance(Scrape(1, 0, 1, 0));

        window.Advance(Scrape(1, 0, 1, 0)).ShouldBeNull();
        window.Advance(null).ShouldBeNull();
        window.Advance("# not a gateway\nchaos_inference_requests_in_flight 3\n").ShouldBeNull();
    }

    [Fact]
    public void Advance_GatewayRestarted_StartsANewBaseline()
    {
        var window = new ShedWindow();
        window.Advance(Scrape(500, 50, 500, 50));

        window.Advance(Scrape(5, 5, 5, 5)).ShouldBeNull();
        window.Advance(Scrape(10, 5, 10, 5)).ShouldBe(0);
    }
}
