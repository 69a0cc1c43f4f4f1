using Chaos.Cli;

namespace Chaos.IntegrationTests;

/// <summary>The CLI's progress output: plain lines in CI and pipes; on a terminal, one status line redrawn in place under them.</summary>
public sealed class ConsoleProgressTests
{
    private const string Clear = "\r\u001b[2K";

    [Fact]
    public void NotLive_PlainLinesOnlyAndNoStatus()
    {
        var output = new StringWriter();
        var progress = new ConsoleProgress(output);

        progress.Report("stack up");

        progress.Status.ShouldBeNull();
        output.ToString().ShouldBe("stack up" + Environment.NewLine);
    }

    [Fact]
    public void For_AWriterThatIsNotTheConsole_IsNotLive() => ConsoleProgress.For(new StringWriter()).Status.ShouldBeNull();

    [Fact]
    public void Live_PermanentLineClearsTheStatusAndRedrawsItBelow()
    {
        var output = new StringWriter();
        var progress = new ConsoleProgress(output, live: true, width: 80);
        var status = progress.Status.ShouldNotBeNull();

        status.Report("[ 3.0s] measured 3/30 s");
        status.Report("[ 4.0s] measured 4/30 s");
        progress.Report("fault injected");
        status.Report("");
        progress.Report("verdict");

        output.ToString().ShouldBe(
            Clear + "[ 3.0s] measured 3/30 s"
            + Clear + "[ 4.0s] measured 4/30 s"
            + Clear + "fault injected" + Environment.NewLine + "[ 4.0s] measured 4/30 s"
            + Clear
            + "verdict" + Environment.NewLine);
    }

    [Fact]
    public void Live_StatusWiderThanTheTerminal_IsCutSoItNeverWraps()
    {
        var output = new StringWriter();
        var progress = new ConsoleProgress(output, live: true, width: 30);

        progress.Status!.Report(new string('x', 100));

        output.ToString().ShouldBe(Clear + new string('x', 28) + "…");
    }
}
