namespace Chaos.IntegrationTests;

/// <summary>Sends the run's progress lines to the test's output, so a failing run shows what happened.</summary>
internal sealed class TestOutputProgress : IProgress<string>
{
    public void Report(string value) => TestContext.Current.TestOutputHelper?.WriteLine(value);
}
