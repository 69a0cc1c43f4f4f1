using System.Diagnostics;
using Chaos.Engine;
using Chaos.Targets;

namespace Chaos.Bench;

/// <summary>
/// Warm bring-up of the full stack (image cached): <see cref="DockerStack.StartAsync"/> until every member answers ready, for
/// region a alone and for both regions, alternating, three times each; the one-region bring-up is the baseline. Each stack is
/// removed before the next starts. Needs the engine and the image (scripts/bootstrap.sh --no-cli); cold bring-up (the image
/// build) is measured by bench/stack.sh.
/// </summary>
public static class BringUpBench
{
    private const int Rounds = 3;

    public static async Task RunAsync(CancellationToken cancellationToken)
    {
        var image = StackImage.ResolveDefault()
            ?? throw new InvalidOperationException("no stack image is known; run scripts/bootstrap.sh --no-cli first");
        using var engine = new DockerEngine();
        await engine.EnsureReachableAsync(cancellationToken);
        var quiet = await MachineQuiet.WaitAsync("bringup", cancellationToken);
        var seconds = new Dictionary<bool, List<double>> { [false] = [], [true] = [] };
        var members = new Dictionary<bool, int>();
        for (var round = 0; round < Rounds; round++)
        {
            foreach (var twoRegions in new[] { false, true })
            {
                var runId = RunIds.New(TimeProvider.System);
                var start = Stopwatch.GetTimestamp();
                await using var stack = await DockerStack.StartAsync(engine, new StackOptions(image, runId, StackVariant.Full) { StandbyRegion = twoRegions }, cancellationToken);
                var up = Stopwatch.GetElapsedTime(start).TotalSeconds;
                seconds[twoRegions].Add(up);
                members[twoRegions] = stack.Members.Count;
                Console.Error.WriteLine($"  [bringup] round {round + 1}: {(twoRegions ? "two regions" : "one region ")} up in {up:F1} s ({stack.Members.Count} containers)");
            }
        }

        double Median(bool two) => seconds[two].Order().ElementAt(seconds[two].Count / 2);
        Report.Row("bringup", "warm, region a (baseline), median of 3", $"{Median(false):F1} s", $"{members[false]} containers; all {string.Join(", ", seconds[false].Select(s => s.ToString("F1", System.Globalization.CultureInfo.InvariantCulture)))} s; {quiet}");
        Report.Row("bringup", "warm, regions a + b, median of 3 (goal <= 10 s)", $"{Median(true):F1} s",
            $"{members[true]} containers; all {string.Join(", ", seconds[true].Select(s => s.ToString("F1", System.Globalization.CultureInfo.InvariantCulture)))} s; ratio to one region {Median(true) / Median(false):F2}");
    }
}
