using Chaos.Observe;

namespace Chaos.Tests.Observe;

public sealed class PrometheusTextParserTests
{
    [Fact]
    public void Parse_GatewayScrape_ReadsLabelledGauges()
    {
        const string text = """
            # HELP chaos_gateway_breaker_state Circuit breaker per replica: 0 closed, 1 open, 2 half-open, 3 isolated.
            # TYPE chaos_gateway_breaker_state gauge
            chaos_gateway_breaker_state{replica="http://inference-1:8080"} 1
            chaos_gateway_breaker_state{replica="http://inference-2:8080"} 0
            chaos_gateway_retries_total 42
            """;

        var samples = PrometheusTextParser.Parse(text);

        samples.Count.ShouldBe(3);
        samples[0].Label("replica").ShouldBe("http://inference-1:8080");
        samples[0].Value.ShouldBe(1);
        samples[2].Name.ShouldBe("chaos_gateway_retries_total");
        samples[2].Labels.ShouldBeEmpty();
    }

    [Fact]
    public void Parse_EscapesTimestampsAndSpecialValues_AreRead()
    {
        var samples = PrometheusTextParser.Parse("m{a=\"x\\\"y\",b=\"1\"} +Inf 1700000000\nn NaN\nh_bucket{le=\"0.5\"} 3e2");

        samples[0].Label("a").ShouldBe("x\"y");
        samples[0].Value.ShouldBe(double.PositiveInfinity);
        double.IsNaN(samples[1].Value).ShouldBeTrue();
        samples[2].Value.ShouldBe(300);
    }

    [Theory]
    [InlineData("no_value")]
    [InlineData("m{a=\"unterminated} 1")]
    [InlineData("m{a=1} 2")]
    [InlineData("m notanumber")]
    public void Parse_MalformedLine_IsSkippedNotThrown(string line) =>
        PrometheusTextParser.Parse(line + "\nok 1").ShouldHaveSingleItem().Name.ShouldBe("ok");
}
