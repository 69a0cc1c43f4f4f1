using System.Text.RegularExpressions;
using Chaos.Cli;
using Chaos.Slo;

namespace Chaos.IntegrationTests;

/// <summary>
/// The command line against 1,000 broken scenario files (seeded mutations of the catalogue's replica-kill): every one
/// exits 2 with file:line:col and what was expected, never a stack trace, never an internal error.
/// </summary>
public sealed partial class MalformedScenarioTests : IDisposable
{
    private const int Files = 1000;
    private readonly string _work = Directory.CreateTempSubdirectory("chaos-malformed-").FullName;

    // Each mutation breaks the document for sure: a bad value for a known key, an unknown key, a missing required key,
    // broken YAML syntax, or a truncation that leaves an unclosed flow collection.
    private static readonly (string Key, string[] BadValues)[] BadValues =
    [
        ("rate", ["fast", "0/s", "-5/s", "1e9/s", "[1, 2]"]),
        ("duration", ["-3s", "soon", "0s", "5h", "{ a: 1 }"]),
        ("warmup", ["later", "-1s"]),
        ("maxInFlight", ["0", "many", "-4", "1.5"]),
        ("timeout", ["1y", "x"]),
        ("replicas", ["0", "99", "two"]),
        ("variant", ["nope", "FULL", "[full]"]),
        ("kind", ["container.smash", "", "42"]),
        ("at", ["500s", "-1s", "whenever"]),
        ("availability", ["\">= 200%\"", "\"about 99%\"", "high"]),
        ("seed", ["abc", "1.5", "[1]"]),
        ("expect", ["abc", "{ outputs: nope }"]),
        ("path", ["[ /a ]"]),
        ("timeToRecover", ["\"<= forever\"", "10"]),
    ];

    [Fact]
    public async Task Validate_ThousandMalformedFiles_EachExits2WithALocation()
    {
        // Comments are dropped first, so that no mutation can land inside one and leave the document valid.
        var original = (await File.ReadAllLinesAsync(Repository.Scenario("replica-kill"), TestContext.Current.CancellationToken))
            .Where(line => !line.TrimStart().StartsWith('#'))
            .Select(line => line.Contains(" #", StringComparison.Ordinal) ? line[..line.IndexOf(" #", StringComparison.Ordinal)].TrimEnd() : line)
            .ToArray();
        var random = new Random(20261125);
        for (var i = 0; i < Files; i++)
        {
            var file = Path.Combine(_work, $"mutant-{i:D4}.yaml");
            await File.WriteAllLinesAsync(file, Mutate(original, random), TestContext.Current.CancellationToken);
            var viaRun = i % 10 == 0;
            var output = new StringWriter();
            var error = new StringWriter();

            var exitCode = await ChaosCli.InvokeAsync(viaRun ? ["run", file] : ["validate", file], output, error);

            var text = error.ToString();
            exitCode.ShouldBe(ExitCodes.BadInput, $"{file}\n{string.Join('\n', await File.ReadAllLinesAsync(file, TestContext.Current.CancellationToken))}\n{text}");
            Location(file).IsMatch(text).ShouldBeTrue($"no file:line:col in: {text}");
            text.ShouldNotContain("   at ");
            text.ShouldNotContain("internal error");
        }
    }

    private static Regex Location(string file) => new($"{Regex.Escape(file)}:[1-9][0-9]*:[1-9][0-9]*: error: .+");

    private static List<string> Mutate(string[] original, Random random)
    {
        var lines = original.ToList();
        switch (random.Next(5))
        {
            case 0:
                var candidates = lines.Select((line, index) => (line, index))
                    .SelectMany(l => BadValues.Where(b => KeyPattern(b.Key).IsMatch(l.line)).Select(b => (l.index, b.Key, b.BadValues)))
                    .ToList();
                var (index, key, values) = candidates[random.Next(candidates.Count)];
                lines[index] = KeyPattern(key).Replace(lines[index], m => $"{m.Groups[1].Value}{key}: {values[random.Next(values.Length)]}", 1);
                break;
            case 1:
                var at = random.Next(lines.Count + 1);
                var indent = at < lines.Count ? new string(' ', lines[at].Length - lines[at].TrimStart().Length) : "";
                lines.Insert(at, $"{indent}unexpectedKey{random.Next(1000)}: 1");
                break;
            case 2:
                var required = new[] { "name:", "load:", "slos:" }[random.Next(3)];
                lines.RemoveAll(l => l.StartsWith(required, StringComparison.Ordinal));
                break;
            case 3:
                // A second "key: value" on a line that has a value already: "mapping values are not allowed here".
                var withValues = lines.Select((line, index) => (line, index)).Where(l => ValueLine().IsMatch(l.line)).ToList();
                var broken = withValues[random.Next(withValues.Count)].index;
                lines[broken] = lines[broken] + new[] { ": x: y", ": broken: [1" }[random.Next(2)];
                break;
            default:
                var keep = random.Next(1, lines.Count);
                lines = lines.Take(keep).ToList();
                lines.Add("extra: [unclosed");
                break;
        }
        return lines;
    }

    [GeneratedRegex(@"^\s*(- )?[A-Za-z]+: \S")]
    private static partial Regex ValueLine();

    private static Regex KeyPattern(string key) => new($"^(\\s*(?:- )?(?:[{{]\\s*)?)?{Regex.Escape(key)}:\\s*[^,}}]*");

    public void Dispose() => Directory.Delete(_work, recursive: true);
}
