using Chaos.Stack.Pipeline;

namespace Chaos.Stack.Tests.Pipeline;

public sealed class PipelineCommandTests
{
    [Fact]
    public void Parse_AllSwitchesOff_NeedsNoRegistry()
    {
        var (options, errors) = PipelineCommand.Parse(["--data", "/tmp/p", "--validation", "false", "--transactional-store", "false", "--drift-monitor", "false", "--retraining", "false", "--checkpoints", "false"]);
        errors.ShouldBeEmpty();
        options!.Validation.ShouldBeFalse();
        options.TransactionalStore.ShouldBeFalse();
        options.DriftMonitor.ShouldBeFalse();
        options.Retraining.ShouldBeFalse();
        options.Checkpoints.ShouldBeFalse();
    }

    [Fact]
    public void Parse_RetrainingWithoutRegistry_ListsEveryProblem()
    {
        var (options, errors) = PipelineCommand.Parse(["--drift-window", "5", "--bogus", "1"]);
        options.ShouldBeNull();
        errors.ShouldBe(
        [
            "Option --data is required.",
            "Option --drift-window must be an integer from 20 to 100000, got '5'.",
            "Retraining publishes models: give --registry URL and --admin-token TOKEN, or --retraining false.",
            "Unknown option --bogus.",
        ]);
    }

    [Fact]
    public void Parse_Registry_ReadsUrlAndToken()
    {
        var (options, errors) = PipelineCommand.Parse(["--data", "/tmp/p", "--registry", "http://registry:8080", "--admin-token", "t", "--check-interval", "250ms"]);
        errors.ShouldBeEmpty();
        options!.RegistryUrl.ShouldBe(new Uri("http://registry:8080"));
        options.CheckInterval.ShouldBe(TimeSpan.FromMilliseconds(250));
    }
}
