using Chaos.Stack.Controller;

namespace Chaos.Stack.Tests.Controller;

public sealed class ControllerOptionsReaderTests
{
    [Fact]
    public void Read_AllFlags_SetsEveryOption()
    {
        var (options, errors) = ControllerOptionsReader.Read([
            "--run", "r1", "--role", "inference", "--min", "3", "--max", "5", "--self-healing", "false", "--autoscaling", "true",
            "--interval", "500ms", "--cooldown", "20s", "--scale-out-queue", "4.5", "--scale-out-latency", "300ms", "--scale-in-queue", "0.5",
            "--unanswered-probes", "7", "--port", "9090", "--reach", "published", "--gateway", "http://gateway:8080", "--scale-out-shed", "0.1"]);

        errors.ShouldBeEmpty();
        options.ShouldNotBeNull().ShouldSatisfyAllConditions(
            o => o.RunId.ShouldBe("r1"),
            o => o.MinReplicas.ShouldBe(3),
            o => o.MaxReplicas.ShouldBe(5),
            o => o.SelfHealing.ShouldBeFalse(),
            o => o.Interval.ShouldBe(TimeSpan.FromMilliseconds(500)),
            o => o.Cooldown.ShouldBe(TimeSpan.FromSeconds(20)),
            o => o.ScaleOutQueue.ShouldBe(4.5),
            o => o.ScaleOutLatency.ShouldBe(TimeSpan.FromMilliseconds(300)),
            o => o.EffectiveScaleInLatency.ShouldBe(TimeSpan.FromMilliseconds(150)),
            o => o.UnansweredProbes.ShouldBe(7),
            o => o.Listen.Port.ShouldBe(9090),
            o => o.Reach.ShouldBe(ReachMode.Published),
            o => o.GatewayUrl.ShouldBe(new Uri("http://gateway:8080/")),
            o => o.ScaleOutShed.ShouldBe(0.1));
    }

    [Fact]
    public void Read_BadGatewayOrShed_SaysWhatWasExpected()
    {
        var (options, errors) = ControllerOptionsReader.Read(["--run", "r1", "--gateway", "gateway:8080"]);
        var (shedOptions, shedErrors) = ControllerOptionsReader.Read(["--run", "r1", "--scale-out-shed", "1.5"]);

        options.ShouldBeNull();
        errors.ShouldHaveSingleItem().ShouldContain("--gateway must be an absolute http(s) URL such as http://gateway:8080, got 'gateway:8080'");
        shedOptions.ShouldBeNull();
        shedErrors.ShouldHaveSingleItem().ShouldContain("--scale-out-shed (1.5)");
    }

    [Fact]
    public void Read_InconsistentOptions_ListsEveryError()
    {
        var (options, errors) = ControllerOptionsReader.Read(["--run", "r1", "--min", "4", "--max", "2", "--scale-in-queue", "9"]);

        options.ShouldBeNull();
        errors.Count.ShouldBe(2);
        errors.ShouldContain(e => e.Contains("--max (2)"));
        errors.ShouldContain(e => e.Contains("--scale-in-queue (9)"));
    }

    [Fact]
    public void Read_MissingRunAndUnknownFlag_ReportsBoth()
    {
        var (_, errors) = ControllerOptionsReader.Read(["--replicas", "3"]);

        errors.ShouldContain("Option --run is required.");
        errors.ShouldContain("Unknown option --replicas.");
    }
}
