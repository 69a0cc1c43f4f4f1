using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Chaos.Bench;

/// <summary>Runs wrk (closed loop: each connection sends its next request when the last answer arrives) and reads requests/s.</summary>
public static partial class WrkRunner
{
    public static async Task<double> RequestsPerSecondAsync(Uri target, int threads, int connections, TimeSpan duration, CancellationToken cancellationToken)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "wrk-post.lua");
        var start = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { $"-t{threads}", $"-c{connections}", $"-d{(int)duration.TotalSeconds}s", "-s", script, target.ToString() })
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start wrk: install it with apt-get install -y wrk");
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(duration + TimeSpan.FromSeconds(30));
        var output = await process.StandardOutput.ReadToEndAsync(bound.Token);
        await process.WaitForExitAsync(bound.Token);
        var match = RequestsPerSecond().Match(output);
        if (process.ExitCode != 0 || !match.Success)
        {
            throw new InvalidOperationException($"wrk exited {process.ExitCode} without a Requests/sec line; output:\n{output}");
        }
        var errors = SocketErrors().Match(output);
        if (errors.Success || output.Contains("Non-2xx", StringComparison.Ordinal))
        {
            Console.Error.WriteLine($"  wrk reported errors: {output}");
        }
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"Requests/sec:\s+([0-9.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"Socket errors:")]
    private static partial Regex SocketErrors();
}
