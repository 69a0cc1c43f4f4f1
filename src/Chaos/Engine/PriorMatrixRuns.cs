using Chaos.Reporting;

namespace Chaos.Engine;

/// <summary>
/// The runs an earlier, unfinished <c>chaos gate --matrix</c> left in its folder, for <c>--resume</c>: a matrix of the whole
/// catalogue takes hours, longer than a machine may be lent. A run is reused only when it finished (its
/// <c>result.json</c> exists and it was not cancelled) and was made from the same code as this process (the same
/// <see cref="RunEnvironment.CodeDigest"/>: src/, scenarios/ and docker/ as committed; where either side has none, the same
/// harness version), so a resumed matrix never mixes code. Whatever is left out is counted and said.
/// </summary>
public sealed class PriorMatrixRuns
{
    private readonly Dictionary<(string Variant, string Scenario), List<(RunReport Run, string Folder)>> _runs = new();

    private PriorMatrixRuns(string directory) => Directory = directory;

    /// <summary>The matrix folder being resumed.</summary>
    public string Directory { get; }

    /// <summary>Finished runs made from this process's code, found in the folder.</summary>
    public int Reused => _runs.Values.Sum(r => r.Count);

    /// <summary>Cancelled runs, left out (a run cut off before it wrote result.json is not found at all).</summary>
    public int Cancelled { get; private set; }

    /// <summary>Runs made from other code, left out.</summary>
    public int OtherCode { get; private set; }

    /// <summary>Result files that could not be read, left out.</summary>
    public int Unreadable { get; private set; }

    /// <summary>
    /// Reads every <c>gate-*/&lt;run&gt;/result.json</c> under <paramref name="directory"/>. <paramref name="current"/>: this
    /// process's environment, whose code runs must share.
    /// </summary>
    public static PriorMatrixRuns Load(string directory, RunEnvironment current)
    {
        ArgumentNullException.ThrowIfNull(current);
        var prior = new PriorMatrixRuns(Path.GetFullPath(directory));
        foreach (var gate in System.IO.Directory.EnumerateDirectories(prior.Directory, "gate-*").Order(StringComparer.Ordinal))
        {
            foreach (var file in System.IO.Directory.EnumerateFiles(gate, ResultJsonWriter.FileName, SearchOption.AllDirectories))
            {
                RunReport? run;
                try
                {
                    run = ResultJsonWriter.Deserialize(File.ReadAllText(file));
                }
                catch (Exception exception) when (exception is System.Text.Json.JsonException or IOException or NotSupportedException)
                {
                    run = null;
                }
                if (run is null)
                {
                    prior.Unreadable++;
                }
                else if (run.Events.Any(e => e.Type == RunEvent.Types.RunCancelled))
                {
                    prior.Cancelled++;
                }
                else if (!SameCode(run.Environment, current))
                {
                    prior.OtherCode++;
                }
                else
                {
                    var key = (run.Variant, run.ScenarioName);
                    if (!prior._runs.TryGetValue(key, out var list))
                    {
                        prior._runs[key] = list = [];
                    }
                    list.Add((run, Path.GetRelativePath(prior.Directory, Path.GetDirectoryName(file)!)));
                }
            }
        }
        return prior;
    }

    // A clean digest on both sides decides; "dirty" never matches (uncommitted code cannot be told apart); otherwise the version.
    private static bool SameCode(RunEnvironment run, RunEnvironment current) =>
        run.CodeDigest.Length > 0 && current.CodeDigest.Length > 0
            ? run.CodeDigest == current.CodeDigest && current.CodeDigest != "dirty"
            : run.HarnessVersion == current.HarnessVersion;

    /// <summary>
    /// The latest <paramref name="needed"/> finished runs of <paramref name="scenario"/> on <paramref name="variant"/>, oldest
    /// first; empty when fewer than that exist (the scenario then runs again, all its repeats).
    /// </summary>
    public IReadOnlyList<(RunReport Run, string Folder)> Take(string variant, string scenario, int needed) =>
        _runs.TryGetValue((variant, scenario), out var list) && list.Count >= needed
            ? list.OrderBy(r => r.Run.StartedAt).TakeLast(needed).ToList()
            : [];

    /// <summary>One line for the console: what is reused and what is left out.</summary>
    public string Describe() =>
        $"resuming {Directory}: {Reused} finished run(s) made from this code found"
        + (Cancelled + OtherCode + Unreadable == 0 ? "" : $"; left out: {Cancelled} cancelled, {OtherCode} made from other code, {Unreadable} unreadable");
}
