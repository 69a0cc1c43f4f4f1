using Chaos.Bench;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

var name = args.FirstOrDefault() ?? "";
// The client runs as the Chaos CLI does (inline socket completions, see SocketCompletions); the target process keeps
// the runtime's default, so wrk and the generator measure the same server.
if (name != "serve")
{
    Chaos.Load.SocketCompletions.PreferInline();
}
switch (name)
{
    case "serve":
        // Stop when the parent closes our stdin (or Ctrl-C).
        _ = Task.Run(async () =>
        {
            await Console.In.ReadToEndAsync(cancellation.Token);
            await cancellation.CancelAsync();
        });
        await BenchTarget.ServeAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 0, cancellation.Token);
        return 0;
    case "point":
        await SaturationBench.PointAsync(double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture),
            args.Length > 2 && args[2] == "dotnet" ? LoadClient.DotNet : LoadClient.EventLoop, cancellation.Token);
        return 0;
    case "saturation":
        await SaturationBench.RunAsync(cancellation.Token);
        return 0;
    case "rate-accuracy":
        await RateAccuracyBench.RunAsync(cancellation.Token);
        return 0;
    case "record-cost":
        await RecordCostBench.RunAsync(cancellation.Token);
        return 0;
    case "pacer-wake":
        await PacerWakeBench.RunAsync(cancellation.Token);
        return 0;
    case "memory":
        await MemoryBench.RunAsync(cancellation.Token);
        return 0;
    case "stack-overhead":
        await StackOverheadBench.RunAsync(cancellation.Token);
        return 0;
    case "replica-rate":
        await StackOverheadBench.ReplicaRateAsync(cancellation.Token);
        return 0;
    case "bringup":
        await BringUpBench.RunAsync(cancellation.Token);
        return 0;
    default:
        Console.Error.WriteLine($"unknown bench '{name}'; use one of: saturation, point RATE [event-loop|dotnet], rate-accuracy, record-cost, pacer-wake, memory, stack-overhead, replica-rate, bringup, serve [port]");
        return 2;
}
