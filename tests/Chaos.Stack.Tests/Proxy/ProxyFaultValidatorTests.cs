using Chaos.Stack.Proxy;

namespace Chaos.Stack.Tests.Proxy;

public sealed class ProxyFaultValidatorTests
{
    [Theory]
    [InlineData("off")]
    [InlineData("reset")]
    [InlineData("timeout")]
    public void Validate_ModesWithoutParameters_Valid(string mode)
    {
        ProxyFaultValidator.Validate(new ProxyFaultConfiguration { Mode = mode }).ShouldBeEmpty();
    }

    [Fact]
    public void Validate_UnknownMode_NamesTheModes()
    {
        ProxyFaultValidator.Validate(new ProxyFaultConfiguration { Mode = "lag" }).ShouldHaveSingleItem().ShouldContain("slow-close");
    }

    [Fact]
    public void Validate_LatencyWithoutDelay_Error()
    {
        ProxyFaultValidator.Validate(new ProxyFaultConfiguration { Mode = "latency" }).ShouldHaveSingleItem().ShouldContain("latency_ms");
    }

    [Fact]
    public void Validate_JitterAboveMean_Error()
    {
        ProxyFaultValidator.Validate(new ProxyFaultConfiguration { Mode = "latency", LatencyMs = 10, JitterMs = 20 }).ShouldHaveSingleItem().ShouldContain("jitter_ms");
    }

    [Fact]
    public void Validate_EveryProblem_Listed()
    {
        var errors = ProxyFaultValidator.Validate(new ProxyFaultConfiguration { Mode = "bandwidth", BytesPerSecond = 0, CloseDelayMs = -1 });

        errors.Count.ShouldBe(2);
    }

    [Fact]
    public void Validate_SlowCloseWithoutDelay_Error()
    {
        ProxyFaultValidator.Validate(new ProxyFaultConfiguration { Mode = "slow-close" }).ShouldHaveSingleItem().ShouldContain("close_delay_ms");
    }
}
