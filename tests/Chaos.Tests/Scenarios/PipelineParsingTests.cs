using Chaos.Scenarios;

namespace Chaos.Tests.Scenarios;

/// <summary><c>stack.pipeline</c>: start the data pipeline even when no data fault or data SLO asks for it.</summary>
public sealed class PipelineParsingTests
{
    private const string Replicas = "  replicas: 2\n";

    [Fact]
    public void Parse_NoPipelineKey_IsOff() =>
        ScenarioParsing.Valid(ValidScenarios.ReplicaKill).Stack.Pipeline.ShouldBeFalse();

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    public void Parse_PipelineFlag_Read(string value, bool expected) =>
        ScenarioParsing.Valid(WithPipeline(value)).Stack.Pipeline.ShouldBe(expected);

    [Theory]
    [InlineData("yes")]
    [InlineData("1")]
    [InlineData("[true]")]
    public void Parse_PipelineNotABoolean_ErrorAtTheKeySaysTrueOrFalse(string value)
    {
        var yaml = WithPipeline(value);

        var error = ScenarioParsing.SingleError(yaml);

        error.Message.ShouldContain("stack.pipeline");
        error.Message.ShouldContain("true or false");
        error.Line.ShouldBe(yaml.Split('\n').ToList().FindIndex(l => l.Contains("pipeline:", StringComparison.Ordinal)) + 1);
    }

    private static string WithPipeline(string value)
    {
        ValidScenarios.ReplicaKill.ShouldContain(Replicas);
        return ValidScenarios.ReplicaKill.Replace(Replicas, $"{Replicas}  pipeline: {value}\n", StringComparison.Ordinal);
    }
}
