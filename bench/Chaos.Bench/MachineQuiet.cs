using System.Globalization;

namespace Chaos.Bench;

/// <summary>
/// Waits (bounded) until the rest of the machine is quiet before a measurement: CPU busy share over one second,
/// read from /proc/stat while this process idles, and the 1-minute load average for the record.
/// </summary>
public static class MachineQuiet
{
    /// <summary>Busy share of all cores, while the bench idles, under which the machine counts as quiet.</summary>
    public const double QuietBusyShare = 0.25;

    public static async Task<string> WaitAsync(string what, CancellationToken cancellationToken)
    {
        var busy = 1.0;
        for (var attempt = 0; attempt < 30; attempt++)
        {
            busy = await BusyShareAsync(cancellationToken);
            if (busy < QuietBusyShare)
            {
                break;
            }
            Console.Error.WriteLine($"  [{what}] machine busy ({busy:P0} of all cores by others, load {LoadAverage()}), waiting...");
        }
        var state = $"others' CPU {busy:P0}, load avg {LoadAverage()}{(busy < QuietBusyShare ? "" : " NOISY")}";
        Console.Error.WriteLine($"  [{what}] {state}");
        return state;
    }

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static async Task<double> BusyShareAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists("/proc/stat"))
        {
            return 0;
        }
        var (busy0, total0) = ReadCpu();
        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        var (busy1, total1) = ReadCpu();
        return total1 == total0 ? 0 : (double)(busy1 - busy0) / (total1 - total0);
    }

    private static (long Busy, long Total) ReadCpu()
    {
        // First line: cpu user nice system idle iowait irq softirq steal ...
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Skip(1).Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        var total = fields.Take(8).Sum();
        var idle = fields[3] + fields[4];
        return (total - idle, total);
    }
}
