using Chaos.Stack.Proxy;

namespace Chaos.Stack.Tests.Proxy;

public sealed class LatencySamplerTests
{
    [Fact]
    public void Next_ManySamples_UniformAroundMean()
    {
        var sampler = new LatencySampler(seed: 3);
        var samples = Enumerable.Range(0, 20_000).Select(_ => sampler.Next(100, 30).TotalMilliseconds).ToList();

        samples.Min().ShouldBeGreaterThanOrEqualTo(70);
        samples.Max().ShouldBeLessThanOrEqualTo(130);
        samples.Average().ShouldBe(100, tolerance: 1);
        // Uniform on [mean - j, mean + j] has standard deviation j / sqrt(3).
        var mean = samples.Average();
        Math.Sqrt(samples.Average(s => (s - mean) * (s - mean))).ShouldBe(30 / Math.Sqrt(3), tolerance: 0.5);
    }

    [Fact]
    public void Next_NoJitter_ExactlyTheMean()
    {
        new LatencySampler(seed: 1).Next(250, 0).ShouldBe(TimeSpan.FromMilliseconds(250));
    }

    [Fact]
    public void Next_SameSeed_SameDelays()
    {
        var first = new LatencySampler(seed: 9);
        var second = new LatencySampler(seed: 9);

        Enumerable.Range(0, 10).Select(_ => first.Next(50, 20)).ShouldBe(Enumerable.Range(0, 10).Select(_ => second.Next(50, 20)));
    }
}
