using System.Globalization;

namespace Chaos.Faults.NetworkLoss;

/// <summary>
/// One packet-loss rule in a container's network namespace: <c>iptables -m statistic --mode random --probability P -j DROP</c>
/// on INPUT, marked with a comment unique to this injection so that the revert deletes exactly it.
/// </summary>
public sealed record IptablesLossRule(int Pid, double Probability, string Comment)
{
    private const string Chain = "INPUT";

    private string[] Spec =>
    [
        Chain, "-m", "statistic", "--mode", "random", "--probability", Probability.ToString("0.#####", CultureInfo.InvariantCulture),
        "-m", "comment", "--comment", Comment, "-j", "DROP",
    ];

    /// <summary>Adds the rule at the top of the chain.</summary>
    public Task AddAsync(CancellationToken cancellationToken) => RunAsync(["-I", .. Spec], cancellationToken);

    /// <summary>Deletes the rule (the same specification).</summary>
    public Task DeleteAsync(CancellationToken cancellationToken) => RunAsync(["-D", .. Spec], cancellationToken);

    /// <summary>Packets the rule dropped so far, or null when the rule is not in the chain.</summary>
    public async Task<long?> DroppedAsync(CancellationToken cancellationToken)
    {
        var (_, output, _) = await Iptables(["-L", Chain, "-v", "-x", "-n"], cancellationToken);
        return ParseDropped(output, Comment);
    }

    /// <summary>The packet count of the line carrying <c>/* comment */</c> in <c>iptables -L -v -x -n</c> output.</summary>
    public static long? ParseDropped(string listing, string comment)
    {
        var line = listing.Split('\n').FirstOrDefault(l => l.Contains($"/* {comment} */", StringComparison.Ordinal));
        var first = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        return first is not null && long.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var packets) ? packets : null;
    }

    private async Task RunAsync(string[] arguments, CancellationToken cancellationToken)
    {
        var (exit, _, error) = await Iptables(arguments, cancellationToken);
        if (exit != 0)
        {
            throw new FaultTargetException($"iptables {string.Join(' ', arguments)} in the namespace of pid {Pid} failed ({exit}): {error.Trim()}");
        }
    }

    private Task<(int ExitCode, string Output, string Error)> Iptables(string[] arguments, CancellationToken cancellationToken) =>
        HostCommand.RunAsync("nsenter", ["-t", Pid.ToString(CultureInfo.InvariantCulture), "-n", "iptables", "-w", "5", .. arguments], cancellationToken);
}
