using Chaos.Stack.Stress;

namespace Chaos.Stack.Tests.Stress;

public sealed class StressCommandTests
{
    [Fact]
    public void Parse_CpuAndMemory_Read()
    {
        var (options, errors) = StressCommand.Parse(["--cpu", "2", "--memory", "64", "--for", "30s"]);

        errors.ShouldBeEmpty();
        options.ShouldBe(new StressOptions(2, 64, TimeSpan.FromSeconds(30)));
    }

    [Theory]
    [InlineData("--cpu", "1")]
    [InlineData("--for", "10s")]
    [InlineData("--cpu", "9", "--for", "10s")]
    [InlineData("--memory", "5000", "--for", "10s")]
    [InlineData("--cpu", "1", "--for", "11m")]
    public void Parse_UnboundedOrEmpty_Refused(params string[] arguments)
    {
        var (options, errors) = StressCommand.Parse(arguments);

        options.ShouldBeNull();
        errors.ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Run_Memory_HeldUntilTheDurationEnds()
    {
        var runner = new StressRunner(TimeProvider.System);

        await runner.RunAsync(new StressOptions(Cores: 1, MemoryMegabytes: 8, TimeSpan.FromMilliseconds(100)), TestContext.Current.CancellationToken);

        runner.MegabytesHeld.ShouldBe(8);
    }
}
