using Chaos.Scenarios;

namespace Chaos.Tests.Scenarios;

public sealed class ScenarioMutationTests
{
    private const int Variants = 1_500;

    private static readonly string[] Tokens =
    [
        "", "~", "null", "-1", "0", "1e9", "NaN", ".inf", "99999999999999999999", "100/s", "10s", "0ms", "2h", "\"", "'", "{", "}", "[", "]",
        ":", "- ", "&a", "*a", "*missing", "!!int", "|", ">", "%", "#", "\t", "@", "`", "\\", "? x", "<script>", "ö", "\u0000", "---", "...",
        "{ role: inference }", "[1, 2]", "\">= 99.5%\"", "\"<= 10s\"", "container.kill", "full",
        "ramp", "spike", "step", "infer", "50%", "\"<= 0\"", "[[1, 2, 3, 4, 5, 6, 7, 8]]", "{ kind: ramp, to: 0 }", "auc", "below",
    ];

    [Fact]
    public void Parse_MutatedScenarios_NeverThrowAndLocateEveryError()
    {
        var random = new Random(20240611);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var (valid, invalid) = (0, 0);
        for (var attempt = 0; seen.Count < Variants && attempt < Variants * 10; attempt++)
        {
            var yaml = Mutate(ValidScenarios.EveryKey, random);
            if (!seen.Add(yaml))
            {
                continue;
            }
            var result = Should.NotThrow(() => ScenarioLoader.Parse(yaml, "m.yaml"), $"mutation:\n{yaml}");
            if (result.IsValid)
            {
                result.Errors.ShouldBeEmpty();
                result.Scenario.Load.RatePerSecond.ShouldBeGreaterThan(0);
                result.Scenario.Load.Profile.TotalArrivals(result.Scenario.Load.Duration).ShouldBeGreaterThanOrEqualTo(0);
                valid++;
                continue;
            }
            invalid++;
            result.Errors.ShouldNotBeEmpty();
            foreach (var error in result.Errors)
            {
                error.File.ShouldBe("m.yaml");
                error.Line.ShouldBeGreaterThanOrEqualTo(1, $"mutation:\n{yaml}");
                error.Column.ShouldBeGreaterThanOrEqualTo(1);
                error.Message.ShouldNotBeNullOrWhiteSpace();
            }
        }
        seen.Count.ShouldBeGreaterThanOrEqualTo(1_000);
        invalid.ShouldBeGreaterThan(valid);
    }

    private static string Mutate(string yaml, Random random)
    {
        var steps = random.Next(1, 4);
        for (var i = 0; i < steps; i++)
        {
            yaml = MutateOnce(yaml, random);
        }
        return yaml;
    }

    private static string MutateOnce(string yaml, Random random)
    {
        var lines = yaml.Split('\n').ToList();
        var line = random.Next(lines.Count);
        switch (random.Next(8))
        {
            case 0:
                lines.RemoveAt(line);
                break;
            case 1:
                var other = random.Next(lines.Count);
                (lines[line], lines[other]) = (WithValue(lines[line], ValueOf(lines[other])), WithValue(lines[other], ValueOf(lines[line])));
                break;
            case 2:
                lines[line] = WithValue(lines[line], Tokens[random.Next(Tokens.Length)]);
                break;
            case 3:
                return yaml[..random.Next(yaml.Length)];
            case 4:
                lines[line] = random.Next(2) == 0 ? new string(' ', random.Next(1, 4)) + lines[line] : lines[line].TrimStart();
                break;
            case 5:
                var position = random.Next(lines[line].Length + 1);
                lines[line] = lines[line].Insert(position, Tokens[random.Next(Tokens.Length)]);
                break;
            case 6:
                lines.Insert(line, lines[random.Next(lines.Count)]);
                break;
            default:
                lines[line] = lines[line].Replace(":", Tokens[random.Next(Tokens.Length)], StringComparison.Ordinal);
                break;
        }
        return string.Join('\n', lines);
    }

    private static string ValueOf(string line) => line.IndexOf(':', StringComparison.Ordinal) is var i and >= 0 ? line[(i + 1)..].Trim() : line.Trim();

    private static string WithValue(string line, string value) =>
        line.IndexOf(':', StringComparison.Ordinal) is var i and >= 0 ? $"{line[..(i + 1)]} {value}" : value;
}
