using Chaos.Stack.Controller;
using Microsoft.Extensions.Time.Testing;

namespace Chaos.Stack.Tests.Controller;

public sealed class OutstandingWindowTests
{
    private readonly FakeTimeProvider clock = new();

    private static string Scrape(double seconds) => $"""
        # HELP chaos_gateway_primary_attempt_seconds_total Time attempts to primary replicas were outstanding.
        # TYPE chaos_gateway_primary_attempt_seconds_total counter
        chaos_gateway_primary_attempt_seconds_total {seconds}
        chaos_gateway_attempts_total{"{"}replica="inference-1",outcome="200"{"}"} 10
        """;

    [Fact]
    public void Advance_FirstScrape_OnlySetsTheBaseline() =>
        new OutstandingWindow(clock).Advance(Scrape(40)).ShouldBeNull();

    [Fact]
    public void Advance_SecondScrape_GivesTheMeanAttemptsOutstanding()
    {
        var window = new OutstandingWindow(clock);
        window.Advance(Scrape(40));
        clock.Advance(TimeSpan.FromSeconds(2));

        // 9 s of attempts in 2 s: 4.5 outstanding on average (Little's law).
        window.Advance(Scrape(49)).ShouldBe(4.5);
    }

    [Fact]
    public void Advance_FailedScrapeOrNotAGateway_IsNull()
    {
        var window = new OutstandingWindow(clock);
        window.Advance(Scrape(1));
        clock.Advance(TimeSpan.FromSeconds(1));

        window.Advance(null).ShouldBeNull();
        window.Advance("chaos_inference_requests_in_flight 3\n").ShouldBeNull();
        window.Advance(Scrape(3)).ShouldBe(2);
    }

    [Fact]
    public void Advance_GatewayRestarted_StartsANewBaseline()
    {
        var window = new OutstandingWindow(clock);
        window.Advance(Scrape(500));
        clock.Advance(TimeSpan.FromSeconds(1));

        window.Advance(Scrape(2)).ShouldBeNull();
        clock.Advance(TimeSpan.FromSeconds(1));
        window.Advance(Scrape(3)).ShouldBe(1);
    }
}
