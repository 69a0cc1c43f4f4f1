using Chaos.Engine;
using Chaos.Load;
using Chaos.Scenarios;
using Chaos.Targets;
using Microsoft.Extensions.Time.Testing;

namespace Chaos.Tests.Engine;

/// <summary>The live status line a terminal shows during the measured window (<see cref="RunOptions.Status"/>).</summary>
public sealed class StatusLineTests
{
    private const string Yaml = """
        name: status
        load: { rate: 10/s, duration: 30s }
        faults:
          - { at: 10s, kind: container.pause, target: { role: inference, pick: one }, duration: 5s }
          - { at: 20s, kind: container.kill, target: { role: inference, pick: one } }
        slos: { availability: ">= 99%" }
        """;

    [Theory]
    [InlineData(5, "next fault container.pause at 10 s")]
    [InlineData(12, "faults: container.pause; next container.kill at 20 s")]
    [InlineData(16, "faults: container.pause (over); next container.kill at 20 s")]
    [InlineData(25, "faults: container.pause (over), container.kill")]
    public void StatusLine_ShowsTheLastSecondAndWhereTheTimelineStands(int upTo, string timeline)
    {
        var loaded = ScenarioLoader.Parse(Yaml, "status.yaml");
        var scenario = loaded.Scenario.ShouldNotBeNull(string.Join("; ", loaded.Errors));
        var run = new RunState(scenario, StackVariant.Full, 1, "run", Path.GetTempPath(), new RunClock(new FakeTimeProvider()), progress: null);
        var recording = new LoadRecording(30);
        for (var i = 0; i < 9; i++)
        {
            LoadRecording.Record(recording.Intervals[upTo - 1], Outcome.Ok, 12_000);
        }
        LoadRecording.Record(recording.Intervals[upTo - 1], Outcome.ServerError, 3_000);

        var line = ScenarioRunner.StatusLine(run, recording, upTo);

        line.ShouldContain($"measured {upTo}/30 s | 10/s, successful 90%, p99 ");
        line.ShouldEndWith(" | " + timeline);
    }
}
